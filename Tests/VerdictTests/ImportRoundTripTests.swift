import Foundation
import Testing
import VerdictCore
import VerdictSheets
import VerdictXML

/// Every example dossier, exported to a workbook and imported back, gets the same findings
/// (the check's JSON, byte for byte, but for the file name and the line numbers of the file).
@Suite("Import: export → import round trip")
struct ImportRoundTripTests {
    @Test(arguments: Repo.exampleCases())
    func roundTrip(_ rel: String) throws {
        let dir = Sheets.scratch("round-trip")
        let base = (dir as NSString).appendingPathComponent(rel.replacingOccurrences(of: "/", with: "_"))
        try Sheets.export(Repo.path(rel), to: base + ".xlsx")
        _ = try Sheets.importDossier(base + ".xlsx", to: base + ".xml")
        #expect(Sheets.findings(base + ".xml") == Sheets.findings(Repo.path(rel)), "\(rel)")
    }

    @Test func everyKindIsCovered() {
        let kinds = Set(Repo.exampleCases().map { $0.split(separator: "/")[1] })
        #expect(kinds.isSuperset(of: ["community", "firm", "renovation"]))
    }

    static let resavedExamples = ["quorum-exactly-two-thirds": "community", "dismissal-lawful-60-days": "community",
                                  "credit-exact-decimal-sum": "firm", "service-missing-measure": "firm",
                                  "cost-share-executors": "renovation"]

    /// Workbooks that `verdict export` wrote and another program saved again (its own XML:
    /// openpyxl keeps the number formats and writes dates as serials; LibreOffice rewrites
    /// every part, styles included): they import to the original's findings.
    @Test(arguments: ["resaved", "resaved-libreoffice"], resavedExamples.keys.sorted())
    func resavedByAnotherWriter(_ writer: String, _ name: String) throws {
        let xml = (Sheets.scratch(writer) as NSString).appendingPathComponent(name + ".xml")
        _ = try Sheets.importDossier(Sheets.fixture("\(writer)/\(name).xlsx"), to: xml)
        let original = Repo.path("examples/\(ImportRoundTripTests.resavedExamples[name]!)/\(name).xml")
        #expect(Sheets.findings(xml) == Sheets.findings(original))
    }

    @Test func exportedNumbersShowTheDossiersDecimals() throws {
        let dir = Sheets.scratch("export-cells")
        let xlsx = (dir as NSString).appendingPathComponent("credit.xlsx")
        try Sheets.export(Repo.path("examples/firm/credit-long-decimals-at-90.xml"), to: xlsx)
        let book = try XLSXReader.read(xlsx)
        let form = try #require(book.sheets.first { $0.name == "卷宗信息" })
        func value(_ label: String) -> CellValue? {
            form.cells.first { $0.value[1] == .text(label) }.flatMap { $0.value[2] }
        }
        // 22.50000000000000000000000001 is not a double: it stays text; 23.5 is a number cell.
        #expect(value("从业资格得分") == .text("22.50000000000000000000000001"))
        #expect(value("社会信誉得分") == .number(23.5, numberFormat: "0.0"))
        #expect(value("经营业绩得分") == .number(24, numberFormat: "0"))
        let original = try Repo.engine.loader.load(Repo.path("examples/firm/credit-long-decimals-at-90.xml")).plainTree()
        let credit = try #require(original?.first("firm")?.first("credit"))
        let imported = try #require(DossierImport.run(book).dossier?.first("firm")?.first("credit"))
        for a in ["qualification", "performance", "reputation", "market"] { #expect(imported[a] == credit[a], "\(a)") }
    }
}
