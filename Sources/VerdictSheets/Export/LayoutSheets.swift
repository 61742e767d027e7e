import VerdictCore

/// The sheets of a layout, laid out as docs/spreadsheets.md says: the 卷宗信息 form, then
/// one table per sheet with the Chinese header (row 1), the attribute names (row 2) and data.
enum LayoutSheets {
    static let listRows = 2000

    /// The form: label, value, attribute path, hint.
    static func form(_ layout: WorkbookLayout, value: (FormField) -> String?) -> SheetDraft {
        var s = SheetDraft(name: WorkbookLayout.formSheet)
        for (c, h) in ["项目", "内容", "字段 field", "说明"].enumerated() { s.put(.text(h, .header), row: 1, column: c + 1) }
        s.widths = [1: 26, 2: 26, 3: 34, 4: 48]
        s.frozenRows = 1
        for (i, f) in layout.form.enumerated() {
            let r = i + 2
            s.put(.text(f.label), row: r, column: 1)
            if let v = value(f), !v.isEmpty { s.put(cell(v, f.kind), row: r, column: 2) }
            s.put(.text(f.path, .english), row: r, column: 3)
            s.put(.text(hint(f.kind, required: f.required, element: f.element), .note), row: r, column: 4)
            if let choices = f.kind.vocabulary?.choices.map(\.label) { s.lists.append(("B\(r)", choices)) }
        }
        return s
    }

    /// A table sheet with its two header rows and the given rows of attribute values.
    static func table(_ t: TableLayout, rows: [[String: String]]) -> SheetDraft {
        var s = SheetDraft(name: t.sheet)
        s.frozenRows = 2
        for (i, col) in t.columns.enumerated() {
            let c = i + 1
            s.put(.text(col.header, .header), row: 1, column: c)
            s.put(.text(col.attribute, .english), row: 2, column: c)
            s.widths[c] = Double(max(10, min(30, col.header.count * 2 + 4)))
            s.columnStyles[c] = columnStyle(col.kind)
            if let choices = col.kind.vocabulary?.choices.map(\.label) {
                let letters = CellAddress.letters(c)
                s.lists.append(("\(letters)3:\(letters)\(listRows)", choices))
            }
        }
        for (i, values) in rows.enumerated() {
            for (j, col) in t.columns.enumerated() {
                if let v = values[col.attribute], !v.isEmpty { s.put(cell(v, col.kind), row: i + 3, column: j + 1) }
            }
        }
        return s
    }

    static func columnStyle(_ kind: ValueKind) -> CellStyle? {
        switch kind {
        case .text, .identifier: return .text
        case .date: return .date
        case .area, .amount: return .decimals(2)
        default: return nil
        }
    }

    /// A dossier value as the cell a clerk would have typed: labels for codes, 是/否, date
    /// cells, number cells that show exactly the dossier's decimals (text when a double
    /// cannot hold the value).
    static func cell(_ v: String, _ kind: ValueKind) -> DraftCell {
        switch kind {
        case .text, .identifier: return .text(v)
        case .choice(let vocabulary): return .text(vocabulary.label(for: v))
        case .boolean: return .text(v == "true" ? "是" : v == "false" ? "否" : v)
        case .date:
            if let d = CivilDate(iso: v), DraftCell.serial(d) != nil { return DraftCell(.date(d), .date) }
            return .text(v, .text)
        case .area, .amount, .score, .measure:
            guard exactInDouble(v) else { return .text(v, .text) }
            let places = DecimalText.places(v)
            return DraftCell(.number(v), places == 0 ? .integer : .decimals(places))
        case .count, .grade:
            let plain = v.count <= 15 && (v == "0" || !v.hasPrefix("0")) && v.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
            return plain ? DraftCell(.number(v), .integer) : .text(v, .text)
        }
    }

    /// True when the double nearest `v` reads back (shortest form) as exactly `v`, with at
    /// most 10 decimals (the formats the styles have).
    static func exactInDouble(_ v: String) -> Bool {
        guard DecimalText.isDecimal(v), DecimalText.places(v) <= 10, let d = Double(v), d.isFinite,
              let back = DecimalText.value(DecimalText.fromDouble(d)), let value = DecimalText.value(v) else { return false }
        return back == value && !(v.hasPrefix("-0") && value.isZero)
    }

    static func hint(_ kind: ValueKind, required: Bool, element: String) -> String {
        let need = required ? (element == "dossier" || element == "community" || element == "firm" || element == "project" ? "必填。" : "填写这一部分时必填。") : "选填。"
        switch kind {
        case .choice(let v): return need + "填 " + v.labelList
        case .boolean: return need + "填 是 或 否"
        case .date: return need + "日期，如 2025-03-20"
        case .count: return need + "整数"
        case .grade: return need + "正整数，1 为最高"
        case .score: return need + "得分，如 22.5"
        case .area, .amount, .measure: return need + "数字"
        case .text, .identifier: return need.isEmpty ? "" : need
        }
    }
}
