import Foundation
import Testing
@testable import VerdictCore

/// `verdict test --mutate` on a library of one rule and its cases, written to a temp folder.
@Suite("verdict test --mutate", .serialized)
struct MutationTests {
    static let rule = """
    rule contract.in-force "合同在 as-of 当日有效"
      must
      for community dossiers
      decide
        pass when contract.start <= as-of and as-of <= contract.end "在期限内"
        otherwise fail "不在期限内"

    """

    /// A community dossier with one contract 2025-03-01 to 2028-02-29, judged at `asOf`.
    static func dossier(_ id: String, asOf: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <dossier kind="community" id="\(id)" as-of="\(asOf)">
          <community name="凤鸣小区" district="城区" street="西街街道">
            <owner id="o001" name="刘某" area="92.35"/>
          </community>
          <management mode="firm"/>
          <contract firm="晋城某甲物业服务有限公司" firm-id="F-1" start="2025-03-01" end="2028-02-29" grade="3"/>
        </dossier>

        """
    }

    /// Rules and cases: as-of on the start date (pass) and the day after the end (fail),
    /// so `contract.start <= as-of` is pinned down and `as-of <= contract.end` is not.
    static func library(rule: String = rule, extraCases: [(String, String, String)] = []) throws -> URL {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("verdict-mutate-\(getpid())-\(UUID().uuidString)")
        let cases = dir.appendingPathComponent("rules/cases")
        try fm.createDirectory(at: cases, withIntermediateDirectories: true)
        try fm.copyItem(atPath: Repo.path("rules/dossier.rules"), toPath: dir.appendingPathComponent("rules/dossier.rules").path)
        try fm.copyItem(atPath: Repo.path("schema"), toPath: dir.appendingPathComponent("schema").path)
        try rule.write(to: dir.appendingPathComponent("rules/contract.rules"), atomically: true, encoding: .utf8)
        for (name, asOf, outcome) in [("starts-on-as-of", "2025-03-01", "pass"), ("after-end", "2028-03-01", "fail")] + extraCases {
            try dossier(name, asOf: asOf).write(to: cases.appendingPathComponent(name + ".xml"), atomically: true, encoding: .utf8)
            try "contract.in-force  -  \(outcome)\n".write(to: cases.appendingPathComponent(name + ".expect"), atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test func onlyTheUntestedBoundarySurvives() throws {
        let dir = try MutationTests.library()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runVerdict(["test", "--mutate", dir.appendingPathComponent("rules").path])
        #expect(r.status == 0, "\(r.stderr)")
        let survivors = r.stdout.split(separator: "\n").filter { $0.hasPrefix("SURVIVED") }
        #expect(survivors.count == 1, "\(r.stdout)")
        #expect(survivors.first?.hasSuffix("contract.rules:5:49  boundary-shift  `<=` → `<`") == true, "\(r.stdout)")
        #expect(r.stdout.contains("5 mutants of"))
        #expect(r.stdout.contains("mutation score 80.0% (4 of 5)"))
    }

    @Test func jsonListsEveryMutantWithItsStatus() throws {
        let dir = try MutationTests.library()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runVerdict(["test", "--mutate", "--format", "json", dir.appendingPathComponent("rules").path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["mutants"] as? Int == 5)
        #expect(json["killed"] as? Int == 4)
        #expect(json["survived"] as? Int == 1)
        #expect(r.stdout.contains("\"score\": 80.0,"))
        let results = try #require(json["results"] as? [[String: Any]])
        let survived = results.filter { $0["status"] as? String == "survived" }
        #expect(survived.count == 1)
        #expect(survived.first?["original"] as? String == "<=")
        #expect(survived.first?["mutated"] as? String == "<")
        #expect(survived.first?["line"] as? Int == 5)
        #expect(survived.first?["column"] as? Int == 49)
        #expect(survived.first?["owner"] as? String == "contract.in-force")
        let ops = Set(results.compactMap { $0["operator"] as? String })
        #expect(ops == ["boundary-shift", "connective-swap", "branch-removed"])
        #expect(results.filter { $0["status"] as? String == "killed" }.allSatisfy { $0["killedBy"] is String })
    }

    @Test func minScoreSetsTheExitStatus() throws {
        let dir = try MutationTests.library()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("rules").path
        let below = try runVerdict(["test", "--mutate", "--min-score", "80.1", rules])
        #expect(below.status == 1)
        #expect(below.stderr.contains("mutation score 80.0% is below --min-score 80.1%"), "\(below.stderr)")
        let reached = try runVerdict(["test", "--mutate", "--min-score", "80", rules])
        #expect(reached.status == 0, "\(reached.stderr)")
        let bad = try runVerdict(["test", "--mutate", "--min-score", "lots", rules])
        #expect(bad.status != 0 && bad.status != 1)
        let withoutMutate = try runVerdict(["test", "--min-score", "80", rules])
        #expect(withoutMutate.status != 0 && withoutMutate.status != 1)
        #expect(withoutMutate.stderr.contains("go with --mutate"), "\(withoutMutate.stderr)")
    }

    @Test func aCaseOnTheEndDateKillsTheSurvivor() throws {
        let dir = try MutationTests.library(extraCases: [("ends-on-as-of", "2028-02-29", "pass")])
        defer { try? FileManager.default.removeItem(at: dir) }
        let junit = dir.appendingPathComponent("mutants.xml").path
        let r = try runVerdict(["test", "--mutate", "--min-score", "100", "--junit", junit, dir.appendingPathComponent("rules").path])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(!r.stdout.contains("SURVIVED"))
        #expect(r.stdout.contains("mutation score 100.0% (5 of 5)"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("tests=\"5\" failures=\"0\""))
    }

    @Test func aMutantMarkedEquivalentIsListedApartWithItsReason() throws {
        let marked = MutationTests.rule.replacingOccurrences(of: "    pass when", with: "    # mutation: equivalent — 合同届满日当日的卷宗不在本库范围内\n    pass when")
        let dir = try MutationTests.library(rule: marked)
        defer { try? FileManager.default.removeItem(at: dir) }
        let junit = dir.appendingPathComponent("mutants.xml").path
        let r = try runVerdict(["test", "--mutate", "--junit", junit, dir.appendingPathComponent("rules").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("SURVIVED"))
        // Every mutant of the marked line is listed; the killed ones are flagged as wrongly marked.
        #expect(r.stdout.contains("EQUIVALENT \(dir.appendingPathComponent("rules/contract.rules").path):6:49  `<=` → `<`  contract.in-force — 合同届满日当日的卷宗不在本库范围内"), "\(r.stdout)")
        #expect(r.stdout.contains("warning: killed by"))
        #expect(r.stdout.contains("mutation score 100.0% (4 of 4)"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<skipped message=\"equivalent: 合同届满日当日的卷宗不在本库范围内\"/>"))
    }

    @Test func aMarkNamingItsEditsCoversOnlyThoseMutants() throws {
        let marked = MutationTests.rule.replacingOccurrences(of: "    pass when", with: "    # mutation: equivalent `<=` → `<` — 届满日不在本库范围内\n    pass when")
        let dir = try MutationTests.library(rule: marked)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runVerdict(["test", "--mutate", dir.appendingPathComponent("rules").path])
        let equivalent = r.stdout.split(separator: "\n").filter { $0.hasPrefix("EQUIVALENT") }
        // Both `<=` of the line are named by the mark; `and` → `or` and the branch removal are not.
        #expect(equivalent.count == 2, "\(r.stdout)")
        #expect(equivalent.allSatisfy { $0.contains("`<=` → `<`") })
        #expect(r.stdout.contains("mutation score 100.0% (4 of 4)"))
    }

    @Test func aTableWhoseRowsExcludeEachOtherHasAnEquivalentHitPolicy() {
        let program = Repo.engine.program
        let hit = MutantGenerator.mutants(of: program).filter { $0.op == .hitPolicy }
        let exclusive = hit.filter { $0.equivalentReason?.hasPrefix("(proved)") == true }.map(\.owner.description)
        #expect(exclusive.contains("table credit-consequence"))
        // Threshold rows overlap (`>= credit-a` and `>= credit-b` both match 95): not equivalent.
        #expect(!exclusive.contains("table credit-grade"))
    }

    @Test func theShippedLibraryHasTheMutantsTheIssueNames() throws {
        let program = Repo.engine.program
        let mutants = MutantGenerator.mutants(of: program)
        func has(_ file: String, _ original: String, _ replacement: String, in text: String) -> Bool {
            mutants.contains { m in
                let f = program.files[m.span.file]
                let line = f.lineText(f.location(of: m.span.start).line)
                return f.path.hasSuffix(file) && m.original == original && m.replacement == replacement && line.contains(text)
            }
        }
        #expect(has("community/management.rules", "<=", "<", in: "contract.start <= as-of"))
        #expect(has("community/common.rules", "<=", "<", in: "n.served <= as-of"))
        #expect(has("community/renewal.rules", "and", "or", in: "passed assembly.quorum for d and passed"))
        #expect(has("community/assembly.rules", "3/4", "2/3", in: "3/4 of participating-area"))
        #expect(has("community/assembly.rules", "not ", "", in: "not (o.id in voters)"))
        #expect(has("community/common.rules", "60", "59", in: "60 days per"))
        // Definitions only drafts use are not mutated: no rule's finding can change.
        #expect(!mutants.contains { program.files[$0.span.file].path.hasSuffix("templates/drafts.rules") })
        #expect(mutants.map(\.id) == Array(1...mutants.count))
    }

    @Test func constantsMoveByOneUnitOfTheirLastDigit() {
        #expect(MutantGenerator.nudged("60") == ["59", "61"])
        #expect(MutantGenerator.nudged("0") == ["1"])
        #expect(MutantGenerator.nudged("0.5") == ["0.4", "0.6"])
        #expect(MutantGenerator.nudged("86.40") == ["86.39", "86.41"])
        #expect(MutantGenerator.nudged("50%") == ["49%", "51%"])
        #expect(MutantGenerator.fractionNeighbours(2, 3).map { "\($0.0)/\($0.1)" } == ["1/2", "3/4"])
        #expect(MutantGenerator.fractionNeighbours(3, 4).map { "\($0.0)/\($0.1)" } == ["2/3"])
        #expect(MutantGenerator.fractionNeighbours(1, 100).map { "\($0.0)/\($0.1)" } == ["2/100"])
    }

    @Test func scoresCompareExactly() throws {
        var s = MutationScore()
        s.killed = 19
        s.survived = 1
        #expect(s.text == "95.0%")
        #expect(s.reaches(try #require(MutationScore.Percentage("95"))))
        #expect(!s.reaches(try #require(MutationScore.Percentage("95.01"))))
        s.killed = 2
        s.survived = 1
        #expect(s.text == "66.7%")
        #expect(MutationScore.Percentage("x") == nil)
    }
}

/// `step~` and `change~` in `.expect` files: what the user is told to do, and what would change the outcome.
@Suite("expect step~ and change~")
struct ExpectStepAndChangeTests {
    static func finding() -> Finding {
        var f = Finding(rule: "assembly.quorum", subject: "d1", outcome: .fail, level: .must, title: "", cites: [],
                        message: "参与表决面积不足", value: nil, facts: [], params: [],
                        steps: [Finding.Step(action: "参与表决面积至少再增加 0.01㎡", due: nil, cites: [])],
                        item: nil, trace: [])
        f.changes = ["至少还需 0 名业主、0.01㎡ 专有部分面积参与表决 # 按面积"]
        return f
    }

    @Test func textRunsToTheEndOfTheLineHashIncluded() throws {
        let text = """
        assembly.quorum  d1  fail  step~至少再增加 0.01㎡
        assembly.quorum  d1  fail  change~0.01㎡ 专有部分面积参与表决 # 按面积
        """
        guard case .success(let e) = Expectation.parse(text) else { Issue.record("does not parse"); return }
        #expect(e.map(\.step) == ["至少再增加 0.01㎡", nil])
        #expect(e.map(\.change) == [nil, "0.01㎡ 专有部分面积参与表决 # 按面积"])
        #expect(Expectation.compare(e, [ExpectStepAndChangeTests.finding()]).isEmpty)
    }

    @Test func aStepOrChangeThatIsNotSaidFails() throws {
        guard case .success(let e) = Expectation.parse("""
        assembly.quorum  d1  fail  step~至少再增加 0.02㎡
        assembly.quorum  d1  fail  change~至少还需 1 名业主
        """) else { Issue.record("does not parse"); return }
        let problems = Expectation.compare(e, [ExpectStepAndChangeTests.finding()])
        #expect(problems.count == 2)
        #expect(problems.first?.contains("step: expected one to contain «至少再增加 0.02㎡»") == true, "\(problems)")
        #expect(problems.last?.contains("change: expected one to contain «至少还需 1 名业主»") == true, "\(problems)")
    }
}

/// The shipped library's cases must pin its conditions: CI runs this with the suite, so a
/// rule change that leaves a boundary untested fails the build (docs/mutation.md).
@Suite("The shipped library's mutation score")
struct ShippedMutationScoreTests {
    @Test func shippedLibraryScoresAtLeast95Percent() throws {
        let r = try runVerdict(["test", "--mutate", "--min-score", "95", "rules"])
        #expect(r.status == 0, "\(r.stdout.suffix(1500))\(r.stderr.suffix(500))")
        #expect(r.stdout.contains("mutation score"))
    }
}
