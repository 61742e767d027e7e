/// A lexical token. `text` is the token's source text (for strings: the raw body).
public struct Token: Sendable {
    public enum Kind: Sendable, Equatable {
        case identifier
        case keyword(Keyword)
        case number      // 60, 86.40
        case percent     // 50%
        case date        // 2025-07-01
        case string      // "…" (body in `text`, interpolations parsed later)
        case punct(String)
        case notApplicable  // n/a
        case eof
    }
    public let kind: Kind
    public let text: String
    public let span: Span
}

/// Reserved words. Identifiers may still contain them with hyphens (`exit-days`).
public enum Keyword: String, Sendable, CaseIterable {
    case article, document, param, shape, fact, `let`, table, rule, procedure
    case must, should, advice, cite, applies, when, `for`, each, `in`, `where`, subject, value
    case decide, pass, fail, pending, unknown, otherwise, step, due, none
    case not, and, or, `if`, then, `else`, exists, `is`, absent, of, `true`, `false`
    case count, sum, min, max, every, some, no, distinct, by, latest, earliest, index
    case satisfies, unless, per, source, placeholder, first, unique, hit
    case list, optional, on, file, force, from, until, earlier, law, passed, outcome
    case days, months, years, at
    case change, fewest, covering, sort, descending
    case text, decimal, integer, date, boolean, one
}
