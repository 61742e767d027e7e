/// The syntax tree of rule files. Spans are byte offsets; equality of meaning
/// (used by `fmt` to prove itself) ignores them.

public struct Expr: Sendable {
    public var kind: ExprKind
    public var span: Span
    public init(_ kind: ExprKind, _ span: Span) {
        self.kind = kind
        self.span = span
    }
}

public struct Binder: Sendable {
    public var name: String
    public var span: Span
    /// Its slot among the locals where it is bound (set by the `Resolver`).
    public var slot: Int = 0
}

public enum BinaryOp: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", of = "of"
    case eq = "=", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
    case and, or, `in`
}

public enum AggregateKind: String, Sendable { case count, sum, min, max }
public enum QuantifierKind: String, Sendable { case every, some, no }
public enum PickKind: String, Sendable { case latest, earliest }
public enum RuleRefKind: String, Sendable { case passed, outcome }

public enum StringPart: Sendable {
    case literal(String)
    case interpolation(Expr)
}

public indirect enum ExprKind: Sendable {
    case number(Rational, scale: Int)
    case percent(Rational)
    case date(CivilDate)
    case string([StringPart])
    case bool(Bool)
    case outcome(Outcome)
    case absent
    case asOf
    case name(String, NameRef)
    /// `base.name`; `site` numbers the place for the evaluator's field cache (the `Resolver` sets it).
    case field(Expr, String, Span, site: Int)
    case lookup(Expr, Expr)
    case call(String, [Expr], Span, CallRef)
    case negate(Expr)
    case not(Expr)
    case binary(BinaryOp, Expr, Expr)
    case isAbsent(Expr, negated: Bool)
    case exists(Expr)
    case conditional(Expr, Expr, Expr)
    case period(Expr, Period.Unit)
    case filter(Binder, Expr, Expr?)
    case map(Expr, Binder, Expr, Expr?)
    case list([Expr])
    case aggregate(AggregateKind, Binder?, Expr, Expr?, Expr?)  // kind, binder, source, where, body
    case quantifier(QuantifierKind, Binder, Expr, Expr?, Expr)
    case pick(PickKind, Binder, Expr, Expr?, Expr)
    /// `distinct b in xs by key`; `site` numbers the place for the evaluator's shortcut over
    /// elements an index found (`Program.distinctFoundKeys`; the `Resolver` sets it).
    case distinct(Binder, Expr, Expr, site: Int)
    case index(Binder, Expr, Expr)
    case ruleRef(RuleRefKind, String, Span, Expr?)
    /// `sort x in xs by key [descending]`
    case sort(Binder, Expr, Expr, descending: Bool)
    /// `fewest x in xs by key covering amount`: the shortest run of the largest keys whose sum reaches amount.
    case fewest(Binder, Expr, Expr, Expr)
    /// An index lookup, `in` test or (in)equality over one element (`binder`, a local slot) and the
    /// dossier's definitions only: the `Resolver` wraps it so that the evaluator computes it
    /// once per element and reads it back in every later pass (`ItemMemo`). `key` is the same
    /// for expressions of the same meaning wherever they are written; `site` numbers the place.
    case memo(Expr, binder: Int, key: Int, site: Int)
}

/// pass | fail | pending | n/a | unknown
public enum Outcome: String, Sendable, CaseIterable, Comparable {
    case pass, fail, pending
    case notApplicable = "n/a"
    case unknown

    public static func < (a: Outcome, b: Outcome) -> Bool {
        let order: [Outcome] = [.fail, .unknown, .pending, .pass, .notApplicable]
        return (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0)
    }
}

public enum Level: String, Sendable { case must, should, advice }

/// A reference to an article, or to one of its paragraphs (¶2) or sections (§"三(一)").
public struct CiteRef: Sendable {
    public enum Part: Sendable, Equatable {
        case paragraph(Int)
        case section(String)
    }
    public var article: String
    public var part: Part?
    public var span: Span
}

public struct ArticleDecl: Sendable {
    public struct Part: Sendable {
        public var part: CiteRef.Part
        public var text: String
        public var span: Span
    }
    public var id: String
    public var title: String
    public var inForceFrom: CivilDate?
    public var inForceUntil: CivilDate?
    public var notOnFile: Bool
    public var parts: [Part]
    public var span: Span
}

