import VerdictXML
/// The owners' register: rows may be one per unit. Rows with the same owner number are one
/// owner (Art. 278 counts each owner once) whose areas are summed exactly.
extension ImportSession {
    struct Owner {
        let id: String
        var name: String?
        var nameAt: SheetLocation?
        var areas: [String] = []
        var rows: [Int] = []
        var units: [String: Int] = [:]
        var complete = true
        let at: SheetLocation
    }

    func owners(_ table: TableLayout) -> [PlainElement] {
        let (rows, _) = self.rows(table)
        var owners: [Owner] = []
        var index: [String: Int] = [:]
        var byName: [String: (id: String, at: SheetLocation)] = [:]
        for row in rows {
            guard let id = row.value("id") else { continue }
            let at = row.location("id", columns: [:])
            let i: Int
            if let known = index[id] {
                i = known
            } else {
                i = owners.count
                index[id] = i
                owners.append(Owner(id: id, at: at))
                claim(id, at: at)
            }
            owners[i].rows.append(row.row)
            if let area = row.value("area") { owners[i].areas.append(area) } else { owners[i].complete = false }
            if let unit = row.value("unit") {
                if let earlier = owners[i].units[unit] {
                    problems.append(.warning(row.location("unit", columns: [:]), "业主 \(id) 的房号 \(unit) 在第 \(earlier) 行已登记过，面积会重复相加；如是重复录入，请删除一行"))
                } else {
                    owners[i].units[unit] = row.row
                }
            }
            guard let name = row.value("name") else { continue }
            let nameAt = row.location("name", columns: [:])
            if let first = owners[i].name, first != name {
                problems.append(.error(nameAt, "业主编号 \(id) 在 \(owners[i].nameAt!) 的姓名是\"\(first)\"，这里是\"\(name)\"；同一业主编号应是同一人，请核对编号或姓名"))
            } else if owners[i].name == nil {
                owners[i].name = name
                owners[i].nameAt = nameAt
                if let other = byName[name], other.id != id {
                    problems.append(.warning(nameAt, "姓名\"\(name)\"也登记在 \(other.at)（业主编号 \(other.id)），这里是 \(id)；如是同一人，请用同一个业主编号，面积会合并、人数只算一人"))
                } else {
                    byName[name] = (id, nameAt)
                }
            }
        }
        let merged = owners.filter { $0.rows.count > 1 }
        if !rows.isEmpty {
            let note = merged.isEmpty ? "" : "，其中 \(merged.count) 位有多行（按业主编号合并，面积相加）"
            summary.append("\(table.sheet)：\(rows.count) 行 → \(owners.count) 位业主\(note)")
        }
        return owners.map { o in
            var e = PlainElement("owner")
            e.set("id", o.id)
            if let name = o.name { e.attributes.append(.init("name", name)) }
            e.set("area", o.complete ? DecimalText.sum(o.areas) : nil)
            return e
        }
    }

    /// Decisions (表决事项) and their ballots (表决票), in the order of the rows.
    func decisions(_ register: [PlainElement], onlyMatters: Set<String>? = nil) -> [PlainElement] {
        guard let layout else { return [] }
        let decisionTable = layout.table("表决事项")!, ballotTable = layout.table("表决票")!
        var decisions: [PlainElement] = []
        var index: [String: Int] = [:]
        for row in rows(decisionTable).rows {
            guard let id = row.value("id") else { continue }
            claim(id, at: row.location("id", columns: [:]))
            if let only = onlyMatters, let matter = row.value("matter"), !only.contains(matter) {
                problems.append(.error(row.location("matter", columns: [:]), "老旧小区改造卷宗只登记 供水分户 和 供暖分户 的表决；其他事项请放在小区卷宗里"))
            }
            if index[id] == nil { index[id] = decisions.count }
            decisions.append(element("decision", row, ["id", "matter", "date"]))
        }
        let names = Dictionary(register.compactMap { o in o["id"].map { ($0, o["name"]) } }, uniquingKeysWith: { a, _ in a })
        var voted: [String: Int] = [:]
        let ballotRows = rows(ballotTable).rows
        for row in ballotRows {
            guard let decision = row.value("decision"), let owner = row.value("owner") else { continue }
            guard let d = index[decision] else {
                let known = decisions.compactMap { $0["id"] }.joined(separator: "、")
                problems.append(.error(row.location("decision", columns: [:]), "事项编号\"\(decision)\"不在表决事项表中\(known.isEmpty ? "" : "（已有：\(known)）")；请先在表决事项表登记这一事项"))
                continue
            }
            let ownerAt = row.location("owner", columns: [:])
            if names[owner] == nil {
                problems.append(.warning(ownerAt, "业主编号 \(owner) 不在业主名册中；检查时 assembly.ballots 会指出这张票"))
            } else if let written = row.value("name"), let registered = names[owner] ?? nil, written != registered {
                problems.append(.warning(row.location("name", columns: [:]), "业主编号 \(owner) 在业主名册中的姓名是\"\(registered)\"，这里写的是\"\(written)\"；请核对"))
            }
            if let earlier = voted["\(decision)\u{1}\(owner)"] {
                problems.append(.warning(ownerAt, "业主 \(owner) 对事项 \(decision) 在第 \(earlier) 行已投过票；检查时只计第一张，assembly.ballots 会指出重复"))
            } else {
                voted["\(decision)\u{1}\(owner)"] = row.row
            }
            guard let vote = row.value("vote") else { continue }
            decisions[d].children.append(PlainElement("ballot", [.init("owner", owner), .init("vote", vote)]))
        }
        if !decisions.isEmpty {
            summary.append("表决事项：\(decisions.count) 项；表决票：\(ballotRows.count) 张")
        }
        return decisions
    }
}
