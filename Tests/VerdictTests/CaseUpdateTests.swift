import Foundation
import Testing
@testable import VerdictCore

/// `verdict test --update`, missing case folders and misspelled rule ids in `.expect` files.
@Suite("verdict test --update", .serialized)
struct CaseUpdateTests {
    /// A rule a legal officer might add: the committee's term of office.
    static let termRule = """

    rule committee.term "业主委员会每届任期不超过五年"
      should
      for community dossiers
      cite 指导规则-31 ¶1
      applies when exists committee and exists committee.elected
      decide
        pass when as-of <= committee.elected + 5 years "{committee.elected} 选举，任期至 {committee.elected + 5 years}"
        otherwise fail "{committee.elected} 选举，任期已于 {committee.elected + 5 years} 届满"
          step "依法换届选举业主委员会" cite 指导规则-31 ¶1

    """

    static func copyOfLibrary(withExamples: Bool) throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("verdict-update-\(getpid())-\(UUID().uuidString.prefix(8))")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        try fm.copyItem(atPath: Repo.path("rules"), toPath: dir.appendingPathComponent("rules").path)
        if withExamples {
            try fm.copyItem(atPath: Repo.path("schema"), toPath: dir.appendingPathComponent("schema").path)
            try fm.copyItem(atPath: Repo.path("examples"), toPath: dir.appendingPathComponent("examples").path)
        }
        return dir
    }

    @Test func addingARuleIsOneUpdateAndAReview() throws {
        let dir = try Self.copyOfLibrary(withExamples: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let committee = dir.appendingPathComponent("rules/community/committee.rules")
        let handle = try FileHandle(forWritingTo: committee)
        handle.seekToEndOfFile()
        handle.write(Data(Self.termRule.utf8))
        try handle.close()

        let before = try runVerdict(["test", "rules"], cwd: dir.path)
        #expect(before.status == 1)
        #expect(before.stdout.contains("not expected: committee.term - pass"), "\(before.stdout.suffix(1500))")

        let update = try runVerdict(["test", "--update", "rules"], cwd: dir.path)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout.contains("examples/community/committee-size-4.expect\n  + committee.term              -    pass\n"), "\(update.stdout.prefix(1500))")
        #expect(update.stdout.contains("+ committee.term              -    n/a"))
        #expect(!update.stdout.contains("\n  - "), "adding a rule removes and changes nothing")

        let after = try runVerdict(["test", "rules"], cwd: dir.path)
        #expect(after.status == 0, "\(after.stdout.suffix(1500))")
        #expect(after.stdout.contains(" passed, 0 failed\n"))

        // The comment block is kept; the new line follows the committee rules; n/a goes to its block.
        let size4 = try String(contentsOf: dir.appendingPathComponent("examples/community/committee-size-4.expect"), encoding: .utf8)
        #expect(size4.hasPrefix("# owners' committee of 4: size fails (4 < 5); party 2/4 = exactly 1/2 passes\ncommittee.size"))
        #expect(size4.contains("committee.linkage-systems   -    pass\ncommittee.term              -    pass\nmanagement.arrangement"))
        let none = try String(contentsOf: dir.appendingPathComponent("examples/community/committee-none.expect"), encoding: .utf8)
        let block = try #require(none.range(of: ExpectationUpdate.notApplicableMarker))
        #expect(none[block.upperBound...].contains("committee.term              -    n/a"))

        let again = try runVerdict(["test", "--update", "rules"], cwd: dir.path)
        #expect(again.stdout.contains("updated 0 .expect files"), "an update is idempotent")
    }

    @Test func aCopyWithoutItsCaseFoldersIsAnError() throws {
        let dir = try Self.copyOfLibrary(withExamples: false)
        defer { try? FileManager.default.removeItem(at: dir) }
        for args in [["test", "rules"], ["test", "--update", "rules"]] {
            let r = try runVerdict(args, cwd: dir.path)
            #expect(r.status == 2)
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains("rules/cases.paths:3: 用例目录不存在 case folder `../examples/community` does not exist"), "\(r.stderr)")
            #expect(r.stderr.contains("cases.paths:7:"))
        }
    }

    @Test func tableGapsAreWarningsWhenTheRulesLoad() throws {
        let dir = try Self.copyOfLibrary(withExamples: false)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("rules")
        try "cases\n".write(to: rules.appendingPathComponent("cases.paths"), atomically: true, encoding: .utf8)
        let cases = rules.appendingPathComponent("cases")
        try FileManager.default.createDirectory(at: cases, withIntermediateDirectories: true)
        for ext in ["xml", "expect"] {
            try FileManager.default.copyItem(atPath: Repo.path("examples/community/committee-size-5.\(ext)"), toPath: cases.appendingPathComponent("c.\(ext)").path)
        }
        try """
        table zz-band(total: decimal) first hit
          | total | => band |
          | >= 90 | "A" |

        """.write(to: rules.appendingPathComponent("zz.rules"), atomically: true, encoding: .utf8)
        let r = try runVerdict(["test", "rules"], cwd: dir.path)
        #expect(r.status == 0, "a warning does not fail the cases: \(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("rules/zz.rules:1:1: warning[L0006]: table `zz-band` has no row for `89`"), "\(r.stderr)")
        #expect(r.stdout.contains("1 cases\n"))
        let diagnostics = loadWarnings(try #require(checkRules([("zz.rules", "table zz-band(total: decimal) first hit\n  | total | => band |\n  | >= 90 | \"A\" |\n")]).0))
        #expect(diagnostics.map(\.code) == [.tableGap])
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func updateRefusesAsOfAndParams() throws {
        let r = try runVerdict(["test", "--update", "--as-of", "2025-01-01", "rules"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("drop --as-of and --param"))
    }

    @Test func misspelledRuleIdsGetADidYouMean() throws {
        let expected = try #require(try? Expectation.parse("dismisal.notice  n1  pass\ncommittee.size - n/a\n").get())
        let problems = Expectation.compare(expected, [], knownRules: ["dismissal.notice", "committee.size"])
        #expect(problems == ["line 1: unknown rule `dismisal.notice`; did you mean `dismissal.notice`?"])
    }

    static func finding(_ rule: String, _ subject: String?, _ outcome: Outcome, value: String? = nil, due: CivilDate? = nil) -> Finding {
        Finding(rule: rule, subject: subject, outcome: outcome, level: .must, title: "", cites: [], message: "m \(rule)",
                value: value, facts: [], params: [], steps: due.map { [Finding.Step(action: "do", due: $0, cites: [])] } ?? [],
                item: nil, trace: [])
    }

    @Test func updateTouchesOnlyLinesThatNoLongerHold() throws {
        let text = """
        # header: what this dossier shows
        a.one       -    pass
        # b's own comment
        b.two       d1   fail   value=2  # note
        b.two       d2   pass
        gone.rule   -    pass
        # not applicable (n/a or absent):
        c.three     -    n/a
        d.four      -    n/a

        """
        let due = CivilDate(iso: "2025-09-01")!
        let findings = [
            Self.finding("a.one", nil, .pass),
            Self.finding("b.two", "d1", .pass, value: "1"),
            Self.finding("b.two", "d15", .pending, due: due),
            Self.finding("b.two", "d2", .pass),
            Self.finding("c.three", nil, .fail),
            Self.finding("d.four", nil, .notApplicable),
        ]
        let u = try ExpectationUpdate.update(text, findings: findings, rulesForKind: ["a.one", "b.two", "c.three", "d.four", "e.five", "gone.rule"],
                                             knownRules: ["a.one", "b.two", "c.three", "d.four", "e.five", "gone.rule"]).get()
        #expect(u.text == """
        # header: what this dossier shows
        a.one       -    pass
        # b's own comment
        b.two       d1   pass   value=1  # note
        b.two       d15  pending   due=2025-09-01
        b.two       d2   pass
        c.three     -    fail
        # not applicable (n/a or absent):
        d.four      -    n/a
        e.five      -    n/a
        gone.rule   -    n/a

        """)
        #expect(u.changes.contains(.changed(from: "b.two       d1   fail   value=2  # note", to: "b.two       d1   pass   value=1  # note")))
        #expect(u.changes.contains(.removed("gone.rule   -    pass")))
        #expect(u.changes.contains(.removed("c.three     -    n/a")))
        let unchanged = try ExpectationUpdate.update(u.text, findings: findings, rulesForKind: ["a.one"], knownRules: ["a.one", "b.two", "c.three", "d.four", "e.five", "gone.rule"]).get()
        #expect(unchanged.changes.isEmpty)
        #expect(unchanged.text == u.text)
    }
}
