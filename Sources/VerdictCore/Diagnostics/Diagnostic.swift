/// A diagnostic is a value; rendering it is a separate job (`DiagnosticRenderer`).
public struct Diagnostic: Sendable, Error {
    public enum Severity: String, Sendable { case error, warning, note }

    public let code: DiagnosticCode
    public let severity: Severity
    public let span: Span
    public let message: String
    public let help: String?
    public let notes: [String]

    public init(_ code: DiagnosticCode, _ span: Span, _ message: String, help: String? = nil,
                notes: [String] = [], severity: Severity? = nil) {
        self.code = code
        self.span = span
        self.message = message
        self.help = help
        self.notes = notes
        self.severity = severity ?? code.defaultSeverity
    }
}

/// Every diagnostic Verdict can report, with a stable code (`V0101`).
public enum DiagnosticCode: String, Sendable, CaseIterable {
    // Lexical
    case unexpectedCharacter = "V0101"
    case unterminatedString = "V0102"
    case invalidNumber = "V0103"
    case invalidDate = "V0104"
    case invalidUTF8 = "V0105"
    case fullWidthPunctuation = "V0106"
    case tooLong = "V0107"
    // Syntax
    case expected = "V0201"
    case unexpectedToken = "V0202"
    case tooDeep = "V0203"
    case duplicateClause = "V0204"
    case badTable = "V0205"
    // Names and declarations
    case unknownName = "V0301"
    case duplicateName = "V0302"
    case duplicateRule = "V0303"
    case unknownArticle = "V0304"
    case unknownParagraph = "V0305"
    case unknownField = "V0306"
    case unknownRule = "V0307"
    case unknownShape = "V0308"
    case cycle = "V0309"
    // Types
    case typeMismatch = "V0401"
    case arity = "V0402"
    case notAValue = "V0403"
    case enumValue = "V0404"
    // Facts
    case invalidXPath = "V0501"
    // Files and data
    case io = "V0601"
    case calendar = "V0602"
    case param = "V0603"
    // Lint (issue 5 adds more)
    case missingCite = "L0001"

    public var defaultSeverity: Diagnostic.Severity {
        rawValue.hasPrefix("L") ? .warning : .error
    }
}
