import VerdictCore

/// Fills an `Analysis`'s index from the resolved program: the resolver's uses, every
/// declaration's name, cites, and fields (their owner's shape inferred from the receiver).
struct Indexer {
    let analysis: Analysis
    var program: Program { analysis.program }
    let targets: [Span: NameUse.Target]

    init(analysis: Analysis) {
        self.analysis = analysis
        var t: [Span: NameUse.Target] = [:]
        for u in analysis.program.uses { t[u.span] = u.target }
        targets = t
    }

    mutating func run() {
        uses()
        declarations()
        for g in program.globals {
            switch g {
            case .param(let p): walk(p.value)
            case .fact: break
            case .definition(let l): walkLet(l, ruleLocal: false)
            }
        }
        for t in program.tableList {
            for row in t.rows {
                for case .test(_, let e) in row.cells { walk(e) }
                walk(row.result)
            }
        }
        for id in program.ruleOrder { for r in program.rules[id] ?? [] { walkRule(r) } }
        for p in program.procedures.values {
            for s in p.steps {
                if let c = s.condition { walk(c) }
                if let d = s.due { walk(d) }
                for c in s.cites { cite(c) }
            }
        }
    }

    func uses() {
        for u in program.uses {
            let key: SymbolKey
            var span = u.span
            switch u.target {
            case .global(let i): key = .global(program.globals[i].name)
            case .table(let i): key = .table(program.tableList[i].name)
            case .builtin(let b): key = .builtin(b.rawValue)
            case .asOf: key = .asOf
            case .local(let at): key = .local(at)
            case .rule(let id):
                key = .rule(id)
                // A procedure step's use spans the whole step: keep the id at its end.
                span = Span(file: span.file, start: max(span.start, span.end - id.utf8.count), end: span.end)
            }
            analysis.add(Occurrence(span: span, key: key, isDeclaration: false))
        }
    }

    func nameSpan(_ declSpan: Span, _ name: String) -> Span {
        analysis.tokenSpan(file: declSpan.file, from: declSpan.start, text: name)
            ?? Span(file: declSpan.file, start: max(declSpan.start, declSpan.end - name.utf8.count), end: declSpan.end)
    }

    func declarations() {
        for d in program.declarationOrder {
            switch d {
            case .article(let a):
                let n = nameSpan(a.span, a.id)
                analysis.add(Occurrence(span: n, key: .article(a.id), isDeclaration: true))
                let end = a.parts.last?.span ?? n
                analysis.add(DeclSymbol(name: a.id, kind: .article, nameSpan: n, span: a.span.to(end), detail: a.title))
            case .param(let p):
                let n = nameSpan(p.span, p.name)
                analysis.add(Occurrence(span: n, key: .global(p.name), isDeclaration: true))
                analysis.add(DeclSymbol(name: p.name, kind: .param, nameSpan: n, span: p.span.to(p.value.span),
                                        detail: analysis.files[safe: p.value.span.file]?.slice(p.value.span) ?? ""))
            case .shape(let s):
                let n = nameSpan(s.span, s.name)
                analysis.add(Occurrence(span: n, key: .shape(s.name), isDeclaration: true))
                var sym = DeclSymbol(name: s.name, kind: .shape, nameSpan: n, span: s.span, detail: "shape")
                for f in s.fields {
                    analysis.add(Occurrence(span: f.span, key: .field(shape: s.name, name: f.name), isDeclaration: true))
                    sym.children.append(DeclSymbol(name: f.name, kind: .field, nameSpan: f.span, span: f.pathSpan.map { f.span.to($0) } ?? f.span,
                                                   detail: describe(f.type)))
                    sym.span = sym.span.to(sym.children.last!.span)
                    typeNames(f.type, after: f.span)
                }
                analysis.add(sym)
            case .fact(let f):
                let n = nameSpan(f.span, f.name)
                analysis.add(Occurrence(span: n, key: .global(f.name), isDeclaration: true))
                analysis.add(DeclSymbol(name: f.name, kind: .fact, nameSpan: n, span: f.span.to(f.pathSpan), detail: f.path))
                typeNames(f.type, after: n)
            case .let(let l):
                let n = nameSpan(l.span, l.name)
                analysis.add(Occurrence(span: n, key: .global(l.name), isDeclaration: true))
                analysis.add(DeclSymbol(name: l.name, kind: .definition, nameSpan: n, span: l.span.to(bodySpan(l.body) ?? l.span),
                                        detail: l.params.isEmpty ? "" : "(" + l.params.map(\.name).joined(separator: ", ") + ")"))
                for p in l.params { typeNames(p.type, after: p.span) }
            case .table(let t):
                let n = nameSpan(t.span, t.name)
                analysis.add(Occurrence(span: n, key: .table(t.name), isDeclaration: true))
                analysis.add(DeclSymbol(name: t.name, kind: .table, nameSpan: n, span: t.span.to(t.rows.last?.span ?? t.span), detail: "table"))
                for p in t.params {
                    analysis.add(Occurrence(span: p.span, key: .local(p.span), isDeclaration: true))
                    analysis.setLocal(p.span, p.name, ValueType(p.type))
                    typeNames(p.type, after: p.span)
                }
            case .rule(let r):
                analysis.add(Occurrence(span: r.idSpan, key: .rule(r.id), isDeclaration: true))
                analysis.add(DeclSymbol(name: r.id, kind: .rule, nameSpan: r.idSpan, span: r.span.to(r.idSpan), detail: r.title))
                for c in r.cites { cite(c) }
            case .procedure(let p):
                let n = nameSpan(p.span, p.name)
                analysis.add(Occurrence(span: n, key: .procedure(p.name), isDeclaration: true))
                let end = p.steps.last?.span ?? n
                analysis.add(DeclSymbol(name: p.name, kind: .procedure, nameSpan: n, span: p.span.to(end), detail: p.title))
            }
        }
    }

