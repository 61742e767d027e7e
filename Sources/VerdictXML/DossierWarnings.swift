internal import CLibXML2
import VerdictCore

/// What looks wrong in a register but is legal: said in the report, never judged.
enum DossierWarnings {
    /// An area this many times the median is called out (a decimal point slipped, or units summed twice).
    static let outlierFactor = 10

    static func of(_ d: DossierDocument) -> [ReportError] {
        guard let root = d.rootElement else { return [] }
        var owners: [(line: Int, id: String, name: String?, area: Rational?)] = []
        for c in StructureCheck.elements(root) where StructureCheck.elementName(c) == "community" {
            for o in StructureCheck.elements(c) where StructureCheck.elementName(o) == "owner" {
                let area = DossierDocument.attribute("area", of: o).flatMap { Rational.parseDecimal(Substring($0))?.0 }
                owners.append((Int(xmlGetLineNo(o)), DossierDocument.attribute("id", of: o) ?? "?",
                               DossierDocument.attribute("name", of: o), area))
            }
        }
        var out: [ReportError] = []
        var firstByName: [String: (line: Int, id: String)] = [:]
        for o in owners {
            guard let name = o.name?.trimmingSpaces, !name.isEmpty else { continue }
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
            let bound = median * Rational(outlierFactor)
            for o in owners {
                guard let a = o.area, a > bound else { continue }
                out.append(ReportError(file: d.path, line: o.line, column: nil,
                                       message: "业主 \(o.id) 的面积 \(a.decimal(places: 2)) ㎡ 超过其他业主中位数（\(median.decimal(places: 2)) ㎡）的 \(outlierFactor) 倍：请核对小数点和单位 — owner \(o.id)'s area is over \(outlierFactor)× the median"))
            }
        }
        return out.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }
}
