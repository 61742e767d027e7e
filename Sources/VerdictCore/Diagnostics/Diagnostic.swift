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
    case tab = "V0108"
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
    case reservedName = "V0310"
    // Types
    case typeMismatch = "V0401"
    case arity = "V0402"
    case enumValue = "V0404"
    // Facts
    case invalidXPath = "V0501"
    // Files and data
    case io = "V0601"
    case calendar = "V0602"
    case param = "V0603"
    // Lint
    case missingCite = "L0001"
    case uncitedArticle = "L0002"
    case paramWithoutSource = "L0003"
    case placeholder = "L0004"
    case unusedDefinition = "L0005"
    case tableGap = "L0006"
    case tableOverlap = "L0007"
    case unknownSchemaName = "L0008"
    case neverApplies = "L0009"
    case fieldNotInSchema = "L0011"

    public var defaultSeverity: Diagnostic.Severity {
        switch self {
        case .placeholder: return .note
        case .tableGap, .tableOverlap, .unknownSchemaName, .neverApplies, .fieldNotInSchema: return .error
        case .tab: return .warning
        default: return rawValue.hasPrefix("L") ? .warning : .error
        }
    }

    /// The catalogue: what each code means, in one place (`verdict lint --codes`, Grammar.md).
    public var summary: String {
        switch self {
        case .unexpectedCharacter: return "a character that cannot start a token"
        case .unterminatedString: return "a string or interpolation that is not closed"
        case .invalidNumber: return "a malformed number"
        case .invalidDate: return "a date that does not exist"
        case .invalidUTF8: return "bytes that are not UTF-8"
        case .fullWidthPunctuation: return "full-width punctuation where ASCII is meant"
        case .tooLong: return "a token longer than the limit"
        case .tab: return "a tab character (indent with spaces)"
        case .expected: return "the grammar expected something else here"
        case .unexpectedToken: return "a token that does not belong here"
        case .tooDeep: return "expressions nested too deeply"
        case .duplicateClause: return "a clause given twice"
        case .badTable: return "a malformed decision table"
        case .unknownName: return "a name that is not defined"
        case .duplicateName: return "a name defined twice"
        case .duplicateRule: return "two versions of a rule in force at the same time"
        case .unknownArticle: return "a cite of an article that is not declared"
        case .unknownParagraph: return "a cite of a paragraph or section the article does not have"
        case .unknownField: return "a field the shape does not have"
        case .unknownRule: return "a reference to a rule that does not exist"
        case .unknownShape: return "a type that is not declared"
        case .cycle: return "a definition or rule that depends on itself"
        case .reservedName: return "a declaration that takes a reserved name (`as-of`, a built-in function)"
        case .typeMismatch: return "a value of the wrong kind"
        case .arity: return "a call with the wrong number of arguments"
        case .enumValue: return "a literal that is not one of the field's values"
        case .invalidXPath: return "an XPath that does not compile"
        case .io: return "a file that cannot be read"
        case .calendar: return "a malformed holiday calendar"
        case .param: return "a --param that does not fit"
        case .missingCite: return "a rule that cites no article"
        case .uncitedArticle: return "an article no rule, step or default cites"
        case .paramWithoutSource: return "a parameter without a source"
        case .placeholder: return "a placeholder value, listed so nobody mistakes it for law"
        case .unusedDefinition: return "a definition, fact, shape or table nothing uses"
        case .tableGap: return "input values for which no row of a decision table matches"
        case .tableOverlap: return "input values matched by several rows of a unique-hit table"
        case .unknownSchemaName: return "an XPath naming an element or attribute the dossier schema does not have"
        case .neverApplies: return "a rule that can never apply"
        case .fieldNotInSchema: return "a shape field that is not an attribute of its element in the schema"
        }
    }
}
