/// The resolution pass: every name and call in every expression of a checked program is
/// bound once to what it means (`NameRef`, `CallRef`, binder slots), and every use is kept
/// (`Program.uses`). It mirrors the checker's scopes: binders shadow a rule's own `let`s,
/// which are seen after their declaration; then `as-of`; then parameters, facts and
/// definitions. Names the checker reported stay `.unresolved` (such a program is never run).
struct Resolver {
    let program: Program
    var uses: [NameUse] = []
    /// Field accesses numbered so far (`ExprKind.field`'s site).
    var fieldSites = 0
    /// Per-element memo places numbered so far, and each meaning's number (`ItemMemoPlan`).
    var memoSites = 0
    var memoKeys: [String: Int] = [:]
    var memoGlobals: [[Int]] = []
    var memoAnsweredByLookup: Set<Int> = []
    /// `distinct … by` places numbered so far, with the meaning of each key that reads only
    /// its binder (`DistinctByFound`).
    var distinctSites = 0
    var distinctKeyMeanings: [(site: Int, meaning: String)] = []

    struct Scope {
        /// Binders and parameters in slot order; the innermost of one name wins.
        var slots: [(name: String, span: Span)] = []
        /// The rule's own `let`s declared so far.
        var ruleLets: [(name: String, index: Int, span: Span)] = []

        func binding(_ n: String) -> (NameRef, Span)? {
            if let i = slots.lastIndex(where: { $0.name == n }) { return (.local(i), slots[i].span) }
            if let l = ruleLets.last(where: { $0.name == n }) { return (.ruleLocal(l.index), l.span) }
            return nil
        }

        func binding(_ b: Binder) -> (Binder, Scope) {
            var bound = b
            bound.slot = slots.count
            var inner = self
            inner.slots.append((b.name, b.span))
            return (bound, inner)
        }
    }

    /// Binds every expression of `program` and stores the result in it.
    static func resolve(_ program: Program) {
        var globals: [Global] = []
        var index: [String: Int] = [:]
        // The interpreter's order of precedence: parameters, facts, definitions.
        for p in program.params.values.sorted(by: { $0.span < $1.span }) where index[p.name] == nil {
            index[p.name] = globals.count
            globals.append(.param(p))
        }
        for f in program.facts.values.sorted(by: { $0.span < $1.span }) where index[f.name] == nil {
            index[f.name] = globals.count
            globals.append(.fact(f))
        }
        for l in program.lets.values.sorted(by: { $0.span < $1.span }) where index[l.name] == nil {
            index[l.name] = globals.count
            globals.append(.definition(l))
        }
        let tables = program.tables.values.sorted { $0.span < $1.span }
        program.globals = globals
        program.globalIndex = index
        program.tableList = tables
        program.tableIndex = Dictionary(tables.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })

        var r = Resolver(program: program)
        for (i, g) in globals.enumerated() {
            switch g {
            case .param(var p):
                p.value = r.resolve(p.value, Scope())
                program.params[p.name] = p
                program.globals[i] = .param(p)
            case .fact: break
            case .definition(var l):
                var scope = Scope()
                for p in l.params { scope.slots.append((p.name, p.span)) }
                l.body = r.resolve(l.body, scope)
                program.lets[l.name] = l
                program.globals[i] = .definition(l)
            }
        }
        for (i, var t) in program.tableList.enumerated() {
            t.rows = t.rows.map { row in
                (cells: row.cells.map { cell in
                    if case .test(let op, let e) = cell { return .test(op, r.resolve(e, Scope())) }
                    return cell
                }, result: r.resolve(row.result, Scope()), span: row.span)
            }
            program.tableList[i] = t
            program.tables[t.name] = t
        }
        for id in program.ruleOrder {
            program.rules[id] = program.rules[id]?.map { r.resolve($0) }
        }
        for (name, var p) in program.procedures {
            for i in p.steps.indices {
                if let c = p.steps[i].condition { p.steps[i].condition = r.resolve(c, Scope()) }
                if let d = p.steps[i].due { p.steps[i].due = r.resolve(d, Scope()) }
                if let rule = p.steps[i].rule { r.uses.append(NameUse(span: p.steps[i].span, target: .rule(rule))) }
            }
            program.procedures[name] = p
        }
        program.uses = r.uses.sorted { $0.span < $1.span }
        program.fieldSiteCount = r.fieldSites
        program.memoSiteCount = r.memoSites
        program.memoGlobals = r.memoGlobals
        program.memoAnsweredByLookup = (0..<r.memoSites).map(r.memoAnsweredByLookup.contains)
        program.distinctFoundKeys = r.distinctFoundKeys()
        program.sharedLets = SharedLets.plan(program)
    }

    mutating func resolve(_ rule: RuleDecl) -> RuleDecl {
        var rule = rule
        let outer = Scope()
        if let a = rule.applies { rule.applies = resolve(a, outer) }
        var item = outer
        if let fe = rule.forEach {
            let source = resolve(fe.source, outer)
            let (binder, inner) = outer.binding(fe.binder)
            item = inner
            rule.forEach = (binder, source, fe.subject.map { resolve($0, inner) })
        }
        if let e = rule.eventDate { rule.eventDate = resolve(e, item) }
        let (body, bodyScope) = resolve(rule.body, item)
        rule.body = body
        if let v = rule.value { rule.value = resolve(v, bodyScope) }
        if let n = rule.whenNone { rule.whenNone = resolve(n, outer).0 }
        return rule
    }

    mutating func resolve(_ body: RuleBody, _ outer: Scope) -> (RuleBody, Scope) {
        var body = body
        var scope = outer
        for (i, l) in body.lets.enumerated() {
            body.lets[i].body = resolve(l.body, scope)
            scope.ruleLets.append((l.name, i, ReservedName.nameSpan(l.span, l.name)))
        }
        for (i, b) in body.branches.enumerated() {
            var b = b
            b.condition = b.condition.map { resolve($0, scope) }
            b.message = b.message.map { resolve($0, scope) }
            b.changes = b.changes.map { resolve($0, scope) }
            for (j, s) in b.steps.enumerated() {
                b.steps[j].action = resolve(s.action, scope)
                b.steps[j].due = s.due.map { resolve($0, scope) }
            }
            body.branches[i] = b
        }
        return (body, scope)
    }

    mutating func resolve(_ body: LetBody, _ scope: Scope) -> LetBody {
        switch body {
        case .expr(let e): return .expr(resolve(e, scope))
        case .defaulted(let d, let basis, let exceptions):
            return .defaulted(resolve(d, scope), basis, exceptions.map { (resolve($0.0, scope), $0.1) })
        }
    }

    mutating func name(_ n: String, _ span: Span, _ scope: Scope) -> NameRef {
        if let (ref, declared) = scope.binding(n) {
            uses.append(NameUse(span: span, target: .local(declaredAt: declared)))
            return ref
        }
        if n == "as-of" {
            uses.append(NameUse(span: span, target: .asOf))
            return .asOf
        }
        if let i = program.globalIndex[n] {
            if case .definition(let l) = program.globals[i], !l.params.isEmpty { return .unresolved }
            uses.append(NameUse(span: span, target: .global(i)))
            return .global(i)
        }
        return .unresolved
    }

    mutating func call(_ n: String, _ span: Span) -> CallRef {
        if let i = program.globalIndex[n], case .definition = program.globals[i] {
            uses.append(NameUse(span: span, target: .global(i)))
            return .definition(i)
        }
        if program.globalIndex[n] == nil, let i = program.tableIndex[n] {
            uses.append(NameUse(span: span, target: .table(i)))
            return .table(i)
        }
        if program.globalIndex[n] == nil, let b = Builtin(rawValue: n) {
            uses.append(NameUse(span: span, target: .builtin(b)))
            return .builtin(b)
        }
        return .unresolved
    }

    mutating func resolve(_ e: Expr, _ scope: Scope) -> Expr {
        if StackSegments.isLow { return StackSegments.onFreshSegment { _ in resolveHere(e, scope) } }
        return resolveHere(e, scope)
    }

    private mutating func resolveHere(_ e: Expr, _ scope: Scope) -> Expr {
        let kind: ExprKind
        switch e.kind {
        case .number, .percent, .date, .bool, .outcome, .absent, .asOf: return e
        case .name(let n, _): kind = .name(n, name(n, e.span, scope))
        case .string(let parts):
            kind = .string(parts.map { p in
                if case .interpolation(let x) = p { return .interpolation(resolve(x, scope)) }
                return p
            })
        case .field(let x, let n, let s, _):
            kind = .field(resolve(x, scope), n, s, site: fieldSites)
            fieldSites += 1
        case .lookup(let a, let b): return memoized(Expr(.lookup(resolve(a, scope), resolve(b, scope)), e.span))
        case .call(let n, let args, let s, _):
            let ref = call(n, s)
            kind = .call(n, args.map { resolve($0, scope) }, s, ref)
        case .negate(let x): kind = .negate(resolve(x, scope))
        case .not(let x): kind = .not(resolve(x, scope))
        case .binary(let op, let a, let b) where op == .in || op == .eq || op == .ne:
            let (ra, rb) = (resolve(a, scope), resolve(b, scope))
            let test = Expr(.binary(op, ra, rb), e.span)
            // `k in m` over an index of elements is answered by `m[k]`: one memo for both.
            if op == .in, case .name(let n, .global) = rb.kind, case .index(.node)? = program.types[n] {
                return memoized(test, meaning: Expr(.lookup(rb, ra), e.span))
            }
            return memoized(test)
        case .binary(let op, let a, let b): kind = .binary(op, resolve(a, scope), resolve(b, scope))
        case .isAbsent(let x, let n): kind = .isAbsent(resolve(x, scope), negated: n)
        case .exists(let x): kind = .exists(resolve(x, scope))
        case .conditional(let c, let a, let b): kind = .conditional(resolve(c, scope), resolve(a, scope), resolve(b, scope))
        case .period(let x, let u): kind = .period(resolve(x, scope), u)
        case .list(let xs): kind = .list(xs.map { resolve($0, scope) })
        case .filter(let b, let s, let w):
            let src = resolve(s, scope)
            let (bb, inner) = scope.binding(b)
            kind = .filter(bb, src, w.map { resolve($0, inner) })
        case .map(let body, let b, let s, let w):
            let src = resolve(s, scope)
            let (bb, inner) = scope.binding(b)
            kind = .map(resolve(body, inner), bb, src, w.map { resolve($0, inner) })
        case .aggregate(let k, let b, let s, let w, let body):
            let src = resolve(s, scope)
            var inner = scope
            var bb = b
            if let b {
                let (x, y) = scope.binding(b)
                bb = x
                inner = y
            }
            kind = .aggregate(k, bb, src, w.map { resolve($0, inner) }, body.map { resolve($0, inner) })
        case .quantifier(let k, let b, let s, let w, let body):
            let src = resolve(s, scope)
            let (bb, inner) = scope.binding(b)
            kind = .quantifier(k, bb, src, w.map { resolve($0, inner) }, resolve(body, inner))
        case .pick(let k, let b, let s, let w, let key):
            let src = resolve(s, scope)
            let (bb, inner) = scope.binding(b)
            kind = .pick(k, bb, src, w.map { resolve($0, inner) }, resolve(key, inner))
        case .distinct(let b, let s, let key, _):
            let src = resolve(s, scope)
            let (bb, inner) = scope.binding(b)
            let k = resolve(key, inner)
            kind = .distinct(bb, src, k, site: distinct(k, binder: bb))
        case .index(let b, let s, let key):
            let src = resolve(s, scope)
            let (bb, inner) = scope.binding(b)
            kind = .index(bb, src, resolve(key, inner))
        case .ruleRef(let k, let id, let s, let subject):
            uses.append(NameUse(span: s, target: .rule(id)))
            kind = .ruleRef(k, id, s, subject.map { resolve($0, scope) })
        case .sort(let b, let s, let key, let d):
            let src = resolve(s, scope)
            let (bb, inner) = scope.binding(b)
            kind = .sort(bb, src, resolve(key, inner), descending: d)
        case .fewest(let b, let s, let key, let amount):
            let src = resolve(s, scope)
            let (bb, inner) = scope.binding(b)
            kind = .fewest(bb, src, resolve(key, inner), resolve(amount, scope))
        case .memo: return e  // only the resolver makes these, from resolved expressions
        }
        return Expr(kind, e.span)
    }
}

extension Span: Comparable {
    /// Source order: by file, then position.
    public static func < (a: Span, b: Span) -> Bool { (a.file, a.start, a.end) < (b.file, b.start, b.end) }
}
