extension Checker {
    mutating func expect(_ want: ValueType, _ e: Expr, _ scope: Scope, _ what: String) {
        let t = typeOf(e, scope)
        if !want.accepts(t) {
            report(.typeMismatch, e.span, "\(what) must be a \(want), but this is a \(t)", help: hint(want, t))
        }
    }

    mutating func expectText(_ e: Expr, _ scope: Scope, _ what: String) {
        let t = typeOf(e, scope)
        if !t.isTextual && t != .absent {
            report(.typeMismatch, e.span, "\(what) must be text, but this is a \(t)")
        }
    }

    func hint(_ want: ValueType, _ got: ValueType) -> String? {
        switch (want, got) {
        case (.period, .number): return "turn a number into a period with a unit: `n days`"
        case (.boolean, _): return "compare it: `x = …`, `x >= …`, or test `exists x`"
        case (.date, .period): return "a date plus a period is a date: `d + 60 days`"
        default: return nil
        }
    }

    func allNames(_ scope: Scope) -> [String] {
        Array(scope.locals.keys) + Array(globalTypes.keys) + Array(program.lets.keys) + Array(program.tables.keys)
            + Builtin.allCases.map(\.rawValue) + ["as-of"]
    }

    mutating func unknownName(_ name: String, _ span: Span, _ scope: Scope) {
        var help: String?
        if name.contains("-") {
            let pieces = name.split(separator: "-").map(String.init)
            if pieces.count == 2, nameKnown(pieces[0], scope) {
                help = "to subtract, put spaces around `-`: `\(pieces[0]) - \(pieces[1])`"
            }
        }
        if help == nil, let s = FuzzyMatch.suggestion(for: name, among: allNames(scope)) { help = "did you mean `\(s)`?" }
        report(.unknownName, span, "unknown name `\(name)`", help: help)
    }

    func nameKnown(_ n: String, _ scope: Scope) -> Bool {
        scope.locals[n] != nil || globalTypes[n] != nil || program.lets[n] != nil
    }

    /// Recursive through every expression and every definition used: deep programs continue
    /// on a fresh stack segment (`StackSegments`).
    mutating func typeOf(_ e: Expr, _ scope: Scope) -> ValueType {
        if StackSegments.isLow { return StackSegments.onFreshSegment { _ in typeOfHere(e, scope) } }
        return typeOfHere(e, scope)
    }

