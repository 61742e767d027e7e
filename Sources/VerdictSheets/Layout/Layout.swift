/// How a cell is read into a dossier value.
public enum ValueKind: Sendable {
    /// Optional free text (names, districts).
    case text
    /// Non-empty text; a number cell is written as the number (`1001`).
    case identifier
    /// A decimal > 0 shown with two places (m²).
    case area
    /// A decimal shown with two places (yuan); may be negative.
    case amount
    /// A decimal ≥ 0 (credit scores).
    case score
    /// A decimal (service measures).
    case measure
    /// A non-negative integer (days, counts, years).
    case count
    /// A positive integer (grades: 1 is the highest).
    case grade
    case date
    case boolean
    case choice(Vocabulary)

    /// Places a General number cell is rounded to when it is float noise (see DecimalText).
    var defaultPlaces: Int? {
        switch self {
        case .area, .amount, .score, .measure: return 2
        default: return nil
        }
    }

    var vocabulary: Vocabulary? {
        switch self {
        case .choice(let v): return v
        case .boolean: return Vocabularies.boolean
        default: return nil
        }
    }
}

/// One column of a table sheet: a Chinese header (row 1), the dossier's attribute name
/// (row 2), how its cells are read.
public struct Column: Sendable {
    public let header: String
    public let attribute: String
    public let kind: ValueKind
    public let required: Bool
    public let aliases: [String]
    /// The template's example value, as a clerk would type it.
    public let example: String

    init(_ header: String, _ attribute: String, _ kind: ValueKind, required: Bool = true, aliases: [String] = [], example: String) {
        self.header = header
        self.attribute = attribute
        self.kind = kind
        self.required = required
        self.aliases = aliases
        self.example = example
    }

    /// The header without its unit: `专有部分面积（m²）` → `专有部分面积`.
    public var name: String { HeaderText.normalised(header) }

    func matches(_ written: String) -> Bool {
        let w = HeaderText.normalised(written)
        guard !w.isEmpty else { return false }
        return w == name || w == attribute.lowercased() || aliases.contains { HeaderText.normalised($0) == w }
    }
}

/// A sheet with one row per element (owners, ballots, notices …).
public struct TableLayout: Sendable {
    public let sheet: String
    /// The dossier element one row makes (`community/owner`).
    public let element: String
    public let columns: [Column]

    public func column(_ attribute: String) -> Column? { columns.first { $0.attribute == attribute } }
}

/// One line of the 卷宗信息 form: a label in column A, the value in column B, the dossier
/// attribute in column C (`contract/@start`).
public struct FormField: Sendable {
    public let label: String
    public let element: String
    public let attribute: String
    public let kind: ValueKind
    /// Required when its element is there at all (`dossier` and the kind's main element always are).
    public let required: Bool
    public let example: String

    init(_ label: String, _ element: String, _ attribute: String, _ kind: ValueKind, required: Bool = false, example: String = "") {
        self.label = label
        self.element = element
        self.attribute = attribute
        self.kind = kind
        self.required = required
        self.example = example
    }

    public var path: String { "\(element)/@\(attribute)" }

    func matches(_ written: String) -> Bool {
        let w = HeaderText.normalised(written)
        return !w.isEmpty && (w == HeaderText.normalised(label) || w == path.lowercased())
    }
}

/// Headers compare without units in brackets, blanks, full-width forms or case.
enum HeaderText {
    static func normalised(_ s: String) -> String {
        var out = ""
        var depth = 0
        for ch in Vocabulary.normalised(s) {
            if ch == "(" || ch == "（" { depth += 1; continue }
            if ch == ")" || ch == "）" { depth = max(0, depth - 1); continue }
            if depth == 0 && ch != "*" && ch != "\n" && ch != "\r" { out.append(ch) }
        }
        return out
    }
}

/// The workbook layout of each kind of dossier (docs/spreadsheets.md).
public struct WorkbookLayout: Sendable {
    public static let formSheet = "卷宗信息"
    /// Sheets a clerk may keep for notes; never read.
    public static let ignoredSheets: Set<String> = ["填写说明", "说明", "选项"]

    public let kind: String
    public let form: [FormField]
    public let tables: [TableLayout]

    public func table(_ sheet: String) -> TableLayout? { tables.first { $0.sheet == sheet } }

    public static func of(kind: String) -> WorkbookLayout? {
        switch kind {
        case "community": return community
        case "firm": return firm
        case "renovation": return renovation
        default: return nil
        }
    }

    public static let all: [WorkbookLayout] = [community, renovation, firm]

    /// Every sheet name any kind uses.
    public static var knownSheets: Set<String> {
        Set(all.flatMap { $0.tables.map(\.sheet) } + [formSheet])
    }
}
