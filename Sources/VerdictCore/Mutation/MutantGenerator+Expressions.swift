/// Mutants inside expressions: comparisons, connectives, negations and constants.
extension MutantGenerator {
    static let swaps: [BinaryOp: [BinaryOp]] = [
        .ge: [.gt], .gt: [.ge], .le: [.lt], .lt: [.le],
        .eq: [.ne], .ne: [.eq], .and: [.or], .or: [.and],
    ]

    static func operatorKind(_ op: BinaryOp) -> Mutant.Operator {
        switch op {
        case .eq, .ne: return .equality
        case .and, .or: return .connective
        default: return .boundary
        }
    }

    /// The shares the law uses (过半数, 三分之二, 四分之三 …): a threshold moves to its neighbours.
    static let ladder: [(Int, Int)] = [(1, 3), (1, 2), (2, 3), (3, 4)]

    mutating func expr(_ e: Expr) {
        if StackSegments.isLow { return StackSegments.onFreshSegment { _ in expr(e) } }
        let f = e.span.file
        switch e.kind {
        case .string:
            return  // displayed text; what it interpolates is computed (and mutated) elsewhere
        case .binary(.div, let a, let b):
            if let p = integerLiteral(a), let q = integerLiteral(b) {
                for (np, nq) in MutantGenerator.fractionNeighbours(p, q) { add(.constant, e.span, "\(np)/\(nq)") }
                return
            }
        case .binary(let op, let a, let b):
            if let alts = MutantGenerator.swaps[op] {
                let word: Token.Kind = op == .and ? .keyword(.and) : op == .or ? .keyword(.or) : .punct(op.rawValue)
                if let tok = tokens(in: f, a.span.end, b.span.start).first(where: { $0.kind == word }) {
                    for alt in alts { add(MutantGenerator.operatorKind(op), tok.span, alt.rawValue) }
                }
            }
        case .not(let x):
            add(.negation, Span(file: f, start: e.span.start, end: x.span.start), "")
        case .isAbsent(let x, negated: true):
            let between = tokens(in: f, x.span.end, e.span.end)
            if let not = between.first(where: { $0.kind == .keyword(.not) }),
               let absent = between.first(where: { $0.kind == .keyword(.absent) }) {
                add(.negation, Span(file: f, start: not.span.start, end: absent.span.start), "")
            }
        case .number, .percent:
            for n in MutantGenerator.nudged(program.files[f].slice(e.span)) { add(.constant, e.span, n) }
        case .date(let d):
            for n in [d.daysSinceEpoch - 1, d.daysSinceEpoch + 1] {
                if let m = CivilDate(daysSinceEpoch: n) { add(.constant, e.span, m.description) }
            }
        default:
            break
        }
        for c in ExprWalker.children(e) { expr(c) }
    }

    func integerLiteral(_ e: Expr) -> Int? {
        guard case .number = e.kind else { return nil }
        let text = program.files[e.span.file].slice(e.span)
        return text.allSatisfy(\.isASCII) ? Int(text) : nil
    }

    static func fractionNeighbours(_ p: Int, _ q: Int) -> [(Int, Int)] {
        if let i = ladder.firstIndex(where: { $0.0 * q == p * $0.1 }) {
            return [i - 1, i + 1].filter { ladder.indices.contains($0) }.map { ladder[$0] }
        }
        return [(p - 1, q), (p + 1, q)].filter { $0.0 > 0 }
    }

    /// A decimal literal one unit of its last digit down and up (`60` → 59, 61; `0.5` → 0.4,
    /// 0.6; `50%` → 49%, 51%); none below zero.
    static func nudged(_ literal: String) -> [String] {
        let percent = literal.hasSuffix("%")
        let text = percent ? String(literal.dropLast()) : literal
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return [] }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let v = Int(parts.joined()) else { return [] }
        let scale = parts.count == 2 ? parts[1].count : 0
        return [v - 1, v + 1].filter { $0 >= 0 }.map { n in
            var digits = String(n)
            while digits.count <= scale { digits = "0" + digits }
            let s = scale == 0 ? digits : digits.dropLast(scale) + "." + digits.suffix(scale)
            return s + (percent ? "%" : "")
        }
    }
}
