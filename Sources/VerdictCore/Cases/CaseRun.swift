/// Results of running the rule library's own cases (`verdict test`).
public struct CaseResult: Sendable {
    public var dossier: String
    public var expectations: Int
    public var failures: [String]
    /// A dossier that could not be judged, or an expectation file that does not parse.
    public var error: String?
    public var findings: [Finding]

    public init(dossier: String, expectations: Int, failures: [String], error: String?, findings: [Finding]) {
        self.dossier = dossier
        self.expectations = expectations
        self.failures = failures
        self.error = error
        self.findings = findings
    }
}

public enum CaseReport {
    /// `N passed, M failed` over expectations (an unexpected finding or an unreadable case is a failure).
    public static func counts(_ results: [CaseResult]) -> (passed: Int, failed: Int) {
        var passed = 0, failed = 0
        for r in results {
            if r.error != nil { failed += 1; continue }
            let expectationFailures = r.failures.filter { !$0.hasPrefix("not expected:") }.count
            passed += r.expectations - expectationFailures
            failed += r.failures.count
        }
        return (passed, failed)
    }

    public static func junit(_ results: [CaseResult]) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let (passed, failed) = counts(results)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"verdict test\" tests=\"\(passed + failed)\" failures=\"\(failed)\">\n"
        out += "  <testsuite name=\"rule cases\" tests=\"\(results.count)\" failures=\"\(results.filter { !$0.failures.isEmpty || $0.error != nil }.count)\">\n"
        for r in results {
            out += "    <testcase classname=\"verdict.cases\" name=\"\(esc(r.dossier))\""
            if r.failures.isEmpty && r.error == nil {
                out += "/>\n"
                continue
            }
            out += ">\n"
            if let e = r.error { out += "      <error message=\"\(esc(e))\"/>\n" }
            for f in r.failures { out += "      <failure message=\"\(esc(f))\"/>\n" }
            out += "    </testcase>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// Which outcomes the cases reach, per rule and per cited article (paragraph).
    public static func coverage(_ results: [CaseResult], _ program: Program) -> String {
        var byRule: [String: [Outcome: Int]] = [:]
        for r in results { for f in r.findings { byRule[f.rule, default: [:]][f.outcome, default: 0] += 1 } }
        let outcomes = Outcome.allCases
        func row(_ name: String, _ counts: [Outcome: Int]) -> String {
            let cells = outcomes.map { o -> String in
                let n = counts[o] ?? 0
                return (n == 0 ? "—" : String(n)).leftPadded(8)
            }
            return DisplayWidth.pad(name, to: 40) + cells.joined()
        }
        var out = DisplayWidth.pad("规则 rule", to: 40) + outcomes.map { $0.rawValue.leftPadded(8) }.joined() + "\n"
        for id in program.ruleOrder { out += row(id, byRule[id] ?? [:]) + "\n" }
        var byCite: [String: [Outcome: Int]] = [:]
        var citeOrder: [String] = []
        for id in program.ruleOrder {
            for c in program.rules[id]?.first?.cites ?? [] {
                let key = program.citeText(c)
                if byCite[key] == nil { citeOrder.append(key); byCite[key] = [:] }
                for (o, n) in byRule[id] ?? [:] { byCite[key, default: [:]][o, default: 0] += n }
            }
        }
        out += "\n" + DisplayWidth.pad("条文 article", to: 40) + outcomes.map { $0.rawValue.leftPadded(8) }.joined() + "\n"
        for key in citeOrder { out += row(key, byCite[key] ?? [:]) + "\n" }
        let declaredUncited = program.articles.values.filter { a in
            !citeOrder.contains { $0.hasPrefix(a.title) }
        }.map(\.title).sorted()
        if !declaredUncited.isEmpty {
            out += "\n未被任何规则引用的条文 articles no rule cites: " + declaredUncited.joined(separator: "、") + "\n"
        }
        let untested = program.ruleOrder.filter { byRule[$0] == nil }
        if !untested.isEmpty { out += "\n没有用例的规则 rules no case reaches: " + untested.joined(separator: ", ") + "\n" }
        return out
    }
}
