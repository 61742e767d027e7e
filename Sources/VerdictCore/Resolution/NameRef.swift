/// What a name in an expression means, bound once when the rules load (`Resolver`): the
/// evaluator reads these and never looks a name up by its text while judging a dossier.
public enum NameRef: Sendable, Equatable {
    /// Not bound: a program with errors, or an expression built outside a loaded program.
    case unresolved
    /// `as-of`: the date of this evaluation.
    case asOf
    /// A binder (`for each`, a comprehension, a quantifier) or a definition's parameter:
    /// its slot in the evaluation's locals (outermost first).
    case local(Int)
    /// A rule's own `let`, by its position in the rule's body.
    case ruleLocal(Int)
    /// A parameter, a fact or a definition: `Program.globals[i]`.
    case global(Int)
}

/// What a call calls, bound once when the rules load.
public enum CallRef: Sendable, Equatable {
    case unresolved
    /// A definition (`let f(x) = …`): `Program.globals[i]`.
    case definition(Int)
    /// A decision table: `Program.tableList[i]`.
    case table(Int)
    case builtin(Builtin)
}

/// A parameter, fact or definition: what a `NameRef.global` points at.
public enum Global: Sendable {
    case param(ParamDecl)
    case fact(FactDecl)
    case definition(LetDecl)

    public var name: String {
        switch self {
        case .param(let p): return p.name
        case .fact(let f): return f.name
        case .definition(let l): return l.name
        }
    }

    public var span: Span {
        switch self {
        case .param(let p): return p.span
        case .fact(let f): return f.span
        case .definition(let l): return l.span
        }
    }
}

/// One use of a name and the declaration it was bound to: the symbol table that lint,
/// explain and the language server read (go to definition, find references, rename).
public struct NameUse: Sendable {
    public enum Target: Sendable, Equatable {
        case global(Int)
        case table(Int)
        case builtin(Builtin)
        case asOf
        /// A binder or a parameter, or a rule's own `let`: where it is declared.
        case local(declaredAt: Span)
        case rule(String)
    }
    public let span: Span
    public let target: Target
}
