import Foundation

/// What `verdict test --mutate` prints: the surviving mutants (each a condition or constant
/// no case pins down), the marked-equivalent ones apart, and the scores.
public struct MutationReport {
    public let summary: MutationSummary
    public let rulesDirectory: String
    public let cases: Int
    public let passingCases: Int
    public let seconds: Double

    public init(summary: MutationSummary, rulesDirectory: String, cases: Int, passingCases: Int, seconds: Double) {
        self.summary = summary
        self.rulesDirectory = rulesDirectory
        self.cases = cases
        self.passingCases = passingCases
        self.seconds = seconds
    }

    static func location(_ r: MutantResult) -> String { "\(r.path):\(r.line):\(r.column)" }

    /// The edit in one line: `<=` → `<`, or the removed text shortened.
    static func edit(_ m: Mutant) -> String {
        func short(_ s: String) -> String {
            let one = s.split(whereSeparator: { $0 == "\n" || $0 == " " }).joined(separator: " ")
            return one.count > 70 ? String(one.prefix(67)) + "…" : one
        }
        return m.replacement.isEmpty ? "`\(short(m.original))` removed" : "`\(short(m.original))` → `\(m.replacement)`"
    }

    public func text() -> String {
        var out = ""
        let s = summary
        if !s.survivors.isEmpty {
            out += "存活的变异 surviving mutants (no case fails when the rules are changed so):\n"
            for r in s.survivors {
                let m = r.mutant
                out += "SURVIVED \(MutationReport.location(r))  \(m.op.rawValue)  \(MutationReport.edit(m))\n"
                out += "  \(m.owner)" + (m.articles.isEmpty ? "" : " · " + m.articles.joined(separator: "、"))
                if case .survived(let n) = r.status { out += n == 0 ? " · no case judges a dossier it reaches" : " · \(n) cases run" }
                out += "\n"
            }
            out += "\n"
        }
        if !s.equivalent.isEmpty {
            out += "等价的变异 equivalent mutants (marked in the rules, or proved):\n"
            for r in s.equivalent {
                out += "EQUIVALENT \(MutationReport.location(r))  \(MutationReport.edit(r.mutant))  \(r.mutant.owner) — \(r.mutant.equivalentReason ?? "")\n"
                if case .killed(let c, _) = r.status { out += "  warning: killed by \(c): the mark is wrong, remove it\n" }
            }
            out += "\n"
        }
        for r in s.timedOut {
            if case .timedOut(let sec) = r.status {
                out += "TIMED OUT \(MutationReport.location(r))  \(MutationReport.edit(r.mutant)) after \(Int(sec)) s (counted as killed)\n"
            }
        }
        out += table("规则 rule", s.byOwner.map { ($0.owner, $0.score) })
        if !s.byArticle.isEmpty { out += "\n" + table("条文 article", s.byArticle.map { ($0.article, $0.score) }) }
        let killed = s.results.filter { if case .killed = $0.status { return true }; return false }.count
        out += "\n\(s.results.count) mutants of \(rulesDirectory) against \(passingCases) passing cases (of \(cases))\n"
        out += "\(killed) killed, \(s.timedOut.count) timed out, \(s.survivors.count) survived, "
        out += "\(s.equivalent.count) equivalent, \(s.invalid.count) did not load\n"
        out += "mutation score \(s.overall.text) (\(s.overall.killed) of \(s.overall.total)) in \(String(format: "%.1f", seconds)) s\n"
        return out
    }

    func table(_ title: String, _ rows: [(String, MutationScore)]) -> String {
        var out = DisplayWidth.pad(title, to: 44) + "killed".leftPadded(8) + "total".leftPadded(8) + "score".leftPadded(9) + "\n"
        for (name, score) in rows {
            out += DisplayWidth.pad(name, to: 44) + String(score.killed).leftPadded(8) + String(score.total).leftPadded(8) + score.text.leftPadded(9) + "\n"
        }
        return out
    }

