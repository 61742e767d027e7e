/// Where a problem is: a sheet (or CSV file), and a cell or a range in it.
public struct SheetLocation: Hashable, Sendable, CustomStringConvertible {
    public let sheet: String
    public let range: CellRange?

    public init(sheet: String, range: CellRange? = nil) {
        self.sheet = sheet
        self.range = range
    }

    public init(sheet: String, cell: CellAddress) {
        self.init(sheet: sheet, range: CellRange(cell, cell))
    }

    /// `业主名册!C14`, `业主名册!A3:A5`, or the sheet alone.
    public var description: String {
        guard let range else { return sheet }
        return "\(sheet)!\(range)"
    }
}

/// One problem found in a workbook, in Chinese with its fix. Errors keep the dossier from
/// being written; warnings are printed and the import goes on.
public struct SheetProblem: Error, Sendable, CustomStringConvertible {
    public enum Severity: Sendable { case error, warning }

    public let severity: Severity
    public let location: SheetLocation
    public let message: String

    public init(_ severity: Severity, _ location: SheetLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(_ location: SheetLocation, _ message: String) -> SheetProblem {
        SheetProblem(.error, location, message)
    }

    public static func warning(_ location: SheetLocation, _ message: String) -> SheetProblem {
        SheetProblem(.warning, location, message)
    }

    /// `业主名册!C14：面积 "89,5" 不是数字，请写成 89.50` (warnings start with `警告 `).
    public var description: String {
        (severity == .warning ? "警告 " : "") + "\(location)：\(message)"
    }
}

/// Problems that stop a workbook from being read at all (not a zip, a broken part).
public struct WorkbookUnreadable: Error, Sendable {
    public let problems: [SheetProblem]
}

extension WorkbookUnreadable {
    public init(_ location: SheetLocation, _ message: String) {
        self.problems = [.error(location, message)]
    }
}
