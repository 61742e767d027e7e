/// The locals where an expression is evaluated (binders of `for each`, comprehensions,
/// quantifiers, a definition's parameters), by the slot the `Resolver` gave each.
struct Env: ExpressibleByDictionaryLiteral {
    private var values: [Value] = []

    init(dictionaryLiteral elements: (Int, Value)...) {
        for (k, v) in elements { self[k] = v }
    }

    init(_ values: [Value]) { self.values = values }

    subscript(slot: Int) -> Value {
        get { slot >= 0 && slot < values.count ? values[slot] : .unknown("a local read outside its scope") }
        set {
            guard slot >= 0 else { return }
            if slot < values.count {
                values[slot] = newValue
            } else {
                while values.count < slot { values.append(.absent("")) }
                values.append(newValue)
            }
        }
    }
}

extension Interpreter {
    func eval(_ e: Expr, _ env: Env) -> Value {
        // The commonest operands of a pass are answered here, without a step of their own: a
        // local, a field of a local (`b.owner`), a memo place. The same values `evalHere` gives
        // for them; none goes deeper without coming back through `eval` (a memo's expression
        // is evaluated by it), so none needs the stack check below. A global is not among them:
        // computing one walks a chain of definitions, each through `eval` and its check.
        switch e.kind {
        case .name(_, .local(let slot)): return env[slot]
        case .field(let base, let name, _, let site):
            if case .name(_, .local(let slot)) = base.kind { return field(env[slot], name, e, site: site) }
            if case .memo(let x, let slot, let key, let memoSite) = base.kind {
                return field(memoized(x, binder: slot, key: key, site: memoSite, env), name, e, site: site)
            }
        case .memo(let x, let slot, let key, let site): return memoized(x, binder: slot, key: key, site: site, env)
        default: break
        }
        // Deep programs continue on a fresh stack segment (`StackSegments`); the floor is kept
        // here, not asked of the thread, because this is the hottest call of a check.
        if StackSegments.here() < stackFloor {
            return StackSegments.onFreshSegment { floor in
                let saved = stackFloor
                stackFloor = floor
                defer { stackFloor = saved }
                return evalHere(e, env)
            }
        }
        return evalHere(e, env)
    }

