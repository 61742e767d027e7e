/// Which rules each definition, table and parameter reaches: a change to `let x` can only
/// alter the findings of rules that use `x` (directly, through other definitions, or
/// through `passed R` / `outcome of R`). Rules judge only their own kinds of dossier, so
/// the mutants of `x` need only the cases of those kinds.
struct RuleReach {
    /// Rule id → every definition, table and parameter name it reaches, and `rule:ID` for rules it refers to.
    private(set) var reached: [String: Set<String>] = [:]
    let program: Program

    init(_ program: Program) {
        self.program = program
        for id in program.ruleOrder { reached[id] = closure(of: id) }
    }

    private func closure(of id: String) -> Set<String> {
        var seen: Set<String> = []
        var queue: [Expr] = (program.rules[id] ?? []).flatMap(Linter.exprs(of:))
        while let e = queue.popLast() {
            ExprWalker.walk(e) { sub in
                switch sub.kind {
                case .name(let n, _), .call(let n, _, _, _):
                    guard seen.insert(n).inserted else { return }
                    if let l = program.lets[n] { queue += Linter.exprs(of: l) }
                    if let t = program.tables[n] {
                        for row in t.rows {
                            queue.append(row.result)
                            for c in row.cells { if case .test(_, let x) = c { queue.append(x) } }
                        }
                    }
                case .ruleRef(_, let ref, _, _):
                    if seen.insert("rule:" + ref).inserted { queue += (program.rules[ref] ?? []).flatMap(Linter.exprs(of:)) }
                default: break
                }
            }
        }
        return seen
    }

    /// The rules whose findings a change to `owner` can alter, in declaration order.
    func rules(affectedBy owner: Mutant.Owner) -> [String] {
        let key: String
        switch owner {
        case .rule(let id): key = "rule:" + id
        case .definition(let n), .table(let n), .param(let n): key = n
        }
        return program.ruleOrder.filter { id in
            if case .rule(let own) = owner, own == id { return true }
            return reached[id]?.contains(key) ?? false
        }
    }

    /// The dossier kinds judged by any of `rules`; empty when one of them judges every kind.
    func kinds(of rules: [String]) -> Set<String> {
        var out: Set<String> = []
        for id in rules {
            let ks = program.rules[id]?.first?.kinds ?? []
            if ks.isEmpty { return [] }
            out.formUnion(ks)
        }
        return out
    }

    /// The cited articles of `rules` (each once, in order), as the reports print them.
    func articles(of rules: [String]) -> [String] {
        var out: [String] = []
        for id in rules {
            for c in program.rules[id]?.first?.cites ?? [] {
                let t = program.citeText(c)
                if !out.contains(t) { out.append(t) }
            }
        }
        return out
    }
}
