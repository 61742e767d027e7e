/// Static types of the rule language.
public indirect enum ValueType: Equatable, Sendable, CustomStringConvertible {
    case text
    case enumeration([String])
    case number
    case date
    case period
    case boolean
    case outcome
    case node(String)         // a dossier element of a shape
    case list(ValueType)
    case index(ValueType)     // keyed lookup: text → element
    case absent
    case any                  // after an error, to avoid cascades

    public var description: String {
        switch self {
        case .text, .enumeration: return "text"
        case .number: return "number"
        case .date: return "date"
        case .period: return "period"
        case .boolean: return "boolean"
        case .outcome: return "outcome"
        case .node(let s): return s
        case .list(let t): return "list of \(t)"
        case .index(let t): return "index of \(t)"
        case .absent: return "absent"
        case .any: return "any"
        }
    }

    var isTextual: Bool {
        switch self {
        case .text, .enumeration, .any: return true
        default: return false
        }
    }

    /// Whether a value of type `other` may stand where `self` is expected.
    func accepts(_ other: ValueType) -> Bool {
        if self == .any || other == .any || other == .absent { return true }
        switch (self, other) {
        case (.text, .enumeration), (.enumeration, .text), (.enumeration, .enumeration): return true
        case (.list(let a), .list(let b)): return a.accepts(b)
        case (.index(let a), .index(let b)): return a.accepts(b)
        default: return self == other
        }
    }

    /// The common type of two branches (if/else, default/exception).
    func join(_ other: ValueType) -> ValueType? {
        if self == .absent || self == .any { return other }
        if other == .absent || other == .any { return self }
        if accepts(other) { return isTextual ? .text : self }
        return nil
    }

    static func from(_ t: TypeRef) -> ValueType {
        switch t {
        case .text: return .text
        case .number, .integer: return .number
        case .date: return .date
        case .boolean: return .boolean
        case .period: return .period
        case .enumeration(let v): return .enumeration(v)
        case .shape(let s): return .node(s)
        case .list(let e): return .list(from(e))
        case .optional(let e): return from(e)
        }
    }
}