    private func evalHere(_ e: Expr, _ env: Env) -> Value {
        switch e.kind {
        case .number(let r, let scale): return .number(r, scale: Value.scale(scale))
        case .percent(let r): return .number(r, scale: nil)
        case .date(let d): return .date(d)
        case .string(let parts):
            // A literal alone is its own text (the common `b.vote = "yes"`).
            if parts.count == 1, case .literal(let t) = parts[0] { return .text(t) }
            var s = ""
            for p in parts {
                switch p {
                case .literal(let t): s += t
                case .interpolation(let x): s += Display.text(eval(x, env), source)
                }
            }
            return .text(s)
        case .bool(let b): return .boolean(b)
        case .outcome(let o): return .outcome(o)
        case .absent: return .absent("absent")
        case .asOf: return .date(asOf)
        case .name(let n, let ref): return lookup(ref, n, env)
        case .field(let base, let name, _, let site): return field(eval(base, env), name, e, site: site)
        case .lookup(let m, let k):
            let mv = eval(m, env), kv = eval(k, env)
            if case .unknown = mv { return mv }
            if case .unknown = kv { return kv }
            guard case .index(let dict) = mv else { return .unknown("\(sourceText(m.span)) is not an index") }
            guard case .text(let key) = kv else { return .absent(sourceText(k.span)) }
            return dict[key] ?? .absent("\(sourceText(m.span))[\(key)]")
        case .call(let name, let args, _, let ref):
            return call(ref, name, args.map { eval($0, env) }, e)
        case .negate(let x):
            switch eval(x, env) {
            case .number(let r, let s): return .number(-r, scale: s)
            case .period(let p): return .period(p.negated)
            case let other: return propagate(other, x)
            }
        case .not(let x):
            switch truth(eval(x, env), x) {
            case .boolean(let b): return .boolean(!b)
            case let other: return other
            }
        case .binary(let op, let a, let b): return binary(op, a, b, env)
        case .isAbsent(let x, let negated):
            let v = eval(x, env)
            if case .unknown = v { return v }
            return .boolean(v.isAbsent != negated)
        case .exists(let x):
            let v = eval(x, env)
            switch v {
            case .unknown: return v
            case .absent: return .boolean(false)
            case .list(let xs): return .boolean(!xs.isEmpty)
            default: return .boolean(true)
            }
        case .conditional(let c, let a, let b):
            switch truth(eval(c, env), c) {
            case .boolean(true): return eval(a, env)
            case .boolean(false): return eval(b, env)
            case let other: return other
            }
        case .period(let x, let unit):
            switch eval(x, env) {
            case .number(let r, _):
                guard r.isInteger, let n = r.numerator.intValue, let p = Period(n, unit) else {
                    return .unknown("\(sourceText(x.span)) = \(r) is not a whole number of \(unit.rawValue) within range")
                }
                return .period(p)
            case .absent(let what): return .absent(what)  // `contract.exit-days days` without the clause
            case let other: return propagate(other, x)
            }
        case .list(let xs):
            var out: [Value] = []
            for x in xs {
                let v = eval(x, env)
                if case .unknown = v { return v }
                out.append(v)
            }
            return .list(out)
        case .filter(let b, let s, let w):
            return withItems(s, env) { items in
                guard let w else { return .list(items) }
                var out: [Value] = []
                var inner = env
                for item in items {
                    inner[b.slot] = item
                    switch truth(eval(w, inner), w) {
                    case .boolean(true): out.append(item)
                    case .boolean(false): continue
                    case let other: return other
                    }
                }
                return .list(out)
            }
        case .map(let body, let b, let s, let w):
            return withItems(s, env) { items in
                var out: [Value] = []
                var inner = env
                let (test, hasTest) = (w ?? body, w != nil)  // unwrapped once (see `aggregate`)
                for item in items {
                    inner[b.slot] = item
                    if hasTest {
                        switch truth(eval(test, inner), test) {
                        case .boolean(true): break
                        case .boolean(false): continue
                        case let other: return other
                        }
                    }
                    let v = eval(body, inner)
                    if case .unknown = v { return v }
                    out.append(v)
                }
                return .list(out)
            }
        case .aggregate(let kind, let b, let s, let w, let body):
            return aggregate(kind, b, s, w, body, env, e)
        case .quantifier(let kind, let b, let s, let w, let body):
            return quantifier(kind, b, s, w, body, env)
        case .pick(let kind, let b, let s, let w, let key):
            return pick(kind, b, s, w, key, env)
        case .distinct(let b, let s, let key, let site):
            return withItems(s, env) { items in
                if let out = distinctByFound(items, site: site) { return .list(out) }
                var seen: Set<String> = []
                seen.reserveCapacity(items.count)
                var out: [Value] = []
                out.reserveCapacity(items.count)  // kept by a memo: no room left from doubling
                var inner = env
                for item in items {
                    inner[b.slot] = item
                    switch eval(key, inner) {
                    case .text(let k): if seen.insert(k).inserted { out.append(item) }
                    case .unknown(let r): return .unknown(r)
                    default: out.append(item)
                    }
                }
                return .list(out)
            }
        case .index(let b, let s, let key):
            return withItems(s, env) { items in
                var index = TextIndex.Builder(for: items)
                var inner = env
                for item in items {
                    inner[b.slot] = item
                    switch eval(key, inner) {
                    case .text(let k): index.add(item, key: k)
                    case .unknown(let r): return .unknown(r)
                    default: continue
                    }
                }
                return .index(index.done())
            }
        case .memo(let x, let slot, let key, let site):
            return memoized(x, binder: slot, key: key, site: site, env)  // as `eval` answers it
        case .ruleRef(let kind, let id, _, let subject):
            return ruleReference(kind, id, subject.map { eval($0, env) })
        case .sort(let b, let s, let key, let descending):
            return withItems(s, env) { items in
                switch keyed(items, b, key, env) {
                case .failure(let u): return u.value
                case .success(let pairs):
                    return .list(sortedPairs(pairs, descending: descending).map(\.0))
                }
            }
        case .fewest(let b, let s, let key, let amount):
            let target = eval(amount, env)
            guard case .number(let goal, _) = target else { return propagate(target, amount) }
            return withItems(s, env) { items in
                switch keyed(items, b, key, env) {
                case .failure(let u): return u.value
                case .success(let pairs):
                    var total = Rational.zero
                    var out: [Value] = []
                    for (item, k) in sortedPairs(pairs, descending: true) {
                        if !(total < goal) { break }
                        guard case .number(let r, _) = k else { return .unknown("fewest: \(sourceText(key.span)) is not a number") }
                        total = total + r
                        out.append(item)
                    }
                    return .list(out)
                }
            }
        }
    }

