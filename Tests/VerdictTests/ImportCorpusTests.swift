import Foundation
import Testing
import VerdictSheets

/// Broken workbooks and CSV folders (Tests/Fixtures/sheets/broken): each gives exactly the
/// located problems in NAME.expect beside it, and no dossier. Re-record with VERDICT_RECORD=1.
@Suite("Import: broken workbooks")
struct ImportCorpusTests {
    static let cases: [String] = {
        let dir = Sheets.fixture("broken")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasSuffix(".expect") }.sorted()
    }()

    @Test(arguments: cases)
    func brokenInput(_ name: String) throws {
        let path = Sheets.fixture("broken/" + name)
        let (outcome, problems) = Sheets.importing(path)
        #expect(outcome?.dossier == nil, "\(name) must not give a dossier")
        #expect(problems.contains { $0.severity == .error })
        let got = problems.map(\.description).joined(separator: "\n") + "\n"
        let expectPath = path.replacingOccurrences(of: ".xlsx", with: "") + ".expect"
        if ProcessInfo.processInfo.environment["VERDICT_RECORD"] != nil {
            try got.write(toFile: expectPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectPath, encoding: .utf8)
        #expect(got == expected, "\(name):\n\(got)")
    }

    @Test func everyKindOfBreakageIsCovered() {
        for needed in ["wrong-types", "merged-cells", "empty-rows", "hidden-sheet", "formulas", "csv-gbk"] {
            #expect(ImportCorpusTests.cases.contains { $0.hasPrefix(needed) }, "\(needed)")
        }
    }
}
