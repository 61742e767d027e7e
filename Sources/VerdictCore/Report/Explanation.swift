/// `verdict explain`: a finding's derivation, rendered from the interpreter's trace
/// events (nothing is recomputed for display).
public struct Explanation {
    public let program: Program
    public let dossierFile: String
    public let asOf: CivilDate
    public var colour = false
    /// How many facts read are listed one by one in text (JSON lists them all).
    public var factLimit = 40

    public init(program: Program, dossierFile: String, asOf: CivilDate) {
        self.program = program
        self.dossierFile = dossierFile
        self.asOf = asOf
    }

    func bold(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }

    /// The cited articles' verbatim text, or the note that the text is not on file.
    func citations(_ ruleId: String) -> [(cite: String, text: String?)] {
        guard let rule = program.rules[ruleId]?.first else { return [] }
        return rule.cites.map { (program.citeText($0), program.citedText($0)) }
    }

    public func text(_ f: Finding) -> String {
        var out = bold("\(f.rule)\(f.subject.map { " (\($0))" } ?? "")  \(f.title)") + "  [\(f.level.rawValue)]\n"
        out += "  卷宗 dossier: \(dossierFile)    截至 as of: \(asOf)\n"
        out += "  结论 outcome: \(bold(f.outcome.rawValue))\(f.value.map { "    值 value: \($0)" } ?? "")\n"
        out += "  说明 message: \(f.message)\n"
        out += "\n" + bold("  法律依据 cited law") + "\n"
        for (cite, text) in citations(f.rule) {
            out += "    \(cite)\n"
            out += "      \(text.map { "「\($0)」" } ?? "（文本未存档 the document's own text is not on file）")\n"
        }
        var reads: [(String, String, Int?)] = []
        var computed: [(String, String, String)] = []
        var comparisons: [String] = []
        var arithmetic: [String] = []
        var bases: [BasisRecord] = []
        var moves: [String] = []
        var branch: String?
        var version: String?
        for e in f.trace {
            switch e {
            case .readFact(let n, let v, let l): reads.append((n, v.text, l))
            case .computed(let n, let v, let x): computed.append((n, v.text, x))
            case .compared(let x, let l, let op, let r, let res): comparisons.append("\(x)：\(l) \(op) \(r) → \(res)")
            case .arithmetic(let x, let t): arithmetic.append("\(x)：\(t)")
            case .basis(let b): bases.append(b)
            case .moved(let from, let to, let uncovered):
                var m = from == to ? "\(from) 是工作日，不顺延" : "\(from) 是休息日，依第二百零三条顺延至 \(to)"
                if !uncovered.isEmpty { m += "（\(uncovered.map(String.init).joined(separator: "、")) 年不在节假日历内，仅按周末计算）" }
                moves.append(m)
            case .branch(let o, let c): branch = "\(o.rawValue) ← \(c)"
            case .version(let from, let until, let event):
                if from == nil && until == nil {
                    version = "事件日期 \(event)；本规则未限定施行期间 (no in-force dates)"
                } else {
                    version = "事件日期 \(event)，适用\(from.map { "自 \($0) 起" } ?? "")\(until.map { "至 \($0) 止" } ?? "")施行的版本"
                }
            case .note(let n): moves.append(n)
            case .param, .subject: break
            }
        }
        if let version { out += "\n" + bold("  适用版本 version in force") + "\n    \(version)\n" }
        if !reads.isEmpty {
            out += "\n" + bold("  读取的事实 facts read (\(reads.count))") + "\n"
            for (n, v, l) in reads.prefix(factLimit) {
                out += "    \(dossierFile):\(l.map(String.init) ?? "?")  \(n) = \(v)\n"
            }
            if reads.count > factLimit { out += "    … 另有 \(reads.count - factLimit) 项（--format json 列出全部）\n" }
        }
        if !computed.isEmpty {
            out += "\n" + bold("  计算 computed") + "\n"
            var seen: Set<String> = []
            for (n, v, x) in computed where seen.insert(n).inserted {
                out += "    \(n) = \(x)\n      = \(v)\n"
            }
        }
        if !arithmetic.isEmpty {
            out += "\n" + bold("  算式 arithmetic (exact)") + "\n"
            for a in Self.unique(arithmetic).prefix(factLimit) { out += "    \(a)\n" }
        }
        if !comparisons.isEmpty {
            out += "\n" + bold("  比较 comparisons") + "\n"
            for c in Self.unique(comparisons).prefix(factLimit) { out += "    \(c)\n" }
        }
        if !bases.isEmpty || !moves.isEmpty {
            out += "\n" + bold("  默认与例外 defaults, exceptions and periods") + "\n"
            for b in bases {
                let which = b.branch == "default" ? "法定默认 the statute's default" : "约定例外 the agreed exception"
                out += "    \(b.name)：\(which) — \(b.source)（\(b.detail)）\n"
            }
            for m in moves { out += "    \(m)\n" }
        }
        if !f.params.isEmpty {
            out += "\n" + bold("  参数 parameters") + "\n"
            for p in f.params {
                out += "    \(p.name) = \(p.value)  来源 source: \(p.source)\(p.placeholder ? "  【占位值 placeholder，非法律规定】" : "")\n"
            }
        }
        if let branch { out += "\n" + bold("  判定 decided by") + "\n    \(branch)\n" }
        if !f.changes.isEmpty {
            out += "\n" + bold("  改变结论所需 what would change the outcome") + "\n"
            for c in f.changes { out += "    \(c)\n" }
        }
        if !f.steps.isEmpty {
            out += "\n" + bold("  下一步 next steps") + "\n"
            for s in f.steps { out += "    \(s.due.map { "\($0)" } ?? "（无期限）")  \(s.action)  [\(s.cites.joined(separator: "；"))]\n" }
        }
        return out
    }