    /// Each item with its key; an unknown key, or keys that cannot be ordered, make the list unknown.
    func keyed(_ items: [Value], _ b: Binder, _ key: Expr, _ env: Env) -> Result<[(Value, Value)], UnknownValue> {
        var pairs: [(Value, Value)] = []
        var inner = env
        for item in items {
            inner[b.slot] = item
            let k = eval(key, inner)
            switch k {
            case .unknown: return .failure(UnknownValue(k))
            case .absent: return .failure(UnknownValue(propagate(k, key)))
            default:
                if let first = pairs.first?.1, compare(first, k) == nil {
                    return .failure(UnknownValue(.unknown("\(sourceText(key.span)): \(Display.text(first, source)) and \(Display.text(k, source)) cannot be ordered")))
                }
                pairs.append((item, k))
            }
        }
        return .success(pairs)
    }

    /// A stable sort: equal keys keep document order.
    func sortedPairs(_ pairs: [(Value, Value)], descending: Bool) -> [(Value, Value)] {
        let indexed = pairs.enumerated().map { ($0.offset, $0.element) }
        return indexed.sorted { x, y in
            let c = compare(x.1.1, y.1.1) ?? 0
            if c == 0 { return x.0 < y.0 }
            return descending ? c > 0 : c < 0
        }.map(\.1)
    }

    /// absent and unknown pass through an operation as unknown, naming the operand.
    func propagate(_ v: Value, _ x: Expr) -> Value {
        switch v {
        case .unknown: return v
        case .absent: return .unknown("\(sourceText(x.span)) 缺失")
        default: return .unknown("\(sourceText(x.span)) has an unexpected value \(Display.text(v, source))")
        }
    }

    /// A condition's truth value: true, false, or unknown with the reason.
    func truth(_ v: Value, _ x: Expr) -> Value {
        switch v {
        case .boolean: return v
        case .unknown: return v
        case .absent: return .unknown("\(sourceText(x.span)) 缺失")
        default: return .unknown("\(sourceText(x.span)) is not true or false")
        }
    }

    func withItems(_ s: Expr, _ env: Env, _ body: ([Value]) -> Value) -> Value {
        switch eval(s, env) {
        case .list(let items): return body(items)
        case .absent: return body([])
        case let other: return propagate(other, s)
        }
    }

    /// A name's value, through the binding the `Resolver` gave it.
    func lookup(_ ref: NameRef, _ n: String, _ env: Env) -> Value {
        switch ref {
        case .local(let slot): return env[slot]
        case .ruleLocal(let i): return ruleLocal(i)
        case .global(let i): return global(i)
        case .asOf: return .date(asOf)
        case .unresolved: return .unknown("unknown name \(n)")
        }
    }

    /// The current rule's own `let` at position i, computed once per finding.
    func ruleLocal(_ i: Int) -> Value {
        guard let frame = frames.last, i >= 0, i < frame.lets.count else { return .unknown("a rule's own definition read outside its rule") }
        if let v = frame.values[i] { return v }
        let l = frame.lets[i]
        guard !frame.inProgress[i] else { return .unknown("\(l.name) depends on itself") }
        frame.inProgress[i] = true
        let v: Value
        if let item = frame.item, i < frame.shared.count, let meaning = frame.shared[i] {
            // Computed once per item for every rule that writes it alike (`SharedLets`).
            let key = SharedLetKey(meaning: meaning, node: item.node, shape: item.shape)
            if let kept = sharedLetValues[key] {
                v = kept
            } else {
                v = evalLet(l, frame.env)
                sharedLetValues[key] = v
            }
        } else {
            v = evalLet(l, frame.env)
        }
        frame.inProgress[i] = false
        frame.values[i] = v
        if recordTrace { deps.traces.append(.computed(name: l.name, value: TraceValue(v, Display.exact(v, source)), expression: letText(l))) }
        return v
    }

