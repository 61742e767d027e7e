extension Interpreter {
    func binary(_ op: BinaryOp, _ a: Expr, _ b: Expr, _ env: Env) -> Value {
        switch op {
        case .and:
            let l = truth(eval(a, env), a)
            if case .boolean(false) = l { return l }
            let r = truth(eval(b, env), b)
            if case .boolean(false) = r { return r }
            if case .unknown = l { return l }
            if case .unknown = r { return r }
            return .boolean(true)
        case .or:
            let l = truth(eval(a, env), a)
            if case .boolean(true) = l { return l }
            let r = truth(eval(b, env), b)
            if case .boolean(true) = r { return r }
            if case .unknown = l { return l }
            if case .unknown = r { return r }
            return .boolean(false)
        default:
            break
        }
        let l = eval(a, env), r = eval(b, env)
        if case .in = op { return inTest(l, r, b) }
        // Equality may compare with absent (a missing optional is simply not equal).
        if op == .eq || op == .ne {
            if case .unknown = l { return l }
            if case .unknown = r { return r }
            let result: Bool
            if l.isAbsent || r.isAbsent { result = (l.isAbsent && r.isAbsent) == (op == .eq) }
            else { result = same(l, r) == (op == .eq) }
            if recordTrace {
                deps.traces.append(.compared(expression: sourceText(a.span.to(b.span)), left: TraceValue(l, Display.exact(l, source)),
                                             op: op.rawValue, right: TraceValue(r, Display.exact(r, source)),
                                             result: TraceValue(.boolean(result), result ? "true" : "false")))
            }
            return .boolean(result)
        }
        if case .unknown = l { return l }
        if case .unknown = r { return r }
        if l.isAbsent { return propagate(l, a) }
        if r.isAbsent { return propagate(r, b) }
        let result = arithmetic(op, l, r, a, b)
        if recordTrace {
            switch op {
            case .lt, .le, .gt, .ge:
                deps.traces.append(.compared(expression: sourceText(a.span.to(b.span)), left: TraceValue(l, Display.exact(l, source)),
                                             op: op.rawValue, right: TraceValue(r, Display.exact(r, source)),
                                             result: TraceValue(result, Display.text(result, source))))
            case .div, .of:
                deps.traces.append(.arithmetic(expression: sourceText(a.span.to(b.span)),
                                               text: "\(Display.exact(l, source)) \(op == .div ? "/" : "×") \(Display.exact(r, source)) = \(Display.exact(result, source))"))
            default: break
            }
        }
        return result
    }

    /// `l in r`: membership of a list, a key of an index; absent is in nothing.
    func inTest(_ l: Value, _ r: Value, _ b: Expr) -> Value {
        if case .unknown = l { return l }
        if case .unknown = r { return r }
        if case .absent = l { return .boolean(false) }
        switch r {
        case .index(let dict):
            guard case .text(let k) = l else { return .boolean(false) }
            return .boolean(dict[k] != nil)
        case .list(let xs): return .boolean(xs.contains { same(l, $0) })
        case .absent: return .boolean(false)
        default: return propagate(r, b)
        }
    }

    func arithmetic(_ op: BinaryOp, _ l: Value, _ r: Value, _ a: Expr, _ b: Expr) -> Value {
        switch (op, l, r) {
        case (.add, .number(let x, let sx), .number(let y, let sy)): return .number(x + y, scale: maxScale(sx, sy))
        case (.add, .list(let x), .list(let y)): return .list(x + y)
        case (.add, .text(let x), .text(let y)): return .text(x + y)
        case (.sub, .number(let x, let sx), .number(let y, let sy)): return .number(x - y, scale: maxScale(sx, sy))
        case (.mul, .number(let x, _), .number(let y, _)), (.of, .number(let x, _), .number(let y, _)):
            return .number(x * y, scale: nil)
        case (.div, .number(let x, _), .number(let y, _)):
            guard let q = x.dividing(by: y) else {
                return .unknown("除数为零：\(sourceText(b.span)) = 0（\(sourceText(a.span)) / \(sourceText(b.span))）")
            }
            return .number(q, scale: nil)
        case (.add, .date(let d), .period(let p)), (.add, .period(let p), .date(let d)):
            guard let r = d.adding(p) else { return .unknown("\(d) + \(p) 超出可计算的日期范围") }
            return .date(r)
        case (.sub, .date(let d), .period(let p)):
            guard let r = d.subtracting(p) else { return .unknown("\(d) − \(p) 超出可计算的日期范围") }
            return .date(r)
        case (.sub, .date(let x), .date(let y)):
            return .number(Rational(y.days(to: x)), scale: 0)
        case (.add, .period(let p), .period(let q)) where p.unit == q.unit:
            guard let s = Period(p.count + q.count, p.unit) else { return .unknown("period out of range") }
            return .period(s)
        case (.sub, .period(let p), .period(let q)) where p.unit == q.unit:
            guard let s = Period(p.count - q.count, p.unit) else { return .unknown("period out of range") }
            return .period(s)
        case (.lt, _, _), (.le, _, _), (.gt, _, _), (.ge, _, _):
            guard let c = compare(l, r) else {
                return .unknown("cannot order \(Display.text(l, source)) and \(Display.text(r, source))")
            }
            switch op {
            case .lt: return .boolean(c < 0)
            case .le: return .boolean(c <= 0)
            case .gt: return .boolean(c > 0)
            default: return .boolean(c >= 0)
            }
        default:
            return .unknown("cannot apply \(op.rawValue) to \(Display.text(l, source)) and \(Display.text(r, source))")
        }
    }

    func maxScale(_ a: Int16?, _ b: Int16?) -> Int16? {
        guard let a, let b else { return nil }
        return Swift.max(a, b)
    }

    /// -1, 0, 1; nil when the values cannot be ordered.
    func compare(_ l: Value, _ r: Value) -> Int? {
        switch (l, r) {
        case (.number(let x, _), .number(let y, _)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.period(let p), .period(let q)) where p.unit == q.unit: return p.count < q.count ? -1 : (p.count == q.count ? 0 : 1)
        case (.text(let x), .text(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        default: return nil
        }
    }

    func same(_ l: Value, _ r: Value) -> Bool {
        switch (l, r) {
        case (.number(let x, _), .number(let y, _)): return x == y
        case (.text(let x), .text(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        case (.period(let p), .period(let q)): return p == q
        case (.boolean(let x), .boolean(let y)): return x == y
        case (.outcome(let x), .outcome(let y)): return x == y
        case (.node(let x, _), .node(let y, _)): return x == y
        default: return false
        }
    }

    func aggregate(_ kind: AggregateKind, _ b: Binder?, _ s: Expr, _ w: Expr?, _ body: Expr?, _ env: Env, _ e: Expr) -> Value {
        withItems(s, env) { items in
            var count = 0
            var total = RationalSum()
            var scale: Int16? = 0
            var best: Value?
            var inner = env
            // The optional parts unwrapped once, not at each item (each unwrapping copied the
            // expression: an atomic retain and release an item). `e` only fills the place of
            // a part that is not there; it is never evaluated.
            let (test, hasTest) = (w ?? e, w != nil), (value, hasValue) = (body ?? e, body != nil)
            for item in items {
                if let b { inner[b.slot] = item }
                if hasTest {
                    switch truth(eval(test, inner), test) {
                    case .boolean(true): break
                    case .boolean(false): continue
                    case let other: return other
                    }
                }
                count += 1
                guard hasValue else { continue }
                let v = eval(value, inner)
                // One switch on the kind, then on the value (a switch on the pair copied the value).
                switch kind {
                case .count: break
                case .sum:
                    guard case .number(let r, let sc) = v else { return propagate(v, value) }
                    total.add(r)
                    scale = maxScale(scale, sc)
                case .min, .max:
                    if case .unknown = v { return v }
                    if case .absent = v { continue }  // the least of the values that are there
                    if let cur = best {
                        guard let c = compare(v, cur) else { return .unknown("cannot compare \(Display.text(v, source))") }
                        if (kind == .min && c < 0) || (kind == .max && c > 0) { best = v }
                    } else {
                        best = v
                    }
                }
            }
            switch kind {
            case .count: return .number(Rational(count), scale: 0)
            case .sum: return .number(total.value, scale: scale)
            case .min, .max: return best ?? .absent("\(kind.rawValue) of nothing")
            }
        }
    }

    func quantifier(_ kind: QuantifierKind, _ b: Binder, _ s: Expr, _ w: Expr?, _ body: Expr, _ env: Env) -> Value {
        withItems(s, env) { items in
            var sawUnknown: Value?
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
                switch truth(eval(body, inner), body) {
                case .boolean(let t):
                    if kind == .every && !t { return .boolean(false) }
                    if kind == .some && t { return .boolean(true) }
                    if kind == .no && t { return .boolean(false) }
                case let other:
                    if sawUnknown == nil { sawUnknown = other }
                }
            }
            if let u = sawUnknown { return u }
            return .boolean(kind != .some)
        }
    }

    func pick(_ kind: PickKind, _ b: Binder, _ s: Expr, _ w: Expr?, _ key: Expr, _ env: Env) -> Value {
        withItems(s, env) { items in
            var best: (Value, Value)?
            var inner = env
            let (test, hasTest) = (w ?? key, w != nil)  // unwrapped once (see `aggregate`)
            for item in items {
                inner[b.slot] = item
                if hasTest {
                    switch truth(eval(test, inner), test) {
                    case .boolean(true): break
                    case .boolean(false): continue
                    case let other: return other
                    }
                }
                let k = eval(key, inner)
                if case .unknown = k { return k }
                if case .absent = k { return propagate(k, key) }
                if let cur = best {
                    guard let c = compare(k, cur.1) else { return .unknown("cannot order \(Display.text(k, source))") }
                    // Ties: the latest is the last in document order, the earliest the first.
                    if (kind == .latest && c >= 0) || (kind == .earliest && c < 0) { best = (item, k) }
                } else {
                    best = (item, k)
                }
            }
            return best?.0 ?? .absent("\(kind.rawValue) of nothing")
        }
    }

    func call(_ ref: CallRef, _ name: String, _ args: [Value], _ e: Expr) -> Value {
        switch ref {
        case .definition(let i):
            guard i >= 0, i < program.globals.count, case .definition(let l) = program.globals[i] else { break }
            // A definition's value depends only on its arguments: computed once per arguments.
            let key = args.count == 1 ? Interpreter.callKey(i, args[0]) : nil
            if let key, let cached = callCache[key] {
                if cached.dependsOnNothing { return cached.value }
                if !recordTrace {
                    deps.merge(cached.deps)
                } else if !deps.calls.contains(key) {
                    deps.merge(cached.deps)
                    deps.calls.insert(key)
                }
                return cached.value
            }
            let saved = deps
            deps = Dependencies()
            let value = evalLet(l, Env(Array(args.prefix(l.params.count))))
            var mine = deps
            if let key, recordTrace { mine.calls.insert(key) }
            deps = saved
            deps.merge(mine)
            if let key { callCache[key] = CacheEntry(value, mine) }
            return value
        case .table(let i):
            guard i >= 0, i < program.tableList.count else { break }
            return evalTable(program.tableList[i], args, e)
        case .builtin(let b):
            return builtin(b, name, args)
        case .unresolved:
            break
        }
        return .unknown("unknown function \(name)")
    }

    func builtin(_ b: Builtin, _ name: String, _ args: [Value]) -> Value {
        for a in args { if case .unknown = a { return a } }
        switch (b, args.first) {
        case (.text, let v?): return .text(Display.text(v, source))
        default:
            if b != .join, args.contains(where: \.isAbsent) { return .absent(name) }
        }
        switch (b, args.count == 2 ? args[1] : nil) {
        case (.percent, _):
            guard case .number(let r, _)? = args.first else { break }
            return .text((r * Rational(100)).decimal(places: 2) + "%")
        case (.fraction, _):
            guard case .number(let r, _)? = args.first else { break }
            return .text(r.fraction)
        case (.ceil, _):
            guard case .number(let r, _)? = args.first else { break }
            return .number(Rational(r.ceiling), scale: 0)
        case (.floor, _):
            guard case .number(let r, _)? = args.first else { break }
            return .number(Rational(r.floor), scale: 0)
        case (.abs, _):
            guard case .number(let r, let s)? = args.first else { break }
            return .number(r.signum < 0 ? -r : r, scale: s)
        case (.join, .text(let sep)?):
            guard case .list(let xs)? = args.first else { return .text("") }
            return .text(xs.map { Display.text($0, source) }.joined(separator: sep))
        case (.movedToWorkingDay, _):
            guard case .date(let d)? = args.first else { break }
            let (moved, uncovered) = program.calendar.movedToWorkingDay(d)
            deps.traces.append(.moved(from: d, to: moved, uncovered: uncovered))
            return .date(moved)
        case (.daysBetween, .date(let to)?):
            guard case .date(let from)? = args.first else { break }
            return .number(Rational(from.days(to: to)), scale: 0)
        case (.year, _):
            guard case .date(let d)? = args.first else { break }
            return .number(Rational(d.year), scale: 0)
        case (.take, .number(let n, _)?):
            guard case .list(let xs)? = args.first else { break }
            let k = n.isInteger ? (n.numerator.intValue ?? (n.signum > 0 ? Int.max : 0)) : n.floor.intValue ?? 0
            return .list(Array(xs.prefix(Swift.max(0, k))))
        case (.largerOf, .number(let y, let sy)?), (.smallerOf, .number(let y, let sy)?):
            guard case .number(let x, let sx)? = args.first else { break }
            let pickX = b == .largerOf ? !(x < y) : !(y < x)
            return pickX ? .number(x, scale: sx) : .number(y, scale: sy)
        case (.odd, _):
            guard case .number(let r, _)? = args.first, r.isInteger else { break }
            let (_, rem) = r.numerator.quotientAndRemainder(dividingBy: ExactInteger(2))
            return .boolean(!rem.isZero)
        default: break
        }
        return .unknown("\(name): unexpected arguments \(args.map { Display.text($0, source) }.joined(separator: ", "))")
    }

    /// A cache key for a one-argument call whose argument has an identity (an element, a text, a number).
    static func callKey(_ definition: Int, _ arg: Value) -> CallKey? {
        switch arg {
        case .node(let n, _): return CallKey(definition: definition, argument: .node(n.raw))
        case .text(let t): return CallKey(definition: definition, argument: .text(t))
        case .number(let r, _): return CallKey(definition: definition, argument: .number(r))
        case .date(let d): return CallKey(definition: definition, argument: .date(d.daysSinceEpoch))
        default: return nil
        }
    }

    func evalTable(_ t: TableDecl, _ args: [Value], _ e: Expr) -> Value {
        for a in args {
            if case .unknown = a { return a }
            if case .absent = a { return .unknown("table \(t.name): an input is absent") }
        }
        if t.placeholder || t.source != nil {
            deps.params.append("table:" + t.name)
        }
        switch matchingRows(t, args, firstOnly: t.hit == .first) {
        case .failure(let u): return u.value
        case .success(let rows):
            if rows.isEmpty { return .unknown("table \(t.name): no row matches \(args.map { Display.text($0, source) }.joined(separator: ", "))") }
            if t.hit == .unique && rows.count > 1 { return .unknown("table \(t.name): \(rows.count) rows match, but the table requires a unique hit") }
            return eval(t.rows[rows[0]].result, [:])
        }
    }

    /// The rows whose every cell accepts the inputs (for tables and for lint's coverage check).
    func matchingRows(_ t: TableDecl, _ args: [Value], firstOnly: Bool = false) -> Result<[Int], UnknownValue> {
        matchingRows(t, args, firstOnly: firstOnly) { _, _, x in eval(x, [:]) }
    }

    /// The same, with each cell's value given by `cell(row, column, expression)` (lint gives
    /// values computed once per table; evaluation computes them as rows are tried).
    func matchingRows(_ t: TableDecl, _ args: [Value], firstOnly: Bool,
                      cell cellValue: (Int, Int, Expr) -> Value) -> Result<[Int], UnknownValue> {
        // Each column's input: the last parameter of its name (as a binding would shadow).
        let inputs: [Value] = t.columns.map { c in
            guard let p = t.params.lastIndex(where: { $0.name == c.name }), p < args.count else { return .absent("") }
            return args[p]
        }
        var hits: [Int] = []
        rows: for (index, row) in t.rows.enumerated() {
            for (i, cell) in row.cells.enumerated() {
                guard case .test(let op, let x) = cell, i < t.columns.count else { continue }
                let input = inputs[i]
                let v = cellValue(index, i, x)
                if case .unknown = v { return .failure(UnknownValue(v)) }
                let ok: Bool
                switch op {
                case .eq: ok = same(input, v)
                case .ne: ok = !same(input, v)
                default:
                    guard let c = compare(input, v) else {
                        return .failure(UnknownValue(.unknown("table \(t.name): cannot compare \(Display.text(input, source))")))
                    }
                    switch op {
                    case .lt: ok = c < 0
                    case .le: ok = c <= 0
                    case .gt: ok = c > 0
                    default: ok = c >= 0
                    }
                }
                if !ok { continue rows }
            }
            hits.append(index)
            if firstOnly { break }
        }
        return .success(hits)
    }
}