    func describe(_ t: TypeRef) -> String {
        switch t {
        case .text: return "text"
        case .number: return "decimal"
        case .integer: return "integer"
        case .date: return "date"
        case .boolean: return "boolean"
        case .period: return "days"
        case .enumeration(let vs): return "one of " + vs.map { "\"\($0)\"" }.joined(separator: ", ")
        case .shape(let s): return s
        case .list(let x): return "list of " + describe(x)
        case .optional(let x): return "optional " + describe(x)
        }
    }

    /// A shape named in a type (`fact owners: list of owner at …`): the first token with its name after `start`.
    func typeNames(_ t: TypeRef, after span: Span) {
        switch t {
        case .shape(let s):
            if let n = analysis.tokenSpan(file: span.file, from: span.end, text: s) {
                analysis.add(Occurrence(span: n, key: .shape(s), isDeclaration: false))
            }
        case .list(let x), .optional(let x): typeNames(x, after: span)
        default: break
        }
    }

    func bodySpan(_ b: LetBody) -> Span? {
        switch b {
        case .expr(let e): return e.span
        case .defaulted(let d, _, let ex): return ex.last.map { d.span.to($0.0.span) } ?? d.span
        }
    }

    func cite(_ c: CiteRef) {
        analysis.add(c)
        let n = Span(file: c.span.file, start: c.span.start, end: min(c.span.end, c.span.start + c.article.utf8.count))
        analysis.add(Occurrence(span: n, key: .article(c.article), isDeclaration: false))
    }

    func basis(_ b: Basis) { if case .cite(let c) = b { cite(c) } }

    func walkLet(_ l: LetDecl, ruleLocal: Bool) {
        for p in l.params {
            analysis.add(Occurrence(span: p.span, key: .local(p.span), isDeclaration: true))
            analysis.setLocal(p.span, p.name, ValueType(p.type))
        }
        switch l.body {
        case .expr(let e): walk(e)
        case .defaulted(let d, let b, let ex):
            walk(d)
            basis(b)
            for (e, b) in ex { walk(e); basis(b) }
        }
        if ruleLocal {
            let n = Span(file: l.span.file, start: max(l.span.start, l.span.end - l.name.utf8.count), end: l.span.end)
            analysis.add(Occurrence(span: n, key: .local(n), isDeclaration: true))
            var t: ValueType?
            if case .expr(let e) = l.body { t = type(e) }
            analysis.setLocal(n, l.name, t)
        }
    }

    func walkBody(_ b: RuleBody) {
        for l in b.lets { walkLet(l, ruleLocal: true) }
        for br in b.branches {
            if let c = br.condition { walk(c) }
            if let m = br.message { walk(m) }
            for c in br.changes { walk(c) }
            for s in br.steps {
                walk(s.action)
                if let d = s.due { walk(d) }
                for c in s.cites { cite(c) }
            }
        }
    }

    func walkRule(_ r: RuleDecl) {
        if let a = r.applies { walk(a) }
        if let fe = r.forEach {
            walk(fe.source)
            bind(fe.binder, type(fe.source)?.element)
            if let s = fe.subject { walk(s) }
        }
        if let e = r.eventDate { walk(e) }
        walkBody(r.body)
        if let v = r.value { walk(v) }
        if let n = r.whenNone { walkBody(n) }
    }