    private mutating func typeOfHere(_ e: Expr, _ scope: Scope) -> ValueType {
        switch e.kind {
        case .number, .percent: return .number
        case .date: return .date
        case .string(let parts):
            for p in parts { if case .interpolation(let x) = p { _ = typeOf(x, scope) } }
            return .text
        case .bool: return .boolean
        case .outcome: return .outcome
        case .absent: return .absent
        case .asOf: return .date
        case .name(let n, _):
            if n == "as-of" { return .date }
            if let t = scope.locals[n] { return t }
            if let l = program.lets[n] {
                if !l.params.isEmpty {
                    report(.arity, e.span, "`\(n)` takes \(l.params.count) argument(s)",
                           help: "call it: `\(n)(\(l.params.map(\.name).joined(separator: ", ")))`")
                    return .any
                }
                return letType(n)
            }
            if let t = globalTypes[n] { return t }
            if program.tables[n] != nil {
                report(.arity, e.span, "table `\(n)` must be called with its inputs")
                return .any
            }
            unknownName(n, e.span, scope)
            return .any
        case .field(let base, let name, let span, _):
            let bt = typeOf(base, scope)
            guard case .node(let shape) = bt else {
                if bt != .any {
                    report(.typeMismatch, span, "`.\(name)` reads a field of a dossier element, but this is a \(bt)",
                           help: bt == .outcome ? nil : (isList(bt) ? "pick one element first, e.g. `latest x in xs by …`" : nil))
                }
                return .any
            }
            guard let s = program.shapes[shape] else { return .any }
            guard let f = s.fields.first(where: { $0.name == name }) else {
                let sugg = FuzzyMatch.suggestion(for: name, among: s.fields.map(\.name))
                report(.unknownField, span, "shape `\(shape)` has no field `\(name)`",
                       help: sugg.map { "did you mean `\($0)`?" } ?? "its fields are \(s.fields.map(\.name).joined(separator: ", "))")
                return .any
            }
            return parameterType(f.type)
        case .lookup(let m, let k):
            let mt = typeOf(m, scope)
            expectText(k, scope, "a lookup key")
            if case .index(let elem) = mt { return elem }
            if mt != .any { report(.typeMismatch, m.span, "only an `index` can be looked up with `[…]`, but this is a \(mt)") }
            return .any
        case .call(let name, let args, let span, _):
            return callType(name, args, span, scope)
        case .negate(let x):
            let t = typeOf(x, scope)
            if t != .number && t != .period && t != .any { report(.typeMismatch, x.span, "cannot negate a \(t)") }
            return t
        case .not(let x):
            expect(.boolean, x, scope, "the operand of `not`")
            return .boolean
        case .binary(let op, let a, let b):
            return binaryType(op, a, b, scope)
        case .isAbsent(let x, _), .exists(let x):
            _ = typeOf(x, scope)
            return .boolean
        case .conditional(let c, let a, let b):
            expect(.boolean, c, scope, "the condition of `if`")
            let ta = typeOf(a, scope), tb = typeOf(b, scope)
            if let j = ta.join(tb) { return j }
            report(.typeMismatch, e.span, "the branches of `if` differ: \(ta) and \(tb)")
            return .any
        case .period(let x, _):
            let t = typeOf(x, scope)
            if t != .number && t != .any && t != .absent {
                report(.typeMismatch, x.span, "a period counts a number of days, months or years, but this is a \(t)")
            }
            return .period
        case .filter(let b, let s, let w):
            let (elem, inner) = bind(b, s, scope)
            if let w { expect(.boolean, w, inner, "a `where` condition") }
            return .list(elem)
        case .map(let body, let b, let s, let w):
            let (_, inner) = bind(b, s, scope)
            if let w { expect(.boolean, w, inner, "a `where` condition") }
            return .list(typeOf(body, inner))
        case .list(let xs):
            var t: ValueType = .any
            for x in xs {
                let xt = typeOf(x, scope)
                if let j = t.join(xt) { t = j } else { report(.typeMismatch, x.span, "list items differ: \(t) and \(xt)") }
            }
            return .list(t)
        case .aggregate(let kind, let b, let s, let w, let body):
            if let b {
                let (_, inner) = bind(b, s, scope)
                if let w { expect(.boolean, w, inner, "a `where` condition") }
                if let body {
                    let bt = typeOf(body, inner)
                    if kind == .sum && bt != .number && bt != .any { report(.typeMismatch, body.span, "`sum` adds numbers, but this is a \(bt)") }
                    if (kind == .min || kind == .max) && ![ValueType.number, .date, .any].contains(bt) {
                        report(.typeMismatch, body.span, "`\(kind.rawValue)` compares numbers or dates, but this is a \(bt)")
                    }
                    return kind == .count ? .number : bt
                }
                return .number
            }
            let st = typeOf(s, scope)
            if !isList(st) && st != .any { report(.typeMismatch, s.span, "`count` counts a list, but this is a \(st)") }
            return .number
        case .quantifier(_, let b, let s, let w, let body):
            let (_, inner) = bind(b, s, scope)
            if let w { expect(.boolean, w, inner, "a `where` condition") }
            expect(.boolean, body, inner, "the condition after `satisfies`")
            return .boolean
        case .pick(_, let b, let s, let w, let key):
            let (elem, inner) = bind(b, s, scope)
            if let w { expect(.boolean, w, inner, "a `where` condition") }
            let kt = typeOf(key, inner)
            if ![ValueType.number, .date, .any].contains(kt) { report(.typeMismatch, key.span, "order by a number or a date, not a \(kt)") }
            return elem
        case .distinct(let b, let s, let key, _):
            let (elem, inner) = bind(b, s, scope)
            expectText(key, inner, "a `distinct … by` key")
            return .list(elem)
        case .index(let b, let s, let key):
            let (elem, inner) = bind(b, s, scope)
            expectText(key, inner, "an `index … by` key")
            return .index(elem)
        case .sort(let b, let s, let key, _):
            let (elem, inner) = bind(b, s, scope)
            let kt = typeOf(key, inner)
            if ![ValueType.number, .date, .any].contains(kt) && !kt.isTextual {
                report(.typeMismatch, key.span, "sort by a number, a date or a text, not a \(kt)")
            }
            return .list(elem)
        case .fewest(let b, let s, let key, let amount):
            let (elem, inner) = bind(b, s, scope)
            expect(.number, key, inner, "the key of `fewest`")
            expect(.number, amount, scope, "the amount after `covering`")
            return .list(elem)
        case .memo(let x, _, _, _):
            return typeOf(x, scope)
        case .ruleRef(let kind, let id, let span, let subject):
            if program.rules[id] == nil {
                let s = FuzzyMatch.suggestion(for: id, among: program.ruleOrder)
                report(.unknownRule, span, "unknown rule `\(id)`", help: s.map { "did you mean `\($0)`?" })
            }
            if let subject { _ = typeOf(subject, scope) }
            return kind == .passed ? .boolean : .outcome
        }
    }

