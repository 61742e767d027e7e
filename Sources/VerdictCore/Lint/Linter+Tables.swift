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
            var combos: [[Value]] = [[]]
            for s in samples {
                combos = combos.flatMap { c in s.map { c + [$0] } }
                if combos.count > 50_000 { skip = true; break }
            }
            if skip { continue }
            var gaps: [String] = []
            var overlaps: [String] = []
            for args in combos {
                guard case .success(let rows) = interpreter.matchingRows(t, args) else { continue }
                let shown = args.map { Display.text($0, nil) }.joined(separator: ", ")
                if rows.isEmpty { gaps.append(shown) }
                if t.hit == .unique && rows.count > 1 { overlaps.append("\(shown) (rows \(rows.map { String($0 + 1) }.joined(separator: ", ")))") }
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