    /// A parameter, fact or definition (`Program.globals[i]`), computed once per dossier.
    func global(_ i: Int) -> Value {
        guard i >= 0, i < program.globals.count else { return .unknown("unknown name") }
        if let cached = globalCache[i] {
            // Merging an empty record changes nothing (nor does marking it merged, since merging
            // it again would change nothing either): the hot path of `b.owner in register`.
            if cached.dependsOnNothing { return cached.value }
            if !deps.lets.contains(i) {
                deps.merge(cached.deps)
                deps.lets.insert(i)
            }
            return cached.value
        }
        let saved = deps
        deps = Dependencies()
        var value: Value
        let g = program.globals[i]
        switch g {
        case .param(let p):
            value = params[p.name] ?? eval(p.value, [:])
            deps.params.append(p.name)
        case .fact(let f):
            value = readFact(f)
        case .definition(let l):
            value = evalLet(l, [:])
        }
        if recordTrace {
            switch g {
            case .param(let p):
                deps.traces.append(.computed(name: p.name, value: TraceValue(value, Display.exact(value, source)), expression: "param " + sourceText(p.value.span)))
            case .definition(let l):
                deps.traces.append(.computed(name: l.name, value: TraceValue(value, Display.exact(value, source)), expression: letText(l)))
            case .fact: break
            }
        }
        var mine = deps
        // Only a trace needs to know which definitions are merged in (each is traced once);
        // without one, carrying that set along a chain of definitions would be quadratic.
        if recordTrace { mine.lets.insert(i) }
        deps = saved
        deps.merge(mine)
        globalCache[i] = CacheEntry(value, mine)
        return value
    }

    func evalLet(_ l: LetDecl, _ env: Env) -> Value {
        switch l.body {
        case .expr(let e): return eval(e, env)
        case .defaulted(let d, let basis, let exceptions):
            for (x, b) in exceptions {
                let v = eval(x, env)
                switch v {
                case .absent: continue
                case .unknown: return v
                default:
                    deps.traces.append(.basis(BasisRecord(name: l.name, branch: "exception", source: basisText(b),
                                                          detail: "\(sourceText(x.span)) = \(Display.text(v, source))")))
                    return v
                }
            }
            let v = eval(d, env)
            deps.traces.append(.basis(BasisRecord(name: l.name, branch: "default", source: basisText(basis),
                                                  detail: Display.text(v, source))))
            return v
        }
    }

    func basisText(_ b: Basis) -> String {
        switch b {
        case .cite(let c): return program.citeText(c)
        case .text(let t): return t
        }
    }

    func readFact(_ f: FactDecl) -> Value {
        guard let id = program.pathIndex[f.path] else { return .unknown("fact \(f.name): its XPath was not compiled") }
        let shape: String
        switch f.type {
        case .shape(let s), .list(.shape(let s)), .optional(.shape(let s)): shape = s
        default: return .unknown("fact \(f.name) has no shape")
        }
        switch source.select(id, from: source.root) {
        case .failure(let err): return .unknown("XPath \(f.path): \(err.message)")
        case .success(let nodes):
            return nodesValue(nodes, f.type, shape, what: f.name)
        }
    }

    func nodesValue(_ nodes: [FactNode], _ type: TypeRef, _ shape: String, what: String) -> Value {
        switch type {
        case .list: return .list(nodes.map { .node($0, shape: shape) })
        case .optional:
            if nodes.isEmpty { return .absent(what) }
            if nodes.count > 1 { return .unknown("\(what): \(nodes.count) elements where at most one is allowed (\(where_(nodes[1])))") }
            return .node(nodes[0], shape: shape)
        default:
            if nodes.count != 1 { return .unknown("\(what): \(nodes.count) elements where exactly one is required") }
            return .node(nodes[0], shape: shape)
        }
    }

    func field(_ base: Value, _ name: String, _ e: Expr, site: Int) -> Value {
        switch base {
        case .unknown, .absent: return base
        case .node(let node, let shapeName):
            let binding: FieldBinding
            if site >= 0, site < fieldSites.count, let b = fieldSites[site], b.shape == shapeName {
                binding = b
            } else {
                guard let shape = program.shapes[shapeName], let f = shape.fields.first(where: { $0.name == name }) else {
                    return .unknown("\(shapeName) has no field \(name)")
                }
                let number: UInt32
                if let n = fieldNumbers[name] {
                    number = n
                } else {
                    number = UInt32(truncatingIfNeeded: fieldNumbers.count)
                    fieldNumbers[name] = number
                }
                binding = FieldBinding(shape: shapeName, decl: f, key: f.path == nil ? source.attributeKey(name) : .nowhere, number: number)
                if site >= 0, site < fieldSites.count { fieldSites[site] = binding }
            }
            // Elements found by a path are kept; an attribute is read again from the fact store
            // each time (a short decimal straight from its bytes) rather than held once per
            // element read, unless a trace must show each read once. Keeping parsed numbers
            // cost 50 MB on a 200,000-owner dossier (docs/performance.md).
            let kept = binding.kept || recordTrace
            let key = FieldKey(node: node.raw, field: binding.number)
            if kept, let v = fieldCache[key] { return v }
            let v = readField(node, binding)
            if kept { fieldCache[key] = v }
            if recordTrace {
                deps.traces.append(.readFact(name: "\(Display.text(base, source)).\(name)", value: TraceValue(v, Display.text(v, source)),
                                       line: source.line(of: node)))
            }
            return v
        default:
            return .unknown("\(sourceText(e.span)): not a dossier element")
        }
    }

