/// Decision-table coverage: every input combination, sampled at each bound a cell
/// names and between them, must match a row (and one row only, for `unique hit`).
extension Linter {
    final class NoDossier: FactSource {
        var path: String { "(no dossier)" }
        var root: FactNode { FactNode(raw: 0) }
        func select(_ pathId: Int, from context: FactNode) -> Result<[FactNode], FactError> { .success([]) }
        func attribute(_ name: String, of node: FactNode) -> String? { nil }
        func line(of node: FactNode) -> Int { 0 }
        func elementName(of node: FactNode) -> String { "" }
    }

    mutating func tables() {
        let interpreter = Interpreter(program: program, source: NoDossier(), asOf: .epoch)
        for t in program.tables.values.sorted(by: { $0.span.start < $1.span.start }) {
            var samples: [[Value]] = []
            var skip = false
            for p in t.params {
                let column = t.columns.firstIndex { $0.name == p.name }
                let bounds: [Value] = t.rows.compactMap { row in
                    guard let column, column < row.cells.count, case .test(_, let e) = row.cells[column] else { return nil }
                    let v = interpreter.evaluate(e)
                    return v.isUnknown ? nil : v
                }
                guard let s = Linter.samples(p.type, bounds) else { skip = true; break }
                samples.append(s)
            }
            if skip { continue }
            // Which rows accept each input value, computed once per (input, sample); then every
            // combination is the intersection of its inputs' row sets (no combination is built).
            var total = 1
            for s in samples {
                total *= s.count
                if total > 50_000 { skip = true; break }
            }
            if skip { continue }
            guard let (base, accepts) = acceptance(t, samples, interpreter) else { continue }
            var gaps: [String] = []
            var overlaps: [String] = []
            // prefix[k]: the rows the first k inputs' current samples all accept (nil: undecidable);
            // moving one input recomputes only the intersections after it.
            let n = samples.count
            var index = Array(repeating: 0, count: n)
            var prefix: [RowSet?] = Array(repeating: nil, count: n + 1)
            prefix[0] = base
            func refresh(from k: Int) {
                for p in k..<n {
                    guard var rows = prefix[p], let set = accepts[p][index[p]] else { prefix[p + 1] = nil; continue }
                    rows.formIntersection(set)
                    prefix[p + 1] = rows
                }
            }
            refresh(from: 0)
            combinations: while true {
                if let rows = prefix[n] {
                    func shown() -> String { zip(samples, index).map { Display.text($0[$1], nil) }.joined(separator: ", ") }
                    let count = rows.count
                    if count == 0 { gaps.append(shown()) }
                    if t.hit == .unique && count > 1 { overlaps.append("\(shown()) (rows \(rows.members.map { String($0 + 1) }.joined(separator: ", ")))") }
                }
                // The next combination: the last input varies fastest.
                var p = n - 1
                while p >= 0 {
                    index[p] += 1
                    if index[p] < samples[p].count {
                        refresh(from: p)
                        continue combinations
                    }
                    index[p] = 0
                    p -= 1
                }
                break
            }
            if !gaps.isEmpty {
                report(.tableGap, t.span, "table `\(t.name)` has no row for \(gaps.prefix(3).map { "`\($0)`" }.joined(separator: ", "))\(gaps.count > 3 ? " and \(gaps.count - 3) more" : "")",
                       help: "add a row for these inputs, or a last row `| - | … |` for everything else")
            }
            if !overlaps.isEmpty {
                report(.tableOverlap, t.span, "table `\(t.name)` is `unique hit` but several rows match \(overlaps.prefix(3).map { "`\($0)`" }.joined(separator: ", "))",
                       help: "make the rows exclusive, or use `first hit` if the order decides")
            }
        }
    }

