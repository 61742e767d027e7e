/// One data row of a table sheet, with its cells read by column attribute.
struct TableRow {
    let sheet: String
    let row: Int
    /// attribute → (where, what was read); blank cells are absent.
    var values: [String: (CellAddress, String)] = [:]
    /// Attributes whose cell could not be read (already reported).
    var failed: Set<String> = []

    func value(_ attribute: String) -> String? { values[attribute]?.1 }

    /// The cell of an attribute, or the row's first cell when the column is absent.
    func location(_ attribute: String, columns: [String: Int]) -> SheetLocation {
        if let (a, _) = values[attribute] { return SheetLocation(sheet: sheet, cell: a) }
        return SheetLocation(sheet: sheet, cell: CellAddress(row: row, column: columns[attribute] ?? 1))
    }
}

/// Reads a table sheet: finds the header row (Chinese, or the English attribute names),
/// skips the English row under it, then reads every non-blank row by the layout's columns.
struct TableReader {
    let sheet: Sheet
    let layout: TableLayout
    let cells: CellReader
    var problems: [SheetProblem] = []
    /// attribute → column number.
    var columns: [String: Int] = [:]

    init(sheet: Sheet, layout: TableLayout, cells: CellReader) {
        self.sheet = sheet
        self.layout = layout
        self.cells = cells
    }

    func at(_ row: Int, _ column: Int) -> SheetLocation {
        SheetLocation(sheet: sheet.name, cell: CellAddress(row: row, column: column))
    }

    /// The header row: the first of the first ten rows that names a column of the layout.
    func headerRow() -> Int? {
        for r in sheet.rowNumbers.prefix(10) {
            let row = sheet.cells[r] ?? [:]
            let named = row.values.filter { v in
                if case .text(let t) = v { return layout.columns.contains { $0.matches(t) } }
                return false
            }
            if !named.isEmpty { return r }
        }
        return nil
    }

    mutating func read() -> [TableRow] {
        guard sheet.rowNumbers.contains(where: { r in (sheet.cells[r] ?? [:]).keys.contains { sheet.isFilled(CellAddress(row: r, column: $0)) } }) else {
            return []
        }
        guard let header = headerRow() else {
            let names = layout.columns.filter(\.required).map(\.name).joined(separator: "、")
            problems.append(.error(SheetLocation(sheet: sheet.name, cell: CellAddress(row: 1, column: 1)),
                                   "找不到表头：第一行应是列名（\(names) …），英文字段名可写在第二行"))
            return []
        }
        mapColumns(header)
        for c in layout.columns where c.required && columns[c.attribute] == nil {
            problems.append(.error(at(header, 1), "缺少\"\(c.name)\"列（英文 \(c.attribute)）；请在表头加上这一列"))
        }
        var first = header + 1
        if isEnglishRow(first) { first += 1 }
        checkMerged(after: header)
        var rows: [TableRow] = []
        for r in sheet.rowNumbers where r >= first {
            if let row = readRow(r) { rows.append(row) }
        }
        return rows
    }

    mutating func mapColumns(_ header: Int) {
        var seen: [String: Int] = [:]
        for (c, value) in (sheet.cells[header] ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard case .text(let t) = value, !t.trimmingSpaces.isEmpty else { continue }
            guard let column = layout.columns.first(where: { $0.matches(t) }) else {
                problems.append(.warning(at(header, c), "未识别的列\"\(t.trimmingSpaces)\"，这一列不导入"))
                continue
            }
            if let earlier = seen[column.attribute] {
                problems.append(.error(at(header, c), "\"\(column.name)\"列重复（\(CellAddress.letters(earlier)) 列已是这一列）；请删除或改名其中一列"))
                continue
            }
            seen[column.attribute] = c
        }
        columns = seen
        let known = Set(seen.values)
        for c in 1...max(1, sheet.maxColumn) where !known.contains(c) && !sheet.isFilled(CellAddress(row: header, column: c)) {
            if let r = sheet.rowNumbers.first(where: { $0 > header + 1 && sheet.isFilled(CellAddress(row: $0, column: c)) }) {
                problems.append(.warning(at(r, c), "\(CellAddress.letters(c)) 列没有列名，这一列不导入"))
            }
        }
    }

    /// The row under the header holding the English attribute names (as the template has).
    func isEnglishRow(_ r: Int) -> Bool {
        let row = sheet.cells[r] ?? [:]
        let texts = row.values.compactMap { v -> String? in
            if case .text(let t) = v, !t.trimmingSpaces.isEmpty { return t.trimmingSpaces }
            return nil
        }
        return !texts.isEmpty && texts.count == row.count && texts.allSatisfy { t in layout.columns.contains { $0.attribute == t } }
    }

    mutating func checkMerged(after header: Int) {
        for m in sheet.merged where m.last.row > header {
            problems.append(.error(SheetLocation(sheet: sheet.name, range: m), "合并单元格：请取消合并，并在每一行都填上内容"))
        }
    }

    mutating func readRow(_ r: Int) -> TableRow? {
        var row = TableRow(sheet: sheet.name, row: r)
        var blank = true
        for column in layout.columns {
            guard let c = columns[column.attribute] else { continue }
            let a = CellAddress(row: r, column: c)
            switch cells.read(sheet[a], as: column.kind, what: column.name) {
            case .blank: continue
            case .value(let v): row.values[column.attribute] = (a, v)
            case .noted(let v, let note):
                row.values[column.attribute] = (a, v)
                problems.append(.warning(SheetLocation(sheet: sheet.name, cell: a), note))
            case .problem(let p):
                problems.append(.error(SheetLocation(sheet: sheet.name, cell: a), p))
                row.failed.insert(column.attribute)
            }
            blank = false
        }
        if blank { return nil }
        for column in layout.columns where column.required && row.values[column.attribute] == nil && !row.failed.contains(column.attribute) {
            guard let c = columns[column.attribute] else { continue }
            problems.append(.error(at(r, c), "缺少\(column.name)；这一行其他内容已填，请补上\(column.name)（或删除整行）"))
        }
        return row
    }
}
