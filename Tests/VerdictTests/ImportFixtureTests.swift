import Foundation
import Testing
import VerdictCore
import VerdictSheets
import VerdictXML

/// Workbooks as clerks and other programs write them (Tests/Fixtures/sheets/good).
@Suite("Import: workbooks that import")
struct ImportFixtureTests {
    func dossier(_ rel: String) throws -> (PlainElement, String, [SheetProblem]) {
        let xml = (Sheets.scratch("good") as NSString).appendingPathComponent(rel.replacingOccurrences(of: "/", with: "_") + ".xml")
        let d = try Sheets.importDossier(Sheets.fixture(rel), to: xml)
        return (d, xml, Sheets.importing(Sheets.fixture(rel)).problems)
    }

    func owners(_ d: PlainElement) -> [String] {
        d.all("owner", in: "community").map { "\($0["id"] ?? "") \($0["name"] ?? "-") \($0["area"] ?? "")" }
    }

    @Test func unitRowsAreOneOwnerWithTheAreasSummedExactly() throws {
        let (d, _, problems) = try dossier("good/register-per-unit.xlsx")
        #expect(owners(d) == ["o001 王某 86.4", "o002 张某 120.20", "o003 李某 110", "o004 王某 95.5"])
        #expect(problems.map(\.description) == [
            "警告 业主名册!B8：姓名\"王某\"也登记在 业主名册!B2（业主编号 o001），这里是 o004；如是同一人，请用同一个业主编号，面积会合并、人数只算一人",
        ])
    }

    /// o001's 89.52 m² stored as the double just below it (89.51999999999998), shown as 89.52.
    /// Read literally, the participating area would fall below 2/3 and the quorum would fail.
    @Test(arguments: ["good/two-thirds-float.xlsx", "good/two-thirds-float-general.xlsx"])
    func aFloatAreaDoesNotFlipTheVerdictAtTwoThirds(_ rel: String) throws {
        let (d, xml, problems) = try dossier(rel)
        #expect(problems.isEmpty, "\(problems)")
        #expect(d.all("owner", in: "community").first?["area"] == "89.52")
        #expect(Sheets.outcomes(xml)["assembly.quorum d1"] == "pass")
        #expect(Sheets.findings(xml) == Sheets.findings(Repo.path("examples/community/quorum-exactly-two-thirds.xml")))
        // The control: the same dossier with the stored double taken literally fails.
        let literal = xml.replacingOccurrences(of: ".xml", with: "-literal.xml")
        let text = try String(contentsOfFile: xml, encoding: .utf8).replacingOccurrences(of: "area=\"89.52\"", with: "area=\"89.51999999999998\"")
        try text.write(toFile: literal, atomically: true, encoding: .utf8)
        #expect(Sheets.outcomes(literal)["assembly.quorum d1"] == "fail")
    }

    @Test func valuesAsPeopleTypeThem() throws {
        let (d, _, problems) = try dossier("good/people-typed.xlsx")
        #expect(problems.isEmpty, "\(problems)")
        #expect(d["as-of"] == "2025-07-15")
        #expect(owners(d) == ["1001 王某 86.40", "1002 张某 120.15", "1003 李某 75"])
        let committee = try #require(d.first("committee"))
        #expect(committee["type"] == "owners" && committee["elected"] == "2023-05-01")
        #expect(committee.all("member").map { "\($0["role"]!) \($0["party"]!) \($0["grid-worker"]!) \($0["cadre"]!) \($0["owner"]!)" }
                == ["chair true false true 1001", "member true false false 1002"])
        #expect(committee.all("system").map { "\($0["name"]!) \($0["established"]!)" } == ["joint-meeting 2024-01-10", "coordination 2024-02-01"])
        let decision = try #require(d.first("decision"))
        #expect(decision["matter"] == "dismiss-firm" && decision["date"] == "2025-06-20")
        #expect(decision.all("ballot").map { "\($0["owner"]!) \($0["vote"]!)" } == ["1001 yes", "1002 abstain", "1003 yes"])
        #expect(d.first("complaints").map { "\($0["year"]!) \($0["count"]!) \($0["strong"]!)" } == "2025 37 true")
    }

    /// Rich text with phonetic runs, inline strings, cells without `r`, absolute targets, a
    /// custom `0.00_ ` format on a float formula result, `_x000D_`, a date style of id 14.
    @Test func xmlAsExcelAndWPSWriteIt() throws {
        let (d, _, problems) = try dossier("good/excel-style.xlsx")
        #expect(problems.isEmpty, "\(problems)")
        #expect(d["as-of"] == "2025-06-30")
        #expect(d.first("community")?["name"] == "凤鸣小区")
        #expect(owners(d) == ["o001 王某 86.40", "o002 张某 120.15"])
        #expect(d.first("management")?["mode"] == "firm")
    }

    @Test func the1904DateSystem() throws {
        let (d, _, _) = try dossier("good/date1904.xlsx")
        #expect(d["as-of"] == "2025-06-30")
    }

    @Test func csvFoldersInUTF8AndGBKGiveTheSameDossier() throws {
        let (utf8, _, p1) = try dossier("good/csv-utf8")
        let (gbk, _, p2) = try dossier("good/csv-gbk")
        #expect(p1.isEmpty && p2.isEmpty, "\(p1) \(p2)")
        #expect(utf8 == gbk)
        #expect(owners(gbk) == ["o001 孙某某 62.35", "o002 胡某 138.48", "o003 朱某某 70.15"])
        #expect(gbk.first("decision")?.all("ballot").count == 3)
    }

    @Test(arguments: ["community", "firm", "renovation"])
    func theTemplateImportsAsItsExample(_ kind: String) throws {
        let dir = Sheets.scratch("template")
        let xlsx = (dir as NSString).appendingPathComponent("\(kind).xlsx")
        try WorkbookTemplate.write(kind: kind, to: xlsx)
        let (d, xml, problems) = try { () throws -> (PlainElement, String, [SheetProblem]) in
            let xml = xlsx + ".xml"
            return (try Sheets.importDossier(xlsx, to: xml), xml, Sheets.importing(xlsx).problems)
        }()
        #expect(problems.isEmpty, "\(problems)")
        #expect(d["kind"] == kind)
        if case .failed(let e) = Repo.engine.check(xml) { Issue.record("\(e)") }
        let book = try XLSXReader.read(xlsx)
        #expect(book.sheets.first?.name == "卷宗信息")
        #expect(book.sheets.last?.name == "填写说明")
    }
}
