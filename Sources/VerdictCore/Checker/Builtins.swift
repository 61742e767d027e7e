/// Functions every rule file can call. Their implementations live in the interpreter.
public enum Builtin: String, CaseIterable, Sendable {
    case percent, fraction, ceil, floor, abs, join, text
    case movedToWorkingDay = "moved-to-working-day"
    case daysBetween = "days-between"
    case year, odd, take
    case largerOf = "larger-of", smallerOf = "smaller-of"

    var signature: (params: [ValueType], result: ValueType) {
        switch self {
        case .percent, .fraction: return ([.number], .text)
        case .ceil, .floor, .abs: return ([.number], .number)
        case .join: return ([.list(.text), .text], .text)
        case .text: return ([.any], .text)
        case .movedToWorkingDay: return ([.date], .date)
        case .daysBetween: return ([.date, .date], .number)
        case .year: return ([.date], .number)
        case .odd: return ([.number], .boolean)
        case .take: return ([.list(.any), .number], .list(.any))
        case .largerOf, .smallerOf: return ([.number, .number], .number)
        }
    }

    var help: String {
        switch self {
        case .percent: return "percent(x): x as a percentage with two decimals, e.g. 63.96%"
        case .fraction: return "fraction(x): x as an exact fraction, e.g. 27504/43000"
        case .ceil: return "ceil(x): the smallest whole number not below x"
        case .floor: return "floor(x): the largest whole number not above x"
        case .abs: return "abs(x): the magnitude of x"
        case .join: return "join(texts, separator)"
        case .text: return "text(x): x as text"
        case .movedToWorkingDay: return "moved-to-working-day(d): Art. 203, a last day on a rest day moves to the next working day"
        case .daysBetween: return "days-between(a, b): calendar days from a to b"
        case .year: return "year(d): the year of a date"
        case .odd: return "odd(n): whether a whole number is odd"
        case .take: return "take(xs, n): the first n items of a list"
        case .largerOf: return "larger-of(a, b): the larger of two numbers"
        case .smallerOf: return "smaller-of(a, b): the smaller of two numbers"
        }
    }
}

/// Names the language gives a meaning of its own: no declaration may take them, so that a
/// name in a rule always means the same thing wherever it is read.
public enum ReservedName {
    /// What the name already means, or nil when it is free.
    public static func meaning(of name: String) -> String? {
        if name == "as-of" { return "the date the dossier is judged at (the dossier's `as-of`, `--as-of`, or today)" }
        if Builtin(rawValue: name) != nil { return "a built-in function" }
        return nil
    }

    /// The diagnostic for a declaration of `name` at `span`, or nil when the name is free.
    public static func check(_ name: String, _ span: Span, _ what: String) -> Diagnostic? {
        guard let meaning = meaning(of: name) else { return nil }
        return Diagnostic(.reservedName, span, "`\(name)` is reserved and cannot be declared as \(what): it is \(meaning)",
                          help: "choose another name, e.g. `\(name == "as-of" ? "reference-date" : "my-" + name)`")
    }

    /// The span of a declaration's name: its last `name.utf8.count` bytes (`let NAME`).
    static func nameSpan(_ span: Span, _ name: String) -> Span {
        Span(file: span.file, start: max(span.start, span.end - name.utf8.count), end: span.end)
    }
}