    public func json() -> String {
        var w = JSONWriter(pretty: true)
        let s = summary
        w.beginObject()
        w.string("rules", rulesDirectory)
        w.int("cases", cases)
        w.int("passingCases", passingCases)
        w.int("mutants", s.results.count)
        w.int("killed", s.overall.killed)
        w.int("survived", s.survivors.count)
        w.int("equivalent", s.equivalent.count)
        w.int("invalid", s.invalid.count)
        w.int("timedOut", s.timedOut.count)
        w.raw("score", s.overall.permille.map { "\($0 / 10).\($0 % 10)" } ?? "null")
        w.raw("seconds", String(format: "%.2f", seconds))
        w.beginArray("byRule")
        for (o, sc) in s.byOwner { scoreObject(&w, "owner", o, sc) }
        w.endArray()
        w.beginArray("byArticle")
        for (a, sc) in s.byArticle { scoreObject(&w, "article", a, sc) }
        w.endArray()
        w.beginArray("results")
        for r in s.results { result(&w, r) }
        w.endArray()
        w.endObject()
        return w.out + "\n"
    }

    func scoreObject(_ w: inout JSONWriter, _ key: String, _ name: String, _ sc: MutationScore) {
        w.beginObject()
        w.string(key, name)
        w.int("killed", sc.killed)
        w.int("total", sc.total)
        w.raw("score", sc.permille.map { "\($0 / 10).\($0 % 10)" } ?? "null")
        w.endObject()
    }

    func result(_ w: inout JSONWriter, _ r: MutantResult) {
        let m = r.mutant
        w.beginObject()
        w.int("id", m.id)
        w.string("status", MutationReport.statusWord(r.status))
        w.string("file", r.path)
        w.int("line", r.line)
        w.int("column", r.column)
        w.string("operator", m.op.rawValue)
        w.string("original", m.original)
        w.string("mutated", m.replacement)
        w.string("owner", m.owner.description)
        w.beginArray("rules"); for x in m.rules { w.string(nil, x) }; w.endArray()
        w.beginArray("articles"); for x in m.articles { w.string(nil, x) }; w.endArray()
        if let e = m.equivalentReason { w.string("equivalent", e) }
        switch r.status {
        case .killed(let c, let reason): w.string("killedBy", c); w.string("reason", reason)
        case .survived(let n): w.int("casesRun", n)
        case .invalid(let e): w.string("reason", e)
        case .timedOut(let sec): w.raw("seconds", String(format: "%.2f", sec))
        }
        w.endObject()
    }

    static func statusWord(_ s: MutantStatus) -> String {
        switch s {
        case .killed: return "killed"
        case .survived: return "survived"
        case .invalid: return "invalid"
        case .timedOut: return "timed-out"
        }
    }

    /// One test case a mutant: a survivor fails, one that does not load or is marked equivalent is skipped.
    public func junit() -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let s = summary
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"verdict test --mutate\" tests=\"\(s.results.count)\" failures=\"\(s.survivors.count)\">\n"
        out += "  <testsuite name=\"mutants\" tests=\"\(s.results.count)\" failures=\"\(s.survivors.count)\" skipped=\"\(s.results.count - s.overall.total)\" time=\"\(String(format: "%.2f", seconds))\">\n"
        for r in s.results {
            let m = r.mutant
            out += "    <testcase classname=\"\(esc(m.owner.description))\" name=\"\(esc(MutationReport.location(r) + " " + m.op.rawValue + " " + MutationReport.edit(m)))\""
            let body: String?
            switch r.status {
            case .survived where m.equivalentReason != nil: body = "<skipped message=\"equivalent: \(esc(m.equivalentReason ?? ""))\"/>"
            case .survived(let n): body = "<failure message=\"survived: \(n) cases pass with the change\"/>"
            case .invalid(let e): body = "<skipped message=\"does not load: \(esc(e))\"/>"
            default: body = nil
            }
            out += body.map { ">\n      \($0)\n    </testcase>\n" } ?? "/>\n"
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }
}