    func isList(_ t: ValueType) -> Bool { if case .list = t { return true }; return false }

    mutating func bind(_ b: Binder, _ source: Expr, _ scope: Scope) -> (ValueType, Scope) {
        let st = typeOf(source, scope)
        var elem = ValueType.any
        if case .list(let e) = st { elem = e } else if st != .any {
            report(.typeMismatch, source.span, "expected a list to go through, but this is a \(st)")
        }
        if let d = ReservedName.check(b.name, b.span, "a variable"),
           !diagnostics.contains(where: { $0.code == .reservedName && $0.span == b.span }) {
            diagnostics.append(d)
        }
        var inner = scope
        inner.locals[b.name] = elem
        return (elem, inner)
    }

    mutating func callType(_ name: String, _ args: [Expr], _ span: Span, _ scope: Scope) -> ValueType {
        let argTypes = args.map { typeOf($0, scope) }
        func arity(_ n: Int, _ help: String) -> Bool {
            if args.count != n {
                report(.arity, span, "`\(name)` takes \(n) argument(s), given \(args.count)", help: help)
                return false
            }
            return true
        }
        if let l = program.lets[name] {
            guard arity(l.params.count, "\(name)(\(l.params.map(\.name).joined(separator: ", ")))") else { return .any }
            for (i, p) in l.params.enumerated() where !parameterType(p.type).accepts(argTypes[i]) {
                report(.typeMismatch, args[i].span, "argument `\(p.name)` of `\(name)` must be a \(parameterType(p.type)), but this is a \(argTypes[i])")
            }
            // Typed once (`letType` keeps it); inside a cycle of calls, reported by
            // `checkCycles`, the definition being typed is `any`.
            return letType(name)
        }
        if let t = program.tables[name] {
            guard arity(t.params.count, "\(name)(\(t.params.map(\.name).joined(separator: ", ")))") else { return .any }
            for (i, p) in t.params.enumerated() where !parameterType(p.type).accepts(argTypes[i]) {
                report(.typeMismatch, args[i].span, "input `\(p.name)` of table `\(name)` must be a \(parameterType(p.type)), but this is a \(argTypes[i])")
            }
            return tableResults[name] ?? .any
        }
        if let b = Builtin(rawValue: name) {
            let sig = b.signature
            guard arity(sig.params.count, b.help) else { return .any }
            for (i, p) in sig.params.enumerated() where !p.accepts(argTypes[i]) {
                report(.typeMismatch, args[i].span, "argument \(i + 1) of `\(name)` must be a \(p), but this is a \(argTypes[i])", help: b.help)
            }
            if b == .take { return argTypes.first ?? .any }
            return sig.result
        }
        let s = FuzzyMatch.suggestion(for: name, among: Array(program.lets.keys) + Array(program.tables.keys) + Builtin.allCases.map(\.rawValue))
        report(.unknownName, span, "unknown function `\(name)`", help: s.map { "did you mean `\($0)`?" })
        return .any
    }

