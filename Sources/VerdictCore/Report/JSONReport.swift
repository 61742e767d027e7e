/// `--format json` and `jsonl`, as REPORT.md and report.schema.json fix them.
public enum JSONReport {
    /// Which rules judged: `"rules": {"directory", "version"}` after the summary.
    public struct RulesUsed: Sendable {
        public let directory: String
        public let version: String
        public init(directory: String, version: String) {
            self.directory = directory
            self.version = version
        }
    }

    public static func document(_ dossiers: [DossierReport], _ errors: [ReportError], _ summary: Summary, rules: RulesUsed? = nil) -> String {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.beginArray("dossiers")
        for d in dossiers { write(d, &w) }
        w.endArray()
        writeTail(errors, summary, rules, &w)
        w.endObject()
        return w.out + "\n"
    }

    /// One dossier object, pretty-printed and indented to sit inside `"dossiers": [ … ]`.
    public static func indented(_ d: DossierReport, by spaces: Int) -> String {
        var w = JSONWriter(pretty: true)
        write(d, &w)
        let pad = String(repeating: " ", count: spaces)
        return w.out.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n")
    }

    /// `"errors": […], "summary": {…}` as members of the top-level object (indented by two).
    public static func tailMembers(_ errors: [ReportError], _ summary: Summary, rules: RulesUsed? = nil) -> String {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        writeTail(errors, summary, rules, &w)
        w.endObject()
        let lines = w.out.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.dropFirst().dropLast().joined(separator: "\n")
    }

    /// One line for one dossier (jsonl).
    /// `explain` of a rule that does not judge this kind of dossier (one line, no newline):
    /// `{"rule":…,"applies":false,"kind":…,"kinds":[…],"findings":[]}`. The CLI and the server answer with it.
    public static func notForKind(rule: String, kind: String, kinds: [String]) -> String {
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.string("rule", rule)
        w.bool("applies", false)
        w.string("kind", kind)
        w.beginArray("kinds")
        for k in kinds { w.string(nil, k) }
        w.endArray()
        w.beginArray("findings")
        w.endArray()
        w.endObject()
        return w.out
    }

    public static func line(_ d: DossierReport) -> String {
        var w = JSONWriter(pretty: false)
        write(d, &w)
        return w.out
    }

    /// The UTF-8 bytes of `line(d)`, handed to `write` a piece at a time as they are made (what
    /// `check --format jsonl` writes: a 200,000-owner report is 15 MB, never held whole).
    public static func streamLine(_ d: DossierReport, _ write: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        var w = JSONWriter(pretty: false, drain: write)
        Self.write(d, &w)
        w.drainRest()
    }

    /// The last jsonl line: `{"errors": [...], "summary": {...}}`.
    public static func tail(_ errors: [ReportError], _ summary: Summary, rules: RulesUsed? = nil) -> String {
        var w = JSONWriter(pretty: false)
        w.beginObject()
        writeTail(errors, summary, rules, &w)
        w.endObject()
        return w.out
    }

    static func writeTail(_ errors: [ReportError], _ summary: Summary, _ rules: RulesUsed?, _ w: inout JSONWriter) {
        w.beginArray("errors")
        for e in errors {
            w.beginObject()
            w.string("file", e.file)
            w.int("line", e.line)
            w.int("column", e.column)
            w.string("message", e.message)
            w.endObject()
        }
        w.endArray()
        w.beginObject("summary")
        w.int("dossiers", summary.dossiers)
        w.int("compliant", summary.compliant)
        w.int("noncompliant", summary.noncompliant)
        w.int("incomplete", summary.incomplete)
        w.int("errors", summary.errors)
        for rule in summary.valueOrder {
            w.beginObject(rule)
            for (k, n) in (summary.values[rule] ?? [:]).sorted(by: { $0.key < $1.key }) { w.int(k, n) }
            w.endObject()
        }
        w.endObject()
        if let rules {
            w.beginObject("rules")
            w.string("directory", rules.directory)
            w.string("version", rules.version)
            w.endObject()
        }
    }

    static func write(_ d: DossierReport, _ w: inout JSONWriter) {
        w.beginObject()
        w.string("file", d.file)
        w.string("id", d.id)
        w.string("kind", d.kind)
        w.string("asOf", d.asOf.description)
        if let source = d.asOfSource { w.string("asOfSource", source.rawValue) }
        w.string("status", d.status.rawValue)
        w.beginArray("findings")
        for f in d.findings { write(f, &w) }
        w.endArray()
        w.beginArray("steps")
        for s in d.steps {
            w.beginObject()
            w.string("action", s.action)
            w.string("due", s.due?.description)
            w.string("rule", s.rule)
            w.endObject()
        }
        w.endArray()
        w.beginArray("warnings")
        for x in d.warnings {
            w.beginObject()
            w.int("line", x.line)
            w.string("message", x.message)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    static func write(_ f: Finding, _ w: inout JSONWriter) {
        w.beginObject()
        w.string("rule", f.rule)
        w.string("subject", f.subject)
        w.string("outcome", f.outcome.rawValue)
        w.string("level", f.level.rawValue)
        w.string("title", f.title)
        w.beginArray("cite")
        for c in f.cites { w.string(nil, c) }
        w.endArray()
        w.string("message", f.message)
        w.string("value", f.value)
        w.beginObject("facts")
        var seen: Set<String> = []
        for (k, v) in f.facts where seen.insert(k).inserted { w.string(k, v) }
        w.endObject()
        writeParams(f.params, &w)
        writeSteps(f.steps, title: f.title, &w)
        w.endObject()
    }

    /// `"params": {NAME: {value, source, placeholder}}`, shared with `explain --format json`.
    static func writeParams(_ params: [Finding.ParamUse], _ w: inout JSONWriter) {
        w.beginObject("params")
        for p in params {
            w.beginObject(p.name)
            w.string("value", p.value)
            w.string("source", p.source)
            w.bool("placeholder", p.placeholder)
            w.endObject()
        }
        w.endObject()
    }

    /// `"steps": [{action, due, cite}]`, shared with `explain --format json`.
    static func writeSteps(_ steps: [Finding.Step], title: String, _ w: inout JSONWriter) {
        w.beginArray("steps")
        for s in steps {
            w.beginObject()
            w.string("action", s.action.isEmpty ? title : s.action)
            w.string("due", s.due?.description)
            w.beginArray("cite")
            for c in s.cites { w.string(nil, c) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
    }
}
