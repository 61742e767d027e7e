import ArgumentParser
import Foundation
import VerdictCore
import VerdictXML

extension TestCommand {
    /// `verdict test --update`: each `.expect` rewritten to its dossier's findings, the changed
    /// lines printed per file for review. A case that cannot be judged is left alone (exit 1).
    func runUpdate(_ cases: [String], _ engine: CheckEngine) throws {
        var out = ""
        var files = 0, added = 0, removed = 0, changed = 0, problems = 0
        for path in cases {
            let expectPath = CaseFiles.expectPath(of: path)
            let text = (try? String(contentsOfFile: expectPath, encoding: .utf8)) ?? ""
            let report: DossierReport
            switch engine.check(path) {
            case .failed(let errors):
                for e in errors { out += "FAIL \(path): \(e.file):\(e.line.map(String.init) ?? "?"): \(e.message)\n" }
                problems += 1
                continue
            case .judged(let r): report = r
            }
            let updated: ExpectationUpdate
            switch ExpectationUpdate.update(text, findings: report.findings,
                                            rulesForKind: engine.judge.rules(forKind: report.kind),
                                            knownRules: engine.program.ruleOrder) {
            case .failure(let e):
                out += "FAIL \(expectPath):\(e.line): \(e.message) (not updated)\n"
                problems += 1
                continue
            case .success(let u): updated = u
            }
            guard !updated.changes.isEmpty else { continue }
            try AtomicFile.write(updated.text, to: expectPath)
            files += 1
            out += "\(expectPath)\n"
            for c in updated.changes {
                switch c {
                case .added(let line): added += 1; out += "  + \(line)\n"
                case .removed(let line): removed += 1; out += "  - \(line)\n"
                case .changed(let from, let to): changed += 1; out += "  - \(from)\n  + \(to)\n"
                }
            }
        }
        out += "\(cases.count) cases\n"
        out += "已更新 updated \(files) .expect files: \(added) added, \(removed) removed, \(changed) changed lines\n"
        print(out, terminator: "")
        if problems > 0 { throw ExitCode(1) }
    }
}