    mutating func binaryType(_ op: BinaryOp, _ a: Expr, _ b: Expr, _ scope: Scope) -> ValueType {
        let ta = typeOf(a, scope), tb = typeOf(b, scope)
        if ta == .any || tb == .any {
            switch op {
            case .eq, .ne, .lt, .le, .gt, .ge, .and, .or, .in: return .boolean
            default: return .any
            }
        }
        func mismatch(_ help: String? = nil) -> ValueType {
            report(.typeMismatch, a.span.to(b.span), "cannot apply `\(op.rawValue)` to a \(ta) and a \(tb)", help: help)
            return .any
        }
        switch op {
        case .and, .or:
            if ta != .boolean && ta != .absent { report(.typeMismatch, a.span, "`\(op.rawValue)` needs true or false, but this is a \(ta)") }
            if tb != .boolean && tb != .absent { report(.typeMismatch, b.span, "`\(op.rawValue)` needs true or false, but this is a \(tb)") }
            return .boolean
        case .add:
            if ta == .number && tb == .number { return .number }
            if case .list = ta, ta.accepts(tb) { return ta }
            if ta.isTextual && tb.isTextual { return .text }
            if ta == .date && tb == .period { return .date }
            if ta == .period && tb == .date { return .date }
            if ta == .period && tb == .period { return .period }
            if ta == .date && tb == .number { return mismatch("add a period, not a bare number: `d + \(a.span == b.span ? "n" : "n") days`") }
            return mismatch()
        case .sub:
            if ta == .number && tb == .number { return .number }
            if ta == .date && tb == .period { return .date }
            if ta == .date && tb == .date { return .number }
            if ta == .period && tb == .period { return .period }
            if ta == .date && tb == .number { return mismatch("subtract a period, not a bare number: `d - n days`") }
            return mismatch()
        case .mul, .of:
            if ta == .number && tb == .number { return .number }
            return mismatch()
        case .div:
            if ta == .number && tb == .number { return .number }
            return mismatch()
        case .eq, .ne, .lt, .le, .gt, .ge:
            checkComparison(op, ta, tb, a.span.to(b.span), literal: b)
            if case .enumeration = tb, !(ta.accepts(tb) == false) { checkEnumLiteral(a, tb) }
            return .boolean
        case .in:
            if case .enumeration = ta, case .list(let items) = b.kind { for item in items { checkEnumLiteral(item, ta) } }
            if case .index = tb { return .boolean }
            if case .list = tb { return .boolean }
            return mismatch("`k in m` asks whether an index or list has k")
        }
    }

    mutating func checkComparison(_ op: BinaryOp, _ ta: ValueType, _ tb: ValueType, _ span: Span, literal: Expr? = nil) {
        if ta == .any || tb == .any || ta == .absent || tb == .absent { return }
        if !ta.accepts(tb) {
            report(.typeMismatch, span, "cannot compare a \(ta) with a \(tb)", help: hint(ta, tb))
            return
        }
        if op != .eq && op != .ne, ta == .boolean || ta == .outcome || ta.isTextual || isList(ta) {
            report(.typeMismatch, span, "`\(op.rawValue)` orders numbers, dates and periods, not a \(ta)")
        }
        if case .enumeration = ta, let literal { checkEnumLiteral(literal, ta) }
    }

    /// A literal compared with an enumerated field must be one of its values.
    mutating func checkEnumLiteral(_ lit: Expr, _ type: ValueType) {
        guard case .enumeration(let values) = type, case .string(let parts) = lit.kind, parts.count <= 1 else { return }
        let text = parts.first.flatMap { p -> String? in if case .literal(let s) = p { return s }; return nil } ?? ""
        guard !values.contains(text) else { return }
        let s = FuzzyMatch.suggestion(for: text, among: values)
        report(.enumValue, lit.span, "`\(text)` is not one of the values this field can have",
               help: (s.map { "did you mean `\($0)`? " } ?? "") + "allowed: \(values.map { "\"\($0)\"" }.joined(separator: ", "))")
    }
}
