import VerdictXML
/// The dossier of each kind, its elements in the order of the examples.
extension ImportSession {
    func table(_ sheet: String) -> TableLayout { layout!.table(sheet)! }

    func simple(_ sheet: String, _ name: String, except: Set<String> = []) -> [PlainElement] {
        let t = table(sheet)
        let attributes = t.columns.map(\.attribute).filter { !except.contains($0) }
        let rows = self.rows(t).rows
        if !rows.isEmpty { summary.append("\(sheet)：\(rows.count) 行") }
        return rows.map { row in
            if let idColumn = t.column("id"), idColumn.kind.isIdentifier, let id = row.value("id") {
                claim(id, at: row.location("id", columns: [:]))
            }
            return element(name, row, attributes)
        }
    }

    func root(_ layout: WorkbookLayout) -> PlainElement {
        form!.element("dossier", layout: layout, always: true)!
    }

    func community(_ layout: WorkbookLayout) -> PlainElement {
        var dossier = root(layout)
        var community = form!.element("community", layout: layout, always: true)!
        community.children = owners(table("业主名册"))
        dossier.children.append(community)
        let members = simple("业主委员会", "member"), systems = simple("联动制度", "system")
        if form!.has("committee") || !members.isEmpty || !systems.isEmpty {
            var committee = form!.element("committee", layout: layout, always: true)!
            committee.children = members + systems
            dossier.children.append(committee)
        }
        for name in ["management", "contract"] {
            if let e = form!.element(name, layout: layout) { dossier.children.append(e) }
        }
        dossier.children += decisions(community.children)
        dossier.children += simple("通知", "notice")
        if let e = form!.element("termination", layout: layout) { dossier.children.append(e) }
        let items = simple("交接", "item")
        if !items.isEmpty { dossier.children.append(PlainElement("handover", children: items)) }
        dossier.children += simple("费用主张", "fee-claim")
        dossier.children += simple("整改", "rectification")
        dossier.children += complaints()
        return dossier
    }

    func complaints() -> [PlainElement] {
        let t = table("投诉")
        var years: [String: SheetLocation] = [:]
        let rows = self.rows(t).rows
        if !rows.isEmpty { summary.append("投诉：\(rows.count) 行") }
        return rows.map { row in
            if let y = row.value("year") {
                let at = row.location("year", columns: [:])
                if let earlier = years[y] {
                    problems.append(.error(at, "\(y) 年的投诉已在 \(earlier) 登记；每年只填一行（件数合计）"))
                } else {
                    years[y] = at
                }
            }
            return element("complaints", row, ["year", "count", "strong"])
        }
    }

    func renovation(_ layout: WorkbookLayout) -> PlainElement {
        var dossier = root(layout)
        var community = form!.element("community", layout: layout, always: true)!
        community.children = owners(table("业主名册"))
        dossier.children.append(community)
        var project = form!.element("project", layout: layout, always: true)!
        project.children = simple("改造内容", "work") + simple("费用分摊", "cost")
        dossier.children.append(project)
        dossier.children += decisions(community.children, onlyMatters: ["water-split", "heating-split"])
        if let e = form!.element("power-transfer", layout: layout) { dossier.children.append(e) }
        return dossier
    }

    static let serviceMeasures = ["security-hours", "cleanings-per-day", "repair-response-hours", "greenery-trims-per-year", "staff-per-100-households"]

    func firm(_ layout: WorkbookLayout) -> PlainElement {
        var dossier = root(layout)
        var firm = form!.element("firm", layout: layout, always: true)!
        if let credit = form!.element("credit", layout: layout) { firm.children.append(credit) }
        let t = table("服务项目")
        let rows = self.rows(t).rows
        if !rows.isEmpty { summary.append("服务项目：\(rows.count) 个") }
        for row in rows {
            if let id = row.value("id") { claim(id, at: row.location("id", columns: [:])) }
            var project = element("project", row, ["id", "community", "charged-grade", "assessed-grade", "assessed"])
            // 服务测评 是 with no measure keeps an empty <service/> (measured, nothing recorded).
            let measured = ImportSession.serviceMeasures.contains { row.value($0) != nil }
            if measured && row.value("service") == "false" {
                problems.append(.error(row.location("service", columns: [:]), "服务测评填的是 否，但这一行填了测评数据；请改为 是，或删除测评数据"))
            }
            if measured || row.value("service") == "true" {
                project.children.append(element("service", row, ImportSession.serviceMeasures))
            }
            firm.children.append(project)
        }
        firm.children += simple("整改", "rectification")
        dossier.children.append(firm)
        return dossier
    }
}

extension ValueKind {
    var isIdentifier: Bool { if case .identifier = self { return true }; return false }
}