public indirect enum TypeRef: Sendable, Equatable {
    case text, number, integer, date, boolean, period
    case enumeration([String])
    case shape(String)
    case list(TypeRef)
    case optional(TypeRef)
}

public struct FieldDecl: Sendable {
    public var name: String
    public var type: TypeRef
    public var path: String?   // node-valued fields: XPath relative to the owner node
    public var pathSpan: Span?
    public var span: Span
}

public struct ShapeDecl: Sendable {
    public var name: String
    public var fields: [FieldDecl]
    public var span: Span
}

public struct FactDecl: Sendable {
    public var name: String
    public var type: TypeRef   // .list(.shape), .optional(.shape) or .shape
    public var path: String
    public var pathSpan: Span
    public var span: Span
}

public struct ParamDecl: Sendable {
    public var name: String
    public var value: Expr
    public var source: String
    public var placeholder: Bool
    public var span: Span
}

/// Where a default or an exception comes from: an article, or a named source such as "合同约定".
public enum Basis: Sendable {
    case cite(CiteRef)
    case text(String)
}

public enum LetBody: Sendable {
    case expr(Expr)
    /// `DEFAULT per BASIS unless EXCEPTION per BASIS …`: the first present exception wins.
    case defaulted(Expr, Basis, [(Expr, Basis)])
}

public struct LetDecl: Sendable {
    public var name: String
    public var params: [(name: String, type: TypeRef, span: Span)]
    public var body: LetBody
    public var span: Span
}

public enum HitPolicy: String, Sendable { case first, unique }

public struct TableDecl: Sendable {
    public enum Cell: Sendable {
        case any(Span)
        case test(BinaryOp, Expr)   // `>= 90`, `= "A"`, `< 2`
    }
    public var name: String
    public var params: [(name: String, type: TypeRef, span: Span)]
    public var hit: HitPolicy
    public var source: String?
    public var placeholder: Bool
    public var columns: [(name: String, span: Span)]
    public var output: String
    public var rows: [(cells: [Cell], result: Expr, span: Span)]
    public var span: Span
}

public struct StepDecl: Sendable {
    public var action: Expr   // a string expression
    public var due: Expr?
    public var cites: [CiteRef]
    public var span: Span
}

public struct Branch: Sendable {
    public var outcome: Outcome
    public var condition: Expr?   // nil for `otherwise`
    public var message: Expr?
    public var steps: [StepDecl]
    /// `change "…"`: what would change the outcome, computed from the rule's own values.
    public var changes: [Expr] = []
    public var span: Span
}

public struct RuleBody: Sendable {
    public var lets: [LetDecl]
    public var branches: [Branch]
}

public struct RuleDecl: Sendable {
    public var id: String
    public var idSpan: Span
    public var title: String
    public var level: Level
    /// The dossier kinds the rule judges (`for community, firm dossiers`); empty: all.
    public var kinds: [String] = []
    public var kindsSpan: Span?
    public var cites: [CiteRef]
    public var inForceFrom: CivilDate?
    public var inForceUntil: CivilDate?
    public var eventDate: Expr?
    public var earlierLaw: String?
    public var applies: Expr?
    public var forEach: (binder: Binder, source: Expr, subject: Expr?)?
    public var value: Expr?
    public var body: RuleBody
    public var whenNone: RuleBody?
    public var span: Span
}

public struct ProcedureDecl: Sendable {
    /// A step is judged by a rule's findings, or by a condition (`done when …`).
    public struct Step: Sendable {
        public var title: String
        public var rule: String?
        public var condition: Expr?
        public var due: Expr?
        public var cites: [CiteRef] = []
        public var span: Span
    }
    public var name: String
    public var title: String
    public var steps: [Step]
    public var span: Span
}

public enum Declaration: Sendable {
    case article(ArticleDecl)
    case param(ParamDecl)
    case shape(ShapeDecl)
    case fact(FactDecl)
    case `let`(LetDecl)
    case table(TableDecl)
    case rule(RuleDecl)
    case procedure(ProcedureDecl)

    public var span: Span {
        switch self {
        case .article(let d): return d.span
        case .param(let d): return d.span
        case .shape(let d): return d.span
        case .fact(let d): return d.span
        case .let(let d): return d.span
        case .table(let d): return d.span
        case .rule(let d): return d.span
        case .procedure(let d): return d.span
        }
    }
}
