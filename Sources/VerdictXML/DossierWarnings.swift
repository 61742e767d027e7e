import VerdictCore

/// What looks wrong in a register but is legal: said in the report, never judged.
enum DossierWarnings {
    /// An area this many times the median is called out (a decimal point slipped, or units summed twice).
    static let outlierFactor = 10

    static func of(_ d: DossierDocument) -> [ReportError] {
        guard let root = d.rootElement else { return [] }
        let store = d.store
        // Each attribute name looked up once, not at every owner; an owner's texts (id, name,
        // area) are made only for the owners a warning names: a 200,000-owner register is
        // read as bytes.
        let areaKey = store.nameId("area"), idKey = store.nameId("id"), nameKey = store.nameId("name")
        func attribute(_ key: Int32?, _ e: Int) -> String? { key.flatMap { store.attribute($0, of: e) } }
        func id(_ o: Int) -> String { attribute(idKey, o) ?? "?" }
        var owners: [(element: Int, area: Int?)] = []
        for c in store.children(of: root) where store.name(of: c) == "community" {
            for o in store.children(of: c) where store.name(of: o) == "owner" {
                // Whole square metres are enough to call out a tenfold outlier (a warning, not a
                // verdict): the digits before the point, as `Int` reads them.
                owners.append((o, areaKey.flatMap { store.withValue($0, of: o, wholePart) } ?? nil))
            }
        }
        var out: [ReportError] = []
        // Names compared as `NameBytes.repeats` compares texts (by bytes where that is exact).
        // Each named owner's line and id are noted as the register is walked in order: a
        // warning names an earlier owner anywhere in the register, whose element, attributes
        // and bytes would each be a cache miss to read there (60,000 warnings).
        if let nameKey {
            store.values.withUnsafeBufferPointer { all in
                var names: [(element: Int, text: NameBytes)] = []
                var noted: [(line: Int, id: Range<Int>?)] = []
                names.reserveCapacity(owners.count)
                noted.reserveCapacity(owners.count)
                for o in owners {
                    guard let r = store.valueRange(nameKey, of: o.element), !r.isEmpty, r.upperBound <= all.count else { continue }
                    names.append((o.element, NameBytes(UnsafeBufferPointer(rebasing: all[r]))))
                    noted.append((store.line(of: o.element), idKey.flatMap { store.valueRange($0, of: o.element) }))
                }
                func id(_ i: Int) -> String {
                    noted[i].id.map { String(decoding: UnsafeBufferPointer(rebasing: all[$0]), as: UTF8.self) } ?? "?"
                }
                NameBytes.repeats(names) { i, first, name in
                    let (this, earlier) = (id(i), id(first))  // each read once
                    out.append(ReportError(file: d.path, line: noted[i].line, column: nil,
                                           message: "业主 \(this) 与第 \(noted[first].line) 行的 \(earlier) 同名（\(name)）：如是同一人，请合并为一行、面积相加（一人只计一次）；如是两人，可不理会 — owners \(earlier) and \(this) have the same name"))
                }
            }
        }
        // Each list is in document order, so in line order: merged, not sorted (a 200,000-owner
        // register has 60,000 same-name warnings), the same name first on one line.
        let sameName = out
        out = []
        let areas = owners.compactMap(\.area).sorted()
        if areas.count >= 5 {
            let median = areas[areas.count / 2]
            for o in owners {
                // a ≥ (median + 1) × 10 is over ten times any area whose whole part is the median.
                guard let a = o.area, a >= (median + 1) * outlierFactor else { continue }
                let text = attribute(areaKey, o.element) ?? ""
                out.append(ReportError(file: d.path, line: store.line(of: o.element), column: nil,
                                       message: "业主 \(id(o.element)) 的面积 \(text) ㎡ 超过其他业主面积中位数（约 \(median) ㎡）的 \(outlierFactor) 倍：请核对小数点和单位 — owner \(id(o.element))'s area is over \(outlierFactor)× the median"))
            }
        }
        return merged(sameName, out)
    }

    /// Two lists each in line order, as one in line order; on one line, `a`'s first (what a
    /// stable sort of `a + b` by line gives).
    static func merged(_ a: [ReportError], _ b: [ReportError]) -> [ReportError] {
        if b.isEmpty { return a }
        var out: [ReportError] = []
        out.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && (a[i].line ?? 0) <= (b[j].line ?? 0)) {
                out.append(a[i])
                i += 1
            } else {
                out.append(b[j])
                j += 1
            }
        }
        return out
    }

    /// The digits before the first point as `Int(_:)` reads them (an optional sign, then at
    /// least one digit and nothing else), nil past 15 bytes.
    static func wholePart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let whole = bytes.prefix { $0 != UInt8(ascii: ".") }
        guard whole.count <= 15 else { return nil }
        var i = whole.startIndex
        var negative = false
        if i < whole.endIndex, whole[i] == UInt8(ascii: "-") || whole[i] == UInt8(ascii: "+") {
            negative = whole[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < whole.endIndex else { return nil }
        var value = 0
        while i < whole.endIndex {
            let b = whole[i]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
            i += 1
        }
        return negative ? -value : value
    }
}