    /// The rows that cells outside the inputs allow, and for each input and each of its samples,
    /// the rows whose cells accept it (a row's cells in other columns are not looked at); nil where a cell cannot be compared with the sample
    /// (such combinations are not judged). Cells in columns that are not inputs see an absent value.
    func acceptance(_ t: TableDecl, _ samples: [[Value]], _ interpreter: Interpreter) -> (RowSet, [[RowSet?]])? {
        let columnInput: [Int?] = t.columns.map { c in t.params.lastIndex { $0.name == c.name } }
        var base = RowSet(count: t.rows.count, full: true)
        var out: [[RowSet?]] = samples.map { s in Array(repeating: RowSet(count: t.rows.count, full: true), count: s.count) }
        for (r, row) in t.rows.enumerated() {
            for (i, cell) in row.cells.enumerated() {
                guard case .test(let op, let x) = cell, i < t.columns.count else { continue }
                let v = interpreter.evaluate(x)
                if case .unknown = v { return nil }
                func accepts(_ input: Value) -> Bool? {
                    switch op {
                    case .eq: return interpreter.same(input, v)
                    case .ne: return !interpreter.same(input, v)
                    default:
                        guard let c = interpreter.compare(input, v) else { return nil }
                        switch op {
                        case .lt: return c < 0
                        case .le: return c <= 0
                        case .gt: return c > 0
                        default: return c >= 0
                        }
                    }
                }
                guard let p = columnInput[i], p < samples.count else {
                    // Not an input: the cell sees an absent value, whatever the combination.
                    guard let ok = accepts(.absent("")) else { return nil }
                    if !ok { base.remove(r) }
                    continue
                }
                for (s, sample) in samples[p].enumerated() {
                    switch accepts(sample) {
                    case true?: break
                    case false?: out[p][s]?.remove(r)
                    case nil: out[p][s] = nil
                    }
                }
            }
        }
        return (base, out)
    }

    /// A set of row numbers as bits: the first 64 rows inline (no allocation for most tables,
    /// whose combinations are intersected tens of thousands of times), the rest in `more`.
    struct RowSet {
        var first: UInt64
        var more: [UInt64]
        init(count: Int, full: Bool) {
            let words = (count + 63) / 64
            var all = Array(repeating: full ? UInt64.max : 0, count: max(words, 1))
            if full, count % 64 != 0, let last = all.indices.last { all[last] = (1 << UInt64(count % 64)) - 1 }
            if count == 0 { all[0] = 0 }
            first = all[0]
            more = Array(all.dropFirst())
        }
        mutating func remove(_ r: Int) {
            let bit: UInt64 = ~(1 << UInt64(r % 64))
            if r < 64 { first &= bit } else { more[r / 64 - 1] &= bit }
        }
        mutating func formIntersection(_ o: RowSet) {
            first &= o.first
            for i in more.indices { more[i] &= o.more[i] }
        }
        var count: Int { more.reduce(first.nonzeroBitCount) { $0 + $1.nonzeroBitCount } }
        var members: [Int] {
            var out: [Int] = []
            for (w, word) in ([first] + more).enumerated() where word != 0 {
                for b in 0..<64 where word & (1 << UInt64(b)) != 0 { out.append(w * 64 + b) }
            }
            return out
        }
    }

    /// Representative inputs: each bound, just around it, between bounds, beyond both ends.
    static func samples(_ type: TypeRef, _ bounds: [Value]) -> [Value]? {
        switch type {
        case .optional(let inner): return samples(inner, bounds)
        case .boolean: return [.boolean(true), .boolean(false)]
        case .enumeration(let values): return values.map { .text($0) }
        case .text: return nil  // an open domain: only enumerations can be checked
        case .number, .integer:
            var nums = bounds.compactMap { v -> Rational? in if case .number(let r, _) = v { return r }; return nil }
            nums = Array(Set(nums)).sorted()
            guard let lo = nums.first, let hi = nums.last else { return [.number(Rational(0), scale: nil)] }
            var out: [Rational] = [lo - Rational(1), hi + Rational(1)] + nums
            let half = Rational(ExactInteger(1), ExactInteger(2)) ?? .zero
            for (a, b) in zip(nums, nums.dropFirst()) { out.append((a + b) * half) }
            if type == .integer { out = out.filter(\.isInteger) + nums.map { $0 + Rational(1) } + nums.map { $0 - Rational(1) } }
            return Array(Set(out)).sorted().map { .number($0, scale: nil) }
        case .date:
            let ds = bounds.compactMap { v -> CivilDate? in if case .date(let d) = v { return d }; return nil }
            var out: [CivilDate] = ds
            for d in ds {
                if let a = CivilDate(daysSinceEpoch: d.daysSinceEpoch - 1) { out.append(a) }
                if let b = CivilDate(daysSinceEpoch: d.daysSinceEpoch + 1) { out.append(b) }
            }
            return Array(Set(out)).sorted().map { .date($0) }
        default: return nil
        }
    }
}
