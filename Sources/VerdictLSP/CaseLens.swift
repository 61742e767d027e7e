import Foundation
import VerdictCore
import VerdictXML

/// How each rule fares on the library's example cases (`verdict test`), for the code lens
/// over each rule: expectations that hold and that do not, per rule.
struct CaseLens: Sendable {
    struct Tally: Sendable {
        var passed = 0
        var failed = 0
        var cases = 0
    }
    var tallies: [String: Tally] = [:]
    /// Why the cases could not run (the rules on disk do not load, no cases).
    var problem: String?
    var caseCount = 0

    /// Runs every case of the rules directory as saved on disk.
    static func run(rulesDirectory dir: String) -> CaseLens {
        var lens = CaseLens()
        let schema = PathText.joined(PathText.parent(dir), "schema/dossier.xsd")
        let engine: CheckEngine
        do {
            engine = try CheckEngine(rulesDirectory: dir, schemaPath: schema)
        } catch {
            lens.problem = "the saved rules do not load"
            return lens
        }
        let found = CaseFiles.find(in: dir)
        lens.caseCount = found.cases.count
        if found.cases.isEmpty { lens.problem = "no example cases" }
        for path in found.cases {
            let text = (try? String(contentsOfFile: CaseFiles.expectPath(of: path), encoding: .utf8)) ?? ""
            guard case .success(let expected) = Expectation.parse(text) else { continue }
            let findings: [Finding]
            switch engine.check(path) {
            case .failed: findings = []
            case .judged(let report): findings = report.findings
            }
            let rules = Set(expected.map(\.rule)).union(findings.filter { $0.outcome != .notApplicable }.map(\.rule))
            for rule in rules {
                let e = expected.filter { $0.rule == rule }
                let f = findings.filter { $0.rule == rule }
                let problems = Expectation.compare(e, f)
                var t = lens.tallies[rule] ?? Tally()
                t.cases += 1
                if problems.isEmpty { t.passed += 1 } else { t.failed += 1 }
                lens.tallies[rule] = t
            }
        }
        return lens
    }

    func title(_ rule: String) -> String {
        if let problem { return "example cases: \(problem)" }
        guard let t = tallies[rule] else { return "no example case reaches this rule" }
        if t.failed == 0 { return "✓ \(t.passed) example case\(t.passed == 1 ? "" : "s") pass" }
        return "✗ \(t.failed) of \(t.cases) example cases fail"
    }
}
