import Foundation
import Testing

/// `verdict import` and `verdict export` as a clerk runs them: template → fill → import → check.
@Suite("Import: command line", .serialized)
struct ImportCLITests {
    @Test func templateImportCheck() throws {
        let dir = Sheets.scratch("cli")
        let xlsx = (dir as NSString).appendingPathComponent("模板.xlsx"), xml = (dir as NSString).appendingPathComponent("卷宗.xml")
        let t = try runVerdict(["import", "--template", "community", "-o", xlsx])
        #expect(t.status == 0, "\(t.stderr)")
        let i = try runVerdict(["import", xlsx, "-o", xml])
        #expect(i.status == 0, "\(i.stderr)")
        #expect(i.stdout.contains("业主名册：1 行 → 1 位业主"))
        let c = try runVerdict(["check", xml])
        #expect(c.status == 1, "the example row is judged (and found wanting): \(c.stderr)")
        #expect(c.stdout.contains("dismissal.resolution"))
    }

    @Test func errorsAreListedTogetherAndNothingIsWritten() throws {
        let xml = (Sheets.scratch("cli") as NSString).appendingPathComponent("不应写出.xml")
        let r = try runVerdict(["import", Sheets.fixture("broken/wrong-types.xlsx"), "-o", xml])
        #expect(r.status == 2)
        #expect(r.stderr.contains("业主名册!C14：面积 \"89,5\" 不是数字，请写成 89.50\n"))
        #expect(r.stderr.contains("表决票!C2：表决意见 \"赞同\" 无法识别"))
        #expect(r.stderr.contains("导入失败：9 个错误"))
        #expect(!FileManager.default.fileExists(atPath: xml))
    }

    @Test func exportThenImport() throws {
        let dir = Sheets.scratch("cli")
        let xlsx = (dir as NSString).appendingPathComponent("exported.xlsx"), xml = (dir as NSString).appendingPathComponent("back.xml")
        let e = try runVerdict(["export", "examples/renovation/consent-water-split-unanimous.xml", "-o", xlsx])
        #expect(e.status == 0, "\(e.stderr)")
        let i = try runVerdict(["import", xlsx, "-o", xml])
        #expect(i.status == 0, "\(i.stderr)")
        #expect(Sheets.findings(xml) == Sheets.findings(Repo.path("examples/renovation/consent-water-split-unanimous.xml")))
    }

    @Test func usageErrors() throws {
        #expect(try runVerdict(["import", "-o", "x.xml"]).status == 2)
        #expect(try runVerdict(["import", "--template", "shop", "-o", "x.xlsx"]).status == 2)
        let missing = try runVerdict(["import", "no-such.xlsx", "-o", "/tmp/never.xml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such.xlsx：文件不存在"))
        let bad = try runVerdict(["export", "examples/README.md", "-o", "/tmp/never.xlsx"])
        #expect(bad.status == 2)
    }
}
