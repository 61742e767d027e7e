/// The values of one memoised meaning (`ExprKind.memo`) for the elements of one shape, by
/// element number, within one dossier: a truth value in a byte, an element in four. Other
/// values (absent, unknown, numbers, texts) are not kept: they are computed again each time,
/// as they were before, which gives the same value. Kept over the window of element numbers
/// seen so far (a decision's ballots are one run of the dossier), not the whole dossier.
/// A value in the interpreter's `memos`, read and changed in place: a reference read at every
/// memo place cost two atomic reference counts (and their fences) a read, some 26 million on
/// a 200,000-owner dossier.
struct ItemMemo {
    /// nil until the definitions the meaning reads have been computed; then whether they all
    /// depend on no parameter or basis (else a kept value would lose what it depended on).
    var usable: Bool?
    private var truthBase = 0
    private var truth: [UInt8] = []        // 0 not kept, 1 false, 2 true
    private var nodeBase = 0
    private var nodes: [UInt32] = []       // 0 not kept, else the element's raw number + 1
    private var nodeShape: String?

    /// The element kept for `n`, if one is (what a lookup found).
    func node(at n: Int) -> FactNode? {
        let i = n &- nodeBase
        guard i >= 0, i < nodes.count, nodes[i] != 0, nodeShape != nil else { return nil }
        return FactNode(raw: UInt(nodes[i] &- 1))
    }

    func value(at n: Int) -> Value? {
        let t = n &- truthBase
        if t >= 0, t < truth.count, truth[t] != 0 { return .boolean(truth[t] == 2) }
        if let node = node(at: n), let shape = nodeShape { return .node(node, shape: shape) }
        return nil
    }

    mutating func keep(_ v: Value, at n: Int) {
        switch v {
        case .boolean(let b):
            let t = ItemMemo.slot(n, &truthBase, &truth)
            truth[t] = b ? 2 : 1
        case .node(let node, let shape):
            guard node.raw < UInt(UInt32.max) else { return }
            if nodeShape == nil { nodeShape = shape }
            guard nodeShape == shape else { return }
            let i = ItemMemo.slot(n, &nodeBase, &nodes)
            nodes[i] = UInt32(node.raw) + 1
        default:
            return
        }
    }

    /// The position of element `n` in a window starting at `base`, widened to hold it. The
    /// window grows at its front by at least its own size, so that elements met in descending
    /// order (a list sorted by a key) cost a copy of the window a doubling, not one each.
    static func slot<T: FixedWidthInteger>(_ n: Int, _ base: inout Int, _ window: inout [T]) -> Int {
        if window.isEmpty { base = n }
        if n < base {
            let newBase = Swift.max(0, Swift.min(n, base - window.count))
            window.insert(contentsOf: repeatElement(0, count: base - newBase), at: 0)
            base = newBase
        } else if n - base >= window.count {
            window.append(contentsOf: repeatElement(0, count: n - base - window.count + 1))
        }
        return n - base
    }
}

/// What a memo place last used: the memo (its position in `memos`) for the shape of element
/// it saw, and whether the place is an `in` test answered by a lookup's memo.
struct MemoSite {
    let shape: String
    let memo: Int
    let answeredByLookup: Bool
}

extension Interpreter {
    /// A memoised lookup, `in` test or (in)equality (`ItemMemoPlan`), `e` being the expression
    /// the `.memo` wraps: computed once per element of its local and read back after. Off while
    /// a trace is recorded (`explain` shows every read).
    func memoized(_ e: Expr, binder slot: Int, key: Int, site: Int, _ env: Env) -> Value {
        guard memoize, !recordTrace, case .node(let node, let shape) = env[slot], node.raw < UInt(elementCount),
              site >= 0, site < memoSites.count else { return evalInner(e, env) }
        let n = Int(node.raw)
        // `memos[m]` is read in place each time, not held: evaluating the expression may add
        // memos (positions stay; the array may move).
        let m: Int, byLookup: Bool
        if let s = memoSites[site], s.shape == shape {
            (m, byLookup) = (s.memo, s.answeredByLookup)
        } else {
            let k = MemoKey(key: key, shape: shape)
            if let existing = memoTables[k] {
                m = existing
            } else {
                m = memos.count
                memos.append(ItemMemo())
                memoTables[k] = m
            }
            byLookup = site < program.memoAnsweredByLookup.count && program.memoAnsweredByLookup[site]
            memoSites[site] = MemoSite(shape: shape, memo: m, answeredByLookup: byLookup)
        }
        if memos[m].usable == false { return evalInner(e, env) }
        if byLookup {
            if memos[m].node(at: n) != nil { return .boolean(true) }
            return memoizedTest(e, m, key, n, env)
        }
        if let v = memos[m].value(at: n) { return v }
        let v = evalInner(e, env)
        if memos[m].usable == nil { memos[m].usable = memoUsable(key) }
        if memos[m].usable == true { memos[m].keep(v, at: n) }
        return v
    }

