/// Rule-local definitions that several rules write alike and compute alike for the same item:
/// `participating-area` is `sum register[b.owner].area for b in counted-ballots(d)` in both
/// `assembly.quorum` and `assembly.approval`, a pass over every ballot of the decision each
/// time. A rule's own `let` is shared (`Program.sharedLets`, read by `Interpreter.ruleLocal`)
/// when its rule has `for each`, its body is an expression (not a default with exceptions) and
/// the expression is *plain*: it reads no other rule-local definition, no parameter, no table,
/// no rule's outcome and does not move a date by Art. 203, directly or through the definitions
/// it reads or calls. A plain value depends only on the item and the dossier, and records
/// nothing in a finding (no parameter, basis or move), so computing it once per item and
/// meaning gives every rule the value and the finding it would have computed. Two `let`s have
/// one meaning when their text is the same and every name in it is bound to the same thing.
enum SharedLets {
    static func plan(_ program: Program) -> [Span: Int] {
        // Only a text written in two rules or more can be shared: group by text first (cheap),
        // then check purity and bindings within each group.
        var byText: [String: [(rule: String, let: LetDecl, body: Expr)]] = [:]
        for id in program.ruleOrder {
            for rule in program.rules[id] ?? [] where rule.forEach != nil {
                for l in rule.body.lets {
                    guard case .expr(let e) = l.body, e.span.file >= 0, e.span.file < program.files.count else { continue }
                    byText[program.files[e.span.file].slice(e.span), default: []].append((id, l, e))
                }
            }
        }
        var purity = Purity(program: program)
        var keys: [String: Int] = [:]
        var out: [Span: Int] = [:]
        for (text, lets) in byText.sorted(by: { $0.key < $1.key }) where Set(lets.map(\.rule)).count > 1 {
            for (_, l, e) in lets where purity.isPlain(e) {
                out[l.span] = keys.number(of: text + "\u{0}" + bindings(e))
            }
        }
        return out
    }

    /// What each name and call in the expression is bound to, in the walk's order.
    static func bindings(_ e: Expr) -> String {
        var out = ""
        ExprWalker.walk(e) { sub in
            switch sub.kind {
            case .name(_, let ref):
                switch ref {
                case .unresolved: out += "u;"
                case .asOf: out += "a;"
                case .local(let i): out += "l\(i);"
                case .ruleLocal(let i): out += "r\(i);"
                case .global(let i): out += "g\(i);"
                }
            case .call(_, _, _, let ref):
                switch ref {
                case .unresolved: out += "U;"
                case .definition(let i): out += "D\(i);"
                case .table(let i): out += "T\(i);"
                case .builtin(let b): out += "B\(b.rawValue);"
                }
            default: break
            }
        }
        return out
    }

    /// Which definitions are plain (computed once, on demand; a cycle, which the checker
    /// rejects anyway, is not plain).
    struct Purity {
        let program: Program
        var known: [Bool?]
        init(program: Program) {
            self.program = program
            known = Array(repeating: nil, count: program.globals.count)
        }

        mutating func isPlain(global i: Int) -> Bool {
            guard i >= 0, i < known.count else { return false }
            if let p = known[i] { return p }
            // Chains of definitions can be 10,000 deep: continue on a fresh stack segment.
            if StackSegments.isLow { return StackSegments.onFreshSegment { _ in isPlain(global: i) } }
            known[i] = false
            let plain: Bool
            switch program.globals[i] {
            case .fact: plain = true
            case .param: plain = false
            case .definition(let l):
                if case .expr(let e) = l.body { plain = isPlain(e) } else { plain = false }
            }
            known[i] = plain
            return plain
        }

        mutating func isPlain(_ e: Expr) -> Bool {
            var reads: [Int] = []
            var ok = true
            ExprWalker.walk(e) { sub in
                switch sub.kind {
                case .name(_, .global(let j)), .call(_, _, _, .definition(let j)): reads.append(j)
                case .name(_, .ruleLocal), .name(_, .unresolved), .call(_, _, _, .table), .call(_, _, _, .unresolved),
                     .call(_, _, _, .builtin(.movedToWorkingDay)), .ruleRef:
                    ok = false
                default: break
                }
            }
            guard ok else { return false }
            for j in reads where !isPlain(global: j) { return false }
            return true
        }
    }
}
