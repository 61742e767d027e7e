/// The empty workbook a clerk starts from (`verdict import --template KIND`): every sheet of
/// the kind with its headers, drop-down lists, one example row, and a sheet of instructions.
public enum WorkbookTemplate {
    public static func draft(kind: String) -> WorkbookDraft? {
        guard let layout = WorkbookLayout.of(kind: kind) else { return nil }
        var draft = WorkbookDraft()
        draft.sheets.append(LayoutSheets.form(layout) { f in
            switch f.path {
            case "dossier/@kind": return kind
            case "dossier/@id": return ["community": "JC-0001", "firm": "F-0001", "renovation": "R-2024-001"][kind]
            case "dossier/@as-of": return "2025-07-15"
            default: return f.example
            }
        })
        for t in layout.tables {
            var example: [String: String] = [:]
            for c in t.columns {
                guard !c.example.isEmpty else { continue }
                // Examples are written as typed; the cell writer wants dossier codes.
                example[c.attribute] = c.kind.vocabulary?.code(for: c.example) ?? c.example
            }
            draft.sheets.append(LayoutSheets.table(t, rows: [example]))
        }
        draft.sheets.append(instructions(layout))
        return draft
    }

    public static func write(kind: String, to path: String) throws {
        guard let d = draft(kind: kind) else { throw WorkbookExport.Failure.unknownKind(kind) }
        try XLSXWriter.write(d, to: path)
    }

    static func instructions(_ layout: WorkbookLayout) -> SheetDraft {
        var s = SheetDraft(name: "填写说明")
        s.widths = [1: 110]
        let lines = [
            "填写说明（本表不导入）",
            "1. 先在\"卷宗信息\"表 B 列填写卷宗编号、判定日期等；不适用的行留空。",
            "2. 每张表第 1 行是列名，第 2 行是英文字段名，请勿修改；从第 3 行起每行一条，第 3 行是示例，请改成实际内容或删除。",
            "3. 业主名册可以一户（一套房）一行：业主编号相同的行算同一位业主，面积自动相加，人数只算一人。",
            "4. 下拉列表中的词可以直接选；也可以填英文代码（如 同意 也可写 yes，是 也可写 true）。",
            "5. 日期写成 2025-03-20（也可以是 Excel 日期、2025/3/20 或 2025年3月20日）；面积写数字，如 86.40。",
            "6. 不要合并单元格，不要隐藏工作表；用公式算出的数请先在 Excel/WPS 中保存。",
            "7. 填好后运行：verdict import 本文件.xlsx -o 卷宗.xml，再运行 verdict check 卷宗.xml。",
            "   出错时会列出每个问题所在的表和单元格（如 业主名册!C14），改正后重新导入即可。",
            "本模板的表：" + ([WorkbookLayout.formSheet] + layout.tables.map(\.sheet)).joined(separator: "、"),
        ]
        for (i, line) in lines.enumerated() { s.put(.text(line, i == 0 ? .header : .plain), row: i + 1, column: 1) }
        return s
    }
}