    /// Takes the binding (a reference), not its `FieldDecl`: copying the declaration at every
    /// read showed in the profile.
    func readField(_ node: FactNode, _ binding: FieldBinding) -> Value {
        // A decimal straight from the dossier's bytes (the same value `convert` gives: a short
        // plain decimal needs no trimming); anything else, or absent, goes the long way.
        if binding.plainText, let raw = source.attribute(binding.key, of: node) { return .text(raw) }
        if binding.decimal {
            let n = Int(node.raw)
            let memo = memoize && n < elementCount ? decimalMemo(binding.number) : nil
            if let memo, let kept = decimalMemos[memo].value(at: n) { return .number(kept.value, scale: kept.scale) }
            if let (r, scale) = source.shortDecimal(binding.key, of: node) {
                let s = Value.scale(scale)
                if let memo { decimalMemos[memo].keep((r, s), at: n) }
                return .number(r, scale: s)
            }
        }
        if binding.decl.path == nil, let raw = source.attribute(binding.key, of: node) {
            return convert(raw, binding.decl.type, binding.decl.name, node)
        }
        let f = binding.decl, key = binding.key
        if let path = f.path {
            let shape: String
            switch f.type {
            case .shape(let s), .list(.shape(let s)), .optional(.shape(let s)): shape = s
            default: return .unknown("field \(f.name) has no shape")
            }
            guard let id = program.pathIndex[path] else { return .unknown("field \(f.name): its XPath was not compiled") }
            switch source.select(id, from: node) {
            case .failure(let err): return .unknown("XPath \(path): \(err.message)")
            case .success(let nodes): return nodesValue(nodes, f.type, shape, what: f.name)
            }
        }
        guard let raw = source.attribute(key, of: node) else {
            if case .optional = f.type { return .absent(f.name) }
            return .unknown("\(where_(node)): \(source.elementName(of: node)) 缺少属性 '\(f.name)'")
        }
        return convert(raw, f.type, f.name, node)
    }

    /// The position in `decimalMemos` of the field numbered `number` (`fieldNumbers`).
    private func decimalMemo(_ number: UInt32) -> Int {
        let i = Int(number)
        if i >= decimalMemos.count { decimalMemos += Array(repeating: DecimalMemo(), count: i - decimalMemos.count + 1) }
        return i
    }

    func convert(_ raw: String, _ type: TypeRef, _ name: String, _ node: FactNode) -> Value {
        // A text is taken as written (the hottest read: `b.owner`, `b.vote`); only the other
        // types are trimmed.
        switch type {
        case .text, .enumeration: return .text(raw)
        case .optional(let inner): return convert(raw, inner, name, node)
        default: break
        }
        let text = raw.utf8.first.map { $0 > 32 } == true && raw.utf8.last.map { $0 > 32 } == true ? raw : raw.trimmingCharacters(in: " \t\r\n")
        func bad(_ what: String) -> Value {
            .unknown("\(where_(node)): attribute '\(name)': '\(raw)' is not \(what)")
        }
        switch type {
        case .optional(let inner): return convert(raw, inner, name, node)
        case .text, .enumeration: return .text(raw)
        case .number:
            guard text.utf8.count <= 1000, let (r, scale) = Rational.parseDecimal(Substring(text)) else {
                return bad(text.utf8.count > 1000 ? "a decimal of at most 1000 characters" : "a decimal")
            }
            return .number(r, scale: Value.scale(scale))
        case .integer:
            guard text.utf8.count <= 1000, let i = ExactInteger(digits: Substring(text)) else { return bad("an integer") }
            return .number(Rational(i), scale: 0)
        case .date:
            guard let d = CivilDate(iso: Substring(text)) else { return bad("a date (YYYY-MM-DD)") }
            return .date(d)
        case .boolean:
            if text == "true" { return .boolean(true) }
            if text == "false" { return .boolean(false) }
            return bad("true or false")
        case .period:
            guard let i = Int(text), let p = Period(i, .days) else { return bad("a number of days") }
            return .period(p)
        case .shape, .list: return .unknown("\(name) is not an attribute")
        }
    }
}

/// An unknown value carried through `Result`.
struct UnknownValue: Error {
    public let value: Value
    init(_ v: Value) { value = v }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
