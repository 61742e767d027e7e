import Testing
import VerdictSheets
import VerdictXML

/// Workbooks built in memory: the form, the register merge, the problems' order.
@Suite("Import: form and register in memory")
struct ImportFormTests {
    func sheet(_ name: String, _ rows: [[String?]]) -> Sheet {
        var s = Sheet(name: name)
        for (r, row) in rows.enumerated() {
            for (c, v) in row.enumerated() { if let v { s[CellAddress(row: r + 1, column: c + 1)] = .text(v) } }
        }
        return s
    }

    var form: Sheet {
        sheet("卷宗信息", [["卷宗类型", "community"], [nil, "JC-1", "dossier/@id"], ["小区名称", "凤鸣小区"]])
    }

    @Test func formLinesByLabelOrByAttributePath() throws {
        let outcome = DossierImport.run(Workbook(source: "w.xlsx", sheets: [form]))
        let d = try #require(outcome.dossier, "\(outcome.problems)")
        #expect(d["kind"] == "community" && d["id"] == "JC-1")
        #expect(d.first("community")?["name"] == "凤鸣小区")
        #expect(d.children.map(\.name) == ["community"])
    }

    @Test func registerRowsMergeExactly() throws {
        let register = sheet("业主名册", [["业主编号", "面积"], ["o1", "0.1"], ["o1", "0.2"], ["o2", "1"], ["o1", "0.30"]])
        let outcome = DossierImport.run(Workbook(source: "w.xlsx", sheets: [form, register]))
        let owners = try #require(outcome.dossier).first("community")?.all("owner") ?? []
        #expect(owners.map { "\($0["id"]!) \($0["area"]!)" } == ["o1 0.60", "o2 1"])
        #expect(outcome.summary.contains("业主名册：4 行 → 2 位业主，其中 1 位有多行（按业主编号合并，面积相加）"))
    }

    @Test func aPartOfTheFormNeedsItsRequiredLines() {
        var f = form
        f[CellAddress(row: 4, column: 1)] = .text("合同开始日期")
        f[CellAddress(row: 4, column: 2)] = .text("2024-01-01")
        let outcome = DossierImport.run(Workbook(source: "w.xlsx", sheets: [f]))
        #expect(outcome.dossier == nil)
        #expect(outcome.problems.map(\.description) == [
            "卷宗信息：缺少\"物业服务企业\"一行；请填写物业服务企业（已填了合同开始日期）",
            "卷宗信息：缺少\"企业编号\"一行；请填写企业编号（已填了合同开始日期）",
            "卷宗信息：缺少\"合同结束日期\"一行；请填写合同结束日期（已填了合同开始日期）",
            "卷宗信息：缺少\"合同服务等级\"一行；请填写合同服务等级（已填了合同开始日期）",
        ])
    }

    @Test func problemsComeInSheetThenCellOrder() {
        let register = sheet("业主名册", [["业主编号", "面积"], ["o1", "x"], [nil, "2"]])
        let ballots = sheet("表决票", [["事项编号", "业主编号", "表决意见"], ["d9", "o1", "同意"]])
        let outcome = DossierImport.run(Workbook(source: "w.xlsx", sheets: [form, register, ballots]))
        #expect(outcome.problems.map(\.location.description) == ["业主名册!B2", "业主名册!A3", "表决票!A2"])
    }

    @Test func noFormNoDossier() {
        let outcome = DossierImport.run(Workbook(source: "w.xlsx", sheets: [sheet("业主名册", [["业主编号", "面积"]])]))
        #expect(outcome.problems.map(\.description) == ["w.xlsx：缺少\"卷宗信息\"表（卷宗类型、卷宗编号等）；可用 verdict import --template 生成模板"])
    }
}
