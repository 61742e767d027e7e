import Foundation
import Testing
import VerdictCore
import VerdictXML

@Suite("verdict explain and what would change")
struct ExplainTests {
    /// One rule of each kind, on a shipped example.
    static let cases: [(String, String)] = [
        ("committee.party-share", "examples/community/committee-party-share-2-of-5.xml"),
        ("assembly.quorum", "examples/community/quorum-one-cent-below.xml"),
        ("assembly.approval", "examples/community/approval-exactly-half.xml"),
        ("dismissal.notice", "examples/community/dismissal-contract-notice-30-days.xml"),
        ("handover.exit", "examples/community/handover-deadline-national-day.xml"),
        ("renewal.firm-notice", "examples/community/renewal-firm-notice-89-days.xml"),
        ("supervision.rectification", "examples/community/rectification-one-day-late.xml"),
        ("credit.grade", "examples/firm/credit-b-at-89.99.xml"),
        ("service.tier", "examples/firm/service-missing-measure.xml"),
        ("renovation.unanimous-consent", "examples/renovation/consent-missing-owner-and-no.xml"),
        ("assembly.quorum", "examples/community/decision-before-civil-code.xml"),
    ]

    static let arguments = cases.map { "\($0.0) \($0.1)" }

    /// The trace carries values, not only their text: a reader takes the quorum's areas as exact
    /// numbers and the comparison's result as a truth value, without parsing what explain prints.
    @Test func traceValuesAreTyped() throws {
        guard let (findings, _) = explained("assembly.quorum", Repo.path("examples/community/quorum-one-cent-below.xml")),
              let f = findings.first else {
            Issue.record("quorum-one-cent-below.xml not explained")
            return
        }
        var area: Value?
        var comparison: (TraceValue, TraceValue, TraceValue)?
        for e in f.trace {
            switch e {
            case .computed("participating-area", let v, _): area = v.value
            case .compared(let x, let l, _, let r, let res) where x.hasPrefix("participating-area >= area-needed"): comparison = (l, r, res)
            default: break
            }
        }
        guard case .number(let participating, _)? = area else {
            Issue.record("participating-area is not a number in the trace: \(String(describing: area))")
            return
        }
        guard let (l, r, res) = comparison, case .number(let left, _) = l.value, case .number(let needed, _) = r.value,
              case .boolean(let met) = res.value else {
            Issue.record("no typed comparison of participating-area with area-needed")
            return
        }
        #expect(left == participating)
        #expect(met == false)
        #expect(left < needed)
        #expect(l.text == Display.exact(l.value, nil))
    }

    @Test(arguments: arguments)
    func golden(_ c: String) throws {
        let parts = c.split(separator: " ").map(String.init)
        let (rule, rel) = (parts[0], parts[1])
        guard let (findings, asOf) = explained(rule, Repo.path(rel)) else {
            Issue.record("\(rel) not loaded")
            return
        }
        let ex = Explanation(program: Repo.engine.program, dossierFile: rel, asOf: asOf)
        let text = findings.map(ex.text).joined(separator: "\n")
        let name = rule + "--" + (rel as NSString).lastPathComponent.replacingOccurrences(of: ".xml", with: "")
        assertGolden(text, "Tests/Fixtures/explain/\(name).txt")
        // The derivation carries facts with dossier lines, the branch and the law's text.
        #expect(text.contains("法律依据 cited law"))
        #expect(text.contains("判定 decided by") || findings.allSatisfy { $0.outcome == .unknown })
        let json = ex.json(findings)
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((obj?["findings"] as? [Any])?.count == findings.count)
    }

    @Test func explainShowsFactsWithLinesAndExactArithmetic() throws {
        let rel = "examples/community/quorum-one-cent-below.xml"
        guard let (findings, asOf) = explained("assembly.quorum", Repo.path(rel)) else { return }
        let text = Explanation(program: Repo.engine.program, dossierFile: rel, asOf: asOf).text(findings[0])
        #expect(text.contains("\(rel):13  o001.area = 89.52"))
        #expect(text.contains("participating-area >= area-needed：1025.93 (= 102593/100) >= 1025.94 (= 51297/50) → false"))
        #expect(text.contains("「业主共同决定事项，应当由专有部分面积占比三分之二以上的业主"))
    }

