import VerdictCore

/// A workbook to be written: sheets of cells with one of a few fixed styles.
public struct WorkbookDraft: Sendable {
    public var sheets: [SheetDraft] = []
    public init() {}
}

public struct SheetDraft: Sendable {
    public let name: String
    public var cells: [Int: [Int: DraftCell]] = [:]
    public var widths: [Int: Double] = [:]
    /// A column's style for cells a clerk types later (text `@`, dates, two decimals).
    public var columnStyles: [Int: CellStyle] = [:]
    /// Drop-down lists: the range (`C3:C2000`) and the choices.
    public var lists: [(range: String, choices: [String])] = []
    /// Rows kept in view when scrolling (the header rows).
    public var frozenRows = 0

    public init(name: String) { self.name = name }

    public mutating func put(_ cell: DraftCell, row: Int, column: Int) {
        cells[row, default: [:]][column] = cell
    }
}

/// The styles of styles.xml, by index.
public enum CellStyle: Sendable, Equatable {
    case plain, header, english, date, integer, note, text
    /// A number shown with 1 to 10 decimals.
    case decimals(Int)

    var index: Int {
        switch self {
        case .plain: return 0
        case .header: return 1
        case .english: return 2
        case .date: return 3
        case .integer: return 4
        case .decimals(let n): return 4 + max(1, min(n, 10))
        case .note: return 15
        case .text: return 16
        }
    }
}

public struct DraftCell: Sendable {
    public enum Value: Sendable {
        case text(String)
        /// The number exactly as the dossier writes it (it goes into `<v>` unchanged).
        case number(String)
        case date(CivilDate)
    }

    public let value: Value
    public let style: CellStyle

    public init(_ value: Value, _ style: CellStyle = .plain) {
        self.value = value
        self.style = style
    }

    public static func text(_ s: String, _ style: CellStyle = .plain) -> DraftCell { DraftCell(.text(s), style) }

    /// Excel's serial day (1900 system); dates before 1900-03-01 are written as text.
    static func serial(_ d: CivilDate) -> Int? {
        guard let base = CivilDate(year: 1899, month: 12, day: 30), let first = CivilDate(year: 1900, month: 3, day: 1), d >= first else { return nil }
        return d.daysSinceEpoch - base.daysSinceEpoch
    }
}
