import VerdictCore

/// What a name in the rules stands for: the identity that definition, references and
/// rename agree on.
public enum SymbolKey: Hashable, Sendable {
    case global(String)      // a parameter, fact or definition
    case table(String)
    case rule(String)
    case article(String)
    case shape(String)
    case field(shape: String?, name: String)  // nil shape: the receiver's shape is not known
    case local(Span)         // a binder, a definition's parameter or a rule's own `let`, by its declaration
    case builtin(String)
    case procedure(String)
    case asOf

    var name: String? {
        switch self {
        case .global(let n), .table(let n), .rule(let n), .article(let n), .shape(let n), .builtin(let n), .procedure(let n): return n
        case .field(_, let n): return n
        case .local, .asOf: return nil
        }
    }

    /// Kinds the user may rename (built-ins and `as-of` belong to the language).
    var renamable: Bool {
        switch self {
        case .builtin, .asOf: return false
        case .field(let s, _): return s != nil
        default: return true
        }
    }
}

/// One place a symbol occurs: its name's bytes, and whether this is where it is declared.
public struct Occurrence: Sendable {
    public let span: Span
    public let key: SymbolKey
    public let isDeclaration: Bool
}

/// A declaration for the outline and workspace symbols.
struct DeclSymbol: Sendable {
    enum Kind: Sendable { case article, param, shape, field, fact, definition, table, rule, procedure }
    var name: String
    var kind: Kind
    var nameSpan: Span
    var span: Span
    var detail: String
    var children: [DeclSymbol] = []

    /// LSP SymbolKind numbers.
    var lspKind: Int {
        switch kind {
        case .article: return 15       // String: the law's text
        case .param: return 14         // Constant
        case .shape: return 23         // Struct
        case .field: return 8          // Field
        case .fact: return 13          // Variable
        case .definition: return 12    // Function
        case .table: return 12
        case .rule: return 6           // Method
        case .procedure: return 2      // Module
        }
    }
}