    /// The expression a `.memo` wraps, evaluated as written.
    private func evalInner(_ e: Expr, _ env: Env) -> Value { eval(e, env) }

    /// `a in b` where `b` is an index of elements, kept as the element `b[a]` finds (the memo
    /// of that lookup's meaning): found is true; anything else is computed as `in` computes it.
    private func memoizedTest(_ e: Expr, _ m: Int, _ key: Int, _ n: Int, _ env: Env) -> Value {
        guard case .binary(.in, let a, let b) = e.kind else { return evalInner(e, env) }
        let l = eval(a, env), r = eval(b, env)
        guard case .text(let k) = l, case .index(let dict) = r else { return inTest(l, r, b) }
        let found = dict[k]
        if memos[m].usable == nil { memos[m].usable = memoUsable(key) }
        if memos[m].usable == true, let found { memos[m].keep(found, at: n) }
        return .boolean(found != nil)
    }

    /// Whether every definition the meaning reads is computed and depends on nothing (nil:
    /// not all computed yet, as when `and` did not need its right side).
    private func memoUsable(_ key: Int) -> Bool? {
        guard key >= 0, key < program.memoGlobals.count else { return false }
        for g in program.memoGlobals[key] {
            guard g >= 0, g < globalCache.count else { return false }
            guard let entry = globalCache[g] else { return nil }
            if !entry.dependsOnNothing { return false }
        }
        return true
    }
}

extension Interpreter {
    /// `distinct` at `site` told apart by the element an index found for each item's key
    /// (`DistinctByFound` in the resolver says why that is the same test): nil, to compute it
    /// as written, unless every item is an element of one shape whose element some memo of
    /// `m[key]` keeps. Off while a trace is recorded (`explain` shows every key read).
    func distinctByFound(_ items: [Value], site: Int) -> [Value]? {
        guard memoize, !recordTrace, site >= 0, site < program.distinctFoundKeys.count,
              !program.distinctFoundKeys[site].isEmpty,
              case .node(_, let shape)? = items.first else { return nil }
        for key in program.distinctFoundKeys[site] {
            guard let m = memoTables[MemoKey(key: key, shape: shape)], memos[m].usable == true else { continue }
            var seen = [UInt64](repeating: 0, count: elementCount / 64 + 1)
            var out: [Value] = []
            out.reserveCapacity(items.count)  // kept by a memo: no room left from doubling
            var complete = true
            for item in items {
                guard case .node(let node, let s) = item, s == shape, let found = memos[m].node(at: Int(node.raw)),
                      found.raw < UInt(elementCount) else {
                    complete = false
                    break
                }
                let (word, bit) = (Int(found.raw) / 64, UInt64(1) << (found.raw % 64))
                if seen[word] & bit == 0 {
                    seen[word] |= bit
                    out.append(item)
                }
            }
            if complete {
                distinctsByFound += 1
                return out
            }
        }
        return nil
    }
}

/// The short decimals of one field (`readField`'s fast path), by element, once read: a
/// ballot's owner's area is read by two rules for each decision, and a 200,000-owner
/// register's areas are scattered through the fact store (three cache misses a read, then the
/// parse). Kept over a window of element numbers (4 bytes each) pointing into the values read;
/// the fact store does not change during a check, so a kept value is the value read again.
struct DecimalMemo {
    private var base = 0
    private var window: [UInt32] = []      // 0 not read, else 1 + the value's position
    private var values: [(value: Rational, scale: Int16)] = []

    func value(at n: Int) -> (value: Rational, scale: Int16)? {
        let i = n &- base
        guard i >= 0, i < window.count, window[i] != 0 else { return nil }
        return values[Int(window[i]) - 1]
    }

    mutating func keep(_ v: (value: Rational, scale: Int16), at n: Int) {
        guard values.count < Int(UInt32.max) - 1 else { return }
        let i = ItemMemo.slot(n, &base, &window)
        values.append(v)
        window[i] = UInt32(values.count)
    }
}
