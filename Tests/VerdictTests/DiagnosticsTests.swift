import Foundation
import Testing
import VerdictCore

/// Rule-file diagnostics, against golden files in Tests/Fixtures/diagnostics.
/// Re-record with VERDICT_RECORD=1 swift test.
@Suite("Rule-file diagnostics")
struct DiagnosticsTests {
    static let fixtures: [String] = {
        let dir = Repo.path("Tests/Fixtures/diagnostics")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".rules") }.sorted()
    }()

    @Test(arguments: fixtures)
    func golden(_ name: String) throws {
        let dir = Repo.path("Tests/Fixtures/diagnostics")
        let text = try String(contentsOfFile: "\(dir)/\(name)", encoding: .utf8)
        let (_, _, rendered) = checkRules([("\(name)", text)], withShipped: true)
        let goldenPath = "\(dir)/\(name.dropLast(6)).expected"
        if ProcessInfo.processInfo.environment["VERDICT_RECORD"] != nil {
            try rendered.write(toFile: goldenPath, atomically: true, encoding: .utf8)
        }
        let golden = (try? String(contentsOfFile: goldenPath, encoding: .utf8)) ?? "(no golden file)"
        #expect(rendered == golden)
    }

    @Test func threeMistakesGiveThreeLocatedDiagnostics() {
        let text = """
        rule demo.one "three mistakes"
          must
          for community dossiers
          cite 民法典-946 ¶3
          let x = totl-area
          let y = as-of + 5
          decide
            pass when x > 0
            otherwise fail
        """
        let (program, ds, rendered) = checkRules([("demo.rules", text)], withShipped: true)
        #expect(program == nil)
        let errors = ds.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [.unknownParagraph, .unknownName, .typeMismatch])
        #expect(rendered.contains("demo.rules:4:8: error[V0305]"))
        #expect(rendered.contains("demo.rules:5:11: error[V0301]: unknown name `totl-area`"))
        #expect(rendered.contains("did you mean `total-area`?"))
        #expect(rendered.contains("demo.rules:6:11: error[V0401]"))
    }

    @Test func caretsAlignUnderChineseText() {
        let text = "rule a.b \"标题\"\n  must\n  cite 民法典-946\n  let 期间 = 未知名称\n  decide\n    otherwise pass\n"
        let (_, _, rendered) = checkRules([("c.rules", text)], withShipped: true)
        // `  let 期间 = ` is 2 + 4 + 4 (two wide characters) + 3 = 13 columns before the name.
        #expect(rendered.contains("4 |   let 期间 = 未知名称\n  |              ^^^^^^^^"))
    }

    @Test func fullWidthPunctuationGetsAHint() {
        let text = "rule a.b \"t\"\n  must\n  cite 民法典-946 ¶1，民法典-947\n  decide\n    otherwise pass\n"
        let (_, ds, _) = checkRules([("p.rules", text)], withShipped: true)
        #expect(ds.contains { $0.code == .fullWidthPunctuation && ($0.help ?? "").contains("`,`") })
    }

    @Test func hyphenNeedsSpacesToSubtract() {
        let text = "let a = 5\nlet b = 2\nlet c = a-b\n"
        let (_, ds, _) = checkRules([("h.rules", text)])
        #expect(ds.contains { $0.code == .unknownName && ($0.help ?? "").contains("`a - b`") })
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = "let x = " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000) + "\n"
        let (_, ds, _) = checkRules([("deep.rules", text)])
        #expect(ds.contains { $0.code == .tooDeep })
    }
}
