/// What a cell holds, as the file stores it (not yet read as a dossier value).
public enum CellValue: Equatable, Sendable {
    case text(String)
    /// A number cell; `numberFormat` is its format code (nil: General).
    case number(Double, numberFormat: String?)
    case boolean(Bool)
    /// An error value such as `#DIV/0!`.
    case error(String)
    /// A formula whose result was never computed and saved (files written by scripts).
    case formulaWithoutValue(String)
}

/// One sheet of a workbook, or one CSV file of a folder.
public struct Sheet: Sendable {
    /// The name problems are located by: the sheet's name, or the CSV file's name.
    public let name: String
    /// The layout name it is matched by (the CSV file's name without `.csv`).
    public let tableName: String
    public let hidden: Bool
    public var cells: [Int: [Int: CellValue]] = [:]
    public var merged: [CellRange] = []

    public init(name: String, tableName: String? = nil, hidden: Bool = false) {
        self.name = name
        self.tableName = tableName ?? name
        self.hidden = hidden
    }

    public subscript(_ a: CellAddress) -> CellValue? {
        get { cells[a.row]?[a.column] }
        set { cells[a.row, default: [:]][a.column] = newValue }
    }

    public var rowNumbers: [Int] { cells.keys.sorted() }

    public var maxColumn: Int { cells.values.map { $0.keys.max() ?? 0 }.max() ?? 0 }

    /// True when a cell holds something other than blank text.
    public func isFilled(_ a: CellAddress) -> Bool {
        guard let v = self[a] else { return false }
        if case .text(let t) = v { return !t.trimmingSpaces.isEmpty }
        return true
    }
}

/// A workbook (.xlsx) or a folder of CSV files, read into cells.
public struct Workbook: Sendable {
    public let source: String
    public var sheets: [Sheet]
    /// Dates count from 1904-01-01 (old Mac workbooks) instead of 1899-12-30.
    public var date1904: Bool

    public init(source: String, sheets: [Sheet], date1904: Bool = false) {
        self.source = source
        self.sheets = sheets
        self.date1904 = date1904
    }
}

extension String {
    /// Without leading and trailing spaces, tabs, line breaks and ideographic spaces.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{3000}" || $0 == "\u{A0}" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
