/// Which expressions the evaluator computes once per element. A rule library reads the same
/// thing of the same element in several passes: `b.owner in register` in `counted-ballots`,
/// in `assembly.ballots` twice; `register[b.owner]` in the areas of `assembly.quorum` and
/// `assembly.approval`. Each such read hashes the owner's text into an index of every owner.
///
/// An index lookup (`m[k]`), an `in` test or an (in)equality qualifies when it reads exactly one local (a
/// binder or a definition's parameter) and otherwise only parameters, facts, definitions,
/// literals and `as-of`, through fields, lookups, operators and `if`: within one dossier its
/// value is then a function of that local's element alone. It is wrapped in `ExprKind.memo`
/// with a key shared by every expression of the same meaning (the local written `§`), so the
/// passes share what the first one computed. Calls, rule references, comprehensions, a
/// rule's own `let`s and interpolated texts are left alone.
extension Resolver {
    /// `meaning`: the expression whose value is kept, when it is not `e` itself (an `in` test
    /// over an index of elements keeps the element the index gives, `m[k]`, and shares it with
    /// the lookups of the same key).
    mutating func memoized(_ e: Expr, meaning: Expr? = nil) -> Expr {
        var slots: Set<Int> = []
        var globals: Set<Int> = []
        var text = ""
        guard ItemMeaning.write(meaning ?? e, into: &text, slots: &slots, globals: &globals),
              slots.count == 1, let slot = slots.first else { return e }
        let key = memoKeys.number(of: text)
        if key == memoGlobals.count { memoGlobals.append(globals.sorted()) }
        let site = memoSites
        memoSites += 1
        if meaning != nil { memoAnsweredByLookup.insert(site) }
        return Expr(.memo(e, binder: slot, key: key, site: site), e.span)
    }
}

/// The meaning of an expression over one element, written out (spans and the local's slot
/// left out): equal texts, equal values for the same element.
enum ItemMeaning {
    /// false when `e` holds something whose value is not a function of its locals and the
    /// dossier (a call, a comprehension, a rule's own definition, …), or is larger than is
    /// worth keeping (deeper than `maxDepth` or written longer than `maxLength`: every lookup
    /// and `in` of a deeply nested expression writes its subtree, so the bound keeps the
    /// resolver linear and its recursion shallow).
    static func write(_ e: Expr, into out: inout String, slots: inout Set<Int>, globals: inout Set<Int>,
                      depth: Int = 0) -> Bool {
        guard depth <= maxDepth, out.utf8.count <= maxLength else { return false }
        func write(_ x: Expr, into out: inout String, slots: inout Set<Int>, globals: inout Set<Int>) -> Bool {
            ItemMeaning.write(x, into: &out, slots: &slots, globals: &globals, depth: depth + 1)
        }
        func pair(_ op: String, _ a: Expr, _ b: Expr, _ out: inout String,
                  _ slots: inout Set<Int>, _ globals: inout Set<Int>) -> Bool {
            out += "\(op)("
            guard write(a, into: &out, slots: &slots, globals: &globals) else { return false }
            out += ","
            guard write(b, into: &out, slots: &slots, globals: &globals) else { return false }
            out += ")"
            return true
        }
        switch e.kind {
        case .number(let r, let scale): out += "n\(r)@\(scale)"
        case .percent(let r): out += "p\(r)"
        case .date(let d): out += "d\(d)"
        case .bool(let b): out += b ? "T" : "F"
        case .outcome(let o): out += "o\(o.rawValue)"
        case .absent: out += "absent"
        case .asOf: out += "as-of"
        case .string(let parts):
            out += "s"
            for p in parts {
                guard case .literal(let t) = p, t.utf8.count <= maxLength else { return false }
                out += "\(t.utf8.count):\(t)"
            }
        case .name(_, let ref):
            switch ref {
            case .local(let slot):
                slots.insert(slot)
                out += "§"
            case .global(let i):
                globals.insert(i)
                out += "g\(i)"
            case .asOf: out += "as-of"
            case .ruleLocal, .unresolved: return false
            }
        case .field(let x, let n, _, _):
            out += "("
            guard write(x, into: &out, slots: &slots, globals: &globals) else { return false }
            out += ").\(n.utf8.count):\(n)"
        case .lookup(let a, let b):
            return pair("[]", a, b, &out, &slots, &globals)
        case .binary(let op, let a, let b):
            return pair(op.rawValue, a, b, &out, &slots, &globals)
        case .negate(let x), .not(let x), .exists(let x):
            out += e.kindName + "("
            guard write(x, into: &out, slots: &slots, globals: &globals) else { return false }
            out += ")"
        case .isAbsent(let x, let negated):
            out += negated ? "present(" : "absent("
            guard write(x, into: &out, slots: &slots, globals: &globals) else { return false }
            out += ")"
        case .conditional(let c, let a, let b):
            out += "if("
            for x in [c, a, b] {
                guard write(x, into: &out, slots: &slots, globals: &globals) else { return false }
                out += ","
            }
            out += ")"
        case .list(let xs):
            out += "list("
            for x in xs {
                guard write(x, into: &out, slots: &slots, globals: &globals) else { return false }
                out += ","
            }
            out += ")"
        case .memo(let x, _, _, _):
            return write(x, into: &out, slots: &slots, globals: &globals)
        case .call, .period, .filter, .map, .aggregate, .quantifier, .pick, .distinct, .index, .ruleRef, .sort, .fewest:
            return false
        }
        return true
    }

    static let maxDepth = 32
    static let maxLength = 2_048
}

private extension Expr {
    var kindName: String {
        switch kind {
        case .negate: return "neg"
        case .not: return "not"
        default: return "exists"
        }
    }
}

extension Dictionary where Value == Int {
    /// The key's number: the one it has, or the next one (`count`) if it is new.
    mutating func number(of key: Key) -> Int {
        if let n = self[key] { return n }
        let n = count
        self[key] = n
        return n
    }
}
