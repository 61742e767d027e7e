import VerdictCore

/// What looks wrong in a register but is legal: said in the report, never judged.
enum DossierWarnings {
    /// An area this many times the median is called out (a decimal point slipped, or units summed twice).
    static let outlierFactor = 10

    static func of(_ d: DossierDocument) -> [ReportError] {
        guard let root = d.rootElement else { return [] }
        let store = d.store
        // Whole square metres are enough to call out a tenfold outlier (a warning, not a verdict):
        // parsing every area exactly cost more than judging some rules.
        var owners: [(line: Int, id: String, name: String?, area: Int?, text: String)] = []
        for c in store.children(of: root) where store.name(of: c) == "community" {
            for o in store.children(of: c) where store.name(of: o) == "owner" {
                let text = store.attribute("area", of: o) ?? ""
                let whole = text.utf8.prefix { $0 != UInt8(ascii: ".") }
                let area = whole.count <= 15 ? Int(Substring(text.prefix(whole.count))) : nil
                owners.append((store.line(of: o), store.attribute("id", of: o) ?? "?",
                               store.attribute("name", of: o), area, text))
            }
        }
        var out: [ReportError] = []
        var firstByName: [String: (line: Int, id: String)] = [:]
        for o in owners {
            guard let name = o.name, !name.isEmpty else { continue }
            if let first = firstByName[name] {
                out.append(ReportError(file: d.path, line: o.line, column: nil,
                                       message: "业主 \(o.id) 与第 \(first.line) 行的 \(first.id) 同名（\(name)）：如是同一人，请合并为一行、面积相加（一人只计一次）；如是两人，可不理会 — owners \(first.id) and \(o.id) have the same name"))
            } else {
                firstByName[name] = (o.line, o.id)
            }
        }
        let areas = owners.compactMap(\.area).sorted()
        if areas.count >= 5 {
            let median = areas[areas.count / 2]
            for o in owners {
                // a ≥ (median + 1) × 10 is over ten times any area whose whole part is the median.
                guard let a = o.area, a >= (median + 1) * outlierFactor else { continue }
                out.append(ReportError(file: d.path, line: o.line, column: nil,
                                       message: "业主 \(o.id) 的面积 \(o.text) ㎡ 超过其他业主面积中位数（约 \(median) ㎡）的 \(outlierFactor) 倍：请核对小数点和单位 — owner \(o.id)'s area is over \(outlierFactor)× the median"))
            }
        }
        return out.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }
}
