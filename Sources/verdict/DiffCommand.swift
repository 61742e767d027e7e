import ArgumentParser
import Foundation
import VerdictCore
import VerdictXML

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Re-check dossiers under two rule versions and list only the verdicts that change, with both summaries.",
        discussion: "Exit status 0 when nothing changes, 1 when some verdict changes, 2 when either rule set does not load."
    )

    @Option(name: .long, help: "Judge as of this date instead of each dossier's own as-of.")
    var asOf: String?

    @Option(name: .long, help: "text or json.")
    var format: Format = .text

    @Option(name: .long, help: "Dossiers checked in parallel (default: all cores).")
    var jobs: Int?

    @Argument(help: "The rules in force now.")
    var oldRules: String

    @Argument(help: "The proposed rules.")
    var newRules: String

    @Argument(help: "Dossier files or directories.")
    var dossiers: [String]

    enum Format: String, ExpressibleByArgument { case text, json }

    struct Change {
        var file: String
        var rule: String
        var subject: String?
        var old: String
        var new: String
    }

    func engine(_ dir: String) throws -> CheckEngine {
        var o = try RuleOptions.parse([])
        o.rules = dir
        o.asOf = asOf
        return try o.engine(colour: Terminal.colour(fd: 2))
    }

    func run() throws {
        let old = try engine(oldRules)
        let new = try engine(newRules)
        let (files, errors) = DossierFiles.expand(dossiers)
        var oldSummary = Summary(), newSummary = Summary()
        var oldReports: [Int: DossierReport] = [:]
        var changes: [Change] = []
        var unreadable = errors
        old.checkAll(files, jobs: jobs ?? CheckEngine.coreCount) { i, outcome in
            switch outcome {
            case .judged(let r): oldSummary.add(r); oldReports[i] = r
            case .failed(let es): unreadable += es
            }
        }
        new.checkAll(files, jobs: jobs ?? CheckEngine.coreCount) { i, outcome in
            guard case .judged(let r) = outcome else { return }
            newSummary.add(r)
            let before = oldReports.removeValue(forKey: i)
            func key(_ f: Finding) -> String { f.rule + "\u{0}" + (f.subject ?? "") }
            func show(_ f: Finding?) -> String {
                guard let f else { return "—" }
                return f.outcome.rawValue + (f.value.map { " (\($0))" } ?? "")
            }
            var oldByKey: [String: Finding] = [:]
            for f in before?.findings ?? [] { oldByKey[key(f)] = f }
            var seen: Set<String> = []
            for f in r.findings {
                seen.insert(key(f))
                let o = oldByKey[key(f)]
                if show(o) != show(f) && !(o == nil && f.outcome == .notApplicable) {
                    changes.append(Change(file: r.file, rule: f.rule, subject: f.subject, old: show(o), new: show(f)))
                }
            }
            for f in before?.findings ?? [] where !seen.contains(key(f)) && f.outcome != .notApplicable {
                changes.append(Change(file: r.file, rule: f.rule, subject: f.subject, old: show(f), new: "—"))
            }
            if let b = before, b.status != r.status {
                changes.append(Change(file: r.file, rule: "(status)", subject: nil, old: b.status.rawValue, new: r.status.rawValue))
            }
        }
        oldSummary.errors = Set(unreadable.map(\.file)).count
        newSummary.errors = oldSummary.errors
        if format == .json {
            var w = JSONWriter(pretty: true)
            w.beginObject()
            w.beginArray("changes")
            for c in changes {
                w.beginObject()
                w.string("file", c.file); w.string("rule", c.rule); w.string("subject", c.subject)
                w.string("old", c.old); w.string("new", c.new)
                w.endObject()
            }
            w.endArray()
            for (name, s) in [("old", oldSummary), ("new", newSummary)] {
                w.beginObject(name)
                w.int("dossiers", s.dossiers); w.int("compliant", s.compliant); w.int("noncompliant", s.noncompliant)
                w.int("incomplete", s.incomplete); w.int("errors", s.errors)
                w.endObject()
            }
            w.endObject()
            print(w.out)
        } else {
            var out = ""
            var byRule: [String: Int] = [:]
            for c in changes { byRule[c.rule, default: 0] += 1 }
            for c in changes {
                out += "\(c.file)  \(c.rule)\(c.subject.map { " (\($0))" } ?? "")  \(c.old) → \(c.new)\n"
            }
            out += "\n变化 changes: \(changes.count)\n"
            for (rule, n) in byRule.sorted(by: { $0.key < $1.key }) { out += "  \(rule): \(n)\n" }
            out += "\n               旧 old    新 new\n"
            let rows: [(String, Int, Int)] = [("dossiers", oldSummary.dossiers, newSummary.dossiers), ("compliant", oldSummary.compliant, newSummary.compliant),
                                              ("noncompliant", oldSummary.noncompliant, newSummary.noncompliant), ("incomplete", oldSummary.incomplete, newSummary.incomplete),
                                              ("errors", oldSummary.errors, newSummary.errors)]
            for (k, a, b) in rows { out += "  \(k.padding(toLength: 14, withPad: " ", startingAt: 0))\(String(a).leftPadded(6))    \(String(b).leftPadded(6))\n" }
            for rule in newSummary.valueOrder {
                let keys = Set((oldSummary.values[rule] ?? [:]).keys).union((newSummary.values[rule] ?? [:]).keys).sorted()
                out += "  \(rule): " + keys.map { "\($0) \(oldSummary.values[rule]?[$0] ?? 0)→\(newSummary.values[rule]?[$0] ?? 0)" }.joined(separator: ", ") + "\n"
            }
            print(out, terminator: "")
        }
        if !unreadable.isEmpty {
            for e in unreadable { Terminal.stderr("\(e.file)\(e.line.map { ":\($0)" } ?? ""): \(e.message)\n") }
        }
        if !changes.isEmpty { throw ExitCode(1) }
    }
}
