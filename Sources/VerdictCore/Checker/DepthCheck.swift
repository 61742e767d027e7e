/// Limits that keep checking and evaluation far from the stack's end, whatever the input:
/// expression depth (flat chains such as `1 + 1 + …` included), chains of definitions,
/// chains of rule references. Everything here is iterative.
enum DepthCheck {
    public static let maxExpressionDepth = 20_000
    public static let maxDefinitionChain = 20_000
    public static let maxRuleChain = 1_000

    /// The deepest expression in `e`, without recursion.
    static func depth(_ e: Expr) -> (Int, Span) {
        var best = (0, e.span)
        var stack: [(Expr, Int)] = [(e, 1)]
        while let (x, d) = stack.popLast() {
            if d > best.0 { best = (d, x.span) }
            if d > maxExpressionDepth { break }
            for c in ExprWalker.children(x) { stack.append((c, d + 1)) }
        }
        return best
    }

    static func expressions(_ d: Declaration) -> [Expr] {
        switch d {
        case .article, .shape, .fact: return []
        case .param(let p): return [p.value]
        case .let(let l): return Linter.exprs(of: l)
        case .table(let t): return t.rows.flatMap { row in [row.result] + row.cells.compactMap { c -> Expr? in if case .test(_, let e) = c { return e }; return nil } }
        case .rule(let r): return Linter.exprs(of: r)
        case .procedure(let p): return p.steps.flatMap { [$0.condition, $0.due].compactMap { $0 } }
        }
    }

    public static func check(_ decls: [Declaration]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for d in decls {
            for e in expressions(d) {
                let (depth, span) = depth(e)
                if depth > maxExpressionDepth {
                    out.append(Diagnostic(.tooDeep, span, "expression more than \(maxExpressionDepth) levels deep",
                                          help: "split it into named parts with `let`"))
                    break
                }
            }
        }
        return out
    }

    /// The longest chain in a dependency graph (already free of cycles), iteratively.
    static func longestChain(_ graph: [String: [String]]) -> (length: Int, start: String)? {
        chains(graph).best
    }

    /// The longest chain that starts at each node (1: it uses no other), iteratively.
    static func chainLengths(_ graph: [String: [String]]) -> [String: Int] {
        chains(graph).lengths
    }

    private static func chains(_ graph: [String: [String]]) -> (lengths: [String: Int], best: (length: Int, start: String)?) {
        var length: [String: Int] = [:]
        var best: (Int, String)?
        for root in graph.keys.sorted() where length[root] == nil {
            var stack: [(String, Bool)] = [(root, false)]
            var onPath: Set<String> = []
            while let (node, expanded) = stack.popLast() {
                if expanded {
                    onPath.remove(node)
                    let l = 1 + ((graph[node] ?? []).compactMap { length[$0] }.max() ?? 0)
                    length[node] = l
                    if l > (best?.0 ?? 0) { best = (l, node) }
                    continue
                }
                if length[node] != nil || onPath.contains(node) { continue }
                onPath.insert(node)
                stack.append((node, true))
                for n in graph[node] ?? [] where length[n] == nil && graph[n] != nil { stack.append((n, false)) }
            }
        }
        return (length, best.map { (length: $0.0, start: $0.1) })
    }
}