    @Test func explainNamesTheBranchOfADefault() throws {
        let rel = "examples/community/dismissal-contract-notice-30-days.xml"
        guard let (findings, asOf) = explained("dismissal.notice", Repo.path(rel)) else { return }
        let text = Explanation(program: Repo.engine.program, dossierFile: rel, asOf: asOf).text(findings[0])
        #expect(text.contains("约定例外 the agreed exception — 合同约定的解聘通知期限（contract.dismissal-notice-days days = 30 日）"))
    }

    /// The quorum's "what would change" names owners; adding exactly their ballots passes,
    /// one fewer does not.
    @Test(arguments: ["examples/community/quorum-one-cent-below.xml", "examples/community/quorum-needs-area-and-owners.xml",
                      "examples/community/decision-nobody-voted.xml"])
    func quorumChangeIsTheSmallestThatPasses(_ rel: String) throws {
        let text = try String(contentsOfFile: Repo.path(rel), encoding: .utf8)
        guard case .judged(let report) = Repo.engine.check(Repo.path(rel)),
              let f = report.findings.first(where: { $0.rule == "assembly.quorum" && $0.outcome == .fail }),
              let change = f.changes.first, let decision = f.subject else {
            Issue.record("\(rel): no failing quorum with a change")
            return
        }
        // "按面积从大到小，o011（135.20㎡）、o014（…） 共 N 人"
        let listed = change.components(separatedBy: "按面积从大到小，").last?.components(separatedBy: " 共 ").first ?? ""
        let owners = listed.components(separatedBy: "、").compactMap { $0.components(separatedBy: "（").first }.filter { !$0.isEmpty }
        #expect(!owners.isEmpty, "\(change)")
        func withBallots(_ ids: [String]) throws -> String {
            let ballots = ids.map { "<ballot owner=\"\($0)\" vote=\"yes\"/>" }.joined()
            // Insert the ballots at the end of the failing decision.
            guard let start = text.range(of: "id=\"\(decision)\""), let close = text.range(of: "</decision>", range: start.upperBound..<text.endIndex) else {
                let selfClosing = text.range(of: "id=\"\(decision)\"")
                guard let s = selfClosing, let end = text.range(of: "/>", range: s.upperBound..<text.endIndex) else { return text }
                return text.replacingCharacters(in: end, with: ">\(ballots)</decision>")
            }
            return text.replacingCharacters(in: close, with: ballots + "</decision>")
        }
        func quorum(_ xml: String) throws -> Outcome? {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("quorum-\(UUID().uuidString).xml").path
            try xml.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            guard case .judged(let r) = Repo.engine.check(path) else { return nil }
            return r.findings.first { $0.rule == "assembly.quorum" && $0.subject == decision }?.outcome
        }
        #expect(try quorum(withBallots(owners)) == .pass, "adding \(owners) should reach 2/3")
        #expect(try quorum(withBallots(Array(owners.dropLast()))) == .fail, "one fewer than \(owners) should not")
    }

    @Test func approvalChangeCountsTheYesVotesNeeded() throws {
        guard case .judged(let r) = Repo.engine.check(Repo.path("examples/community/approval-exactly-half.xml")),
              let f = r.findings.first(where: { $0.rule == "assembly.approval" }) else { return }
        // Exactly half the area said yes: 过半数 needs 0.01 m² more.
        #expect(f.changes.first?.contains("0.01㎡ 改投同意") == true, "\(f.changes)")
    }

    @Test func lateNoticeChangeGivesTheEarliestLawfulDate() throws {
        guard case .judged(let r) = Repo.engine.check(Repo.path("examples/community/dismissal-notice-one-day-short.xml")),
              let f = r.findings.first(where: { $0.rule == "dismissal.notice" }) else { return }
        #expect(f.changes.first?.contains("或之后即为合法") == true)
    }
}