    func bind(_ b: Binder, _ t: ValueType?) {
        analysis.add(Occurrence(span: b.span, key: .local(b.span), isDeclaration: true))
        analysis.setLocal(b.span, b.name, t)
    }

    /// The static type of an expression, as far as the index needs it: enough to know whose fields `x.` names.
    func type(_ e: Expr, depth: Int = 0) -> ValueType? {
        guard depth < 16 else { return nil }
        func type(_ e: Expr) -> ValueType? { self.type(e, depth: depth + 1) }
        switch e.kind {
        case .name(let n, _):
            switch targets[e.span] {
            case .global?: return program.types[n]
            case .local(let at)?: return analysis.localTypes[at]
            default: return nil
            }
        case .field(let x, let n, _, _):
            guard let s = type(x)?.shapeName, let (_, f) = analysis.field(s, n) else { return nil }
            return ValueType(f.type)
        case .filter(_, let src, _), .sort(_, let src, _, _), .fewest(_, let src, _, _), .distinct(_, let src, _, _): return type(src)
        case .pick(_, _, let src, _, _): return type(src)?.element
        case .index(_, let src, _): return type(src).map { .index($0.element) }
        case .lookup(let a, _): return type(a)?.element
        case .memo(let x, _, _, _): return type(x)
        case .conditional(_, let a, let b): return type(a) ?? type(b)
        case .list(let xs): return xs.first.flatMap(type).map { .list($0) }
        case .call(_, let args, _, .builtin(.take)): return args.first.flatMap(type)
        case .call(let n, _, _, .definition(let i)):
            if let t = program.types[n] { return t }
            // A definition with parameters: the type of its body (its parameters are typed).
            guard case .definition(let l) = program.globals[i], case .expr(let body) = l.body else { return nil }
            for p in l.params where analysis.localTypes[p.span] == nil { analysis.setLocal(p.span, p.name, ValueType(p.type)) }
            return type(body)
        default: return nil
        }
    }

    /// Visits every sub-expression, binding each binder to the items of its source.
    func walk(_ e: Expr) {
        if StackSegments.isLow { return StackSegments.onFreshSegment { _ in walk(e) } }
        switch e.kind {
        case .number, .percent, .date, .bool, .outcome, .absent, .asOf, .name: break
        case .string(let parts): for case .interpolation(let x) in parts { walk(x) }
        case .field(let x, let n, let s, _):
            walk(x)
            var shape = type(x)?.shapeName
            if shape == nil {
                let owners = program.shapes.values.filter { $0.fields.contains { $0.name == n } }
                if owners.count == 1 { shape = owners[0].name }
            }
            analysis.add(Occurrence(span: s, key: .field(shape: shape, name: n), isDeclaration: false))
        case .lookup(let a, let b): walk(a); walk(b)
        case .call(_, let args, _, _): args.forEach(walk)
        case .negate(let x), .not(let x), .isAbsent(let x, _), .exists(let x), .period(let x, _): walk(x)
        case .binary(_, let a, let b): walk(a); walk(b)
        case .conditional(let c, let a, let b): walk(c); walk(a); walk(b)
        case .list(let xs): xs.forEach(walk)
        case .filter(let b, let s, let w):
            walk(s); bind(b, type(s)?.element); if let w { walk(w) }
        case .map(let body, let b, let s, let w):
            walk(s); bind(b, type(s)?.element); walk(body); if let w { walk(w) }
        case .aggregate(_, let b, let s, let w, let body):
            walk(s)
            if let b { bind(b, type(s)?.element) }
            if let w { walk(w) }
            if let body { walk(body) }
        case .quantifier(_, let b, let s, let w, let body):
            walk(s); bind(b, type(s)?.element); if let w { walk(w) }; walk(body)
        case .pick(_, let b, let s, let w, let key):
            walk(s); bind(b, type(s)?.element); if let w { walk(w) }; walk(key)
        case .distinct(let b, let s, let key, _), .index(let b, let s, let key), .sort(let b, let s, let key, _):
            walk(s); bind(b, type(s)?.element); walk(key)
        case .fewest(let b, let s, let key, let amount):
            walk(s); bind(b, type(s)?.element); walk(key); walk(amount)
        case .ruleRef(_, _, _, let subject): if let subject { walk(subject) }
        case .memo(let x, _, _, _): walk(x)
        }
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