    static func unique(_ xs: [String]) -> [String] {
        var seen: Set<String> = []
        return xs.filter { seen.insert($0).inserted }
    }

    /// The same derivation as data.
    public func json(_ findings: [Finding]) -> String {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.string("dossier", dossierFile)
        w.string("asOf", asOf.description)
        w.beginArray("findings")
        for f in findings {
            w.beginObject()
            w.string("rule", f.rule)
            w.string("subject", f.subject)
            w.string("outcome", f.outcome.rawValue)
            w.string("level", f.level.rawValue)
            w.string("title", f.title)
            w.string("message", f.message)
            w.string("value", f.value)
            w.beginArray("law")
            for (cite, text) in citations(f.rule) {
                w.beginObject()
                w.string("cite", cite)
                w.string("text", text)
                w.bool("onFile", text != nil)
                w.endObject()
            }
            w.endArray()
            w.beginArray("trace")
            for e in f.trace { Self.write(e, &w, dossierFile) }
            w.endArray()
            JSONReport.writeParams(f.params, &w)
            w.beginArray("changes")
            for c in f.changes { w.string(nil, c) }
            w.endArray()
            JSONReport.writeSteps(f.steps, title: f.title, &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.out + "\n"
    }

    static func write(_ e: TraceEvent, _ w: inout JSONWriter, _ file: String) {
        w.beginObject()
        switch e {
        case .readFact(let n, let v, let l):
            w.string("event", "read"); w.string("fact", n); w.string("value", v.text); w.string("file", file); w.int("line", l)
        case .computed(let n, let v, let x):
            w.string("event", "computed"); w.string("name", n); w.string("expression", x); w.string("value", v.text)
        case .compared(let x, let l, let op, let r, let res):
            w.string("event", "compared"); w.string("expression", x); w.string("left", l.text); w.string("op", op); w.string("right", r.text); w.string("result", res.text)
        case .arithmetic(let x, let t):
            w.string("event", "arithmetic"); w.string("expression", x); w.string("exact", t)
        case .basis(let b):
            w.string("event", b.branch); w.string("name", b.name); w.string("source", b.source); w.string("detail", b.detail)
        case .param(let n, let v, let s, let p):
            w.string("event", "param"); w.string("name", n); w.string("value", v); w.string("source", s); w.bool("placeholder", p)
        case .branch(let o, let c):
            w.string("event", "decided"); w.string("outcome", o.rawValue); w.string("condition", c)
        case .moved(let from, let to, let uncovered):
            w.string("event", "art203"); w.string("lastDay", from.description); w.string("movedTo", to.description)
            w.beginArray("yearsNotInCalendar"); for y in uncovered { w.int(nil, y) }; w.endArray()
        case .version(let from, let until, let event):
            w.string("event", "version"); w.string("inForceFrom", from?.description); w.string("inForceUntil", until?.description); w.string("eventDate", event.description)
        case .note(let n):
            w.string("event", "note"); w.string("text", n)
        case .subject(let s):
            w.string("event", "subject"); w.string("subject", s)
        }
        w.endObject()
    }
}
