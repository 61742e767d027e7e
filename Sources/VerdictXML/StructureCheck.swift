import VerdictCore
#if canImport(Glibc)
import Glibc
#endif

/// What XSD 1.0 cannot say with free element order (DOSSIER.md): which children each
/// `kind` has, how many, unique ids, and positive areas. Run after the schema.
public enum StructureCheck {
    enum Count { case exactlyOne, atMostOne, many }

    static let allowed: [String: [String: Count]] = [
        "community": [
            "community": .exactlyOne, "committee": .atMostOne, "management": .atMostOne, "contract": .atMostOne,
            "decision": .many, "notice": .many, "termination": .atMostOne, "handover": .atMostOne,
            "fee-claim": .many, "rectification": .many, "complaints": .many,
        ],
        "firm": ["firm": .exactlyOne],
        "renovation": ["community": .exactlyOne, "project": .exactlyOne, "decision": .many, "power-transfer": .atMostOne],
    ]

    static let nested: [String: [String: Count]] = [
        "firm": ["credit": .atMostOne, "project": .many, "rectification": .many],
        "project": ["service": .atMostOne],
    ]

    /// Dossier kind → the elements allowed under the root (for `verdict lint`).
    public static var kindChildren: [String: Set<String>] { allowed.mapValues { Set($0.keys) } }

    /// The root must be `<dossier>` in no namespace.
    static func rootProblem(_ d: DossierDocument) -> XMLProblem? {
        guard let root = d.rootElement else {
            return XMLProblem(file: d.path, line: nil, column: nil, message: "no root element")
        }
        let store = d.store
        let name = store.name(of: root)
        let line = store.line(of: root)
        if let href = store.rootNamespace {
            return XMLProblem(file: d.path, line: line, column: nil,
                              message: "the root element <\(name)> is in the namespace '\(href)'; a dossier's root is <dossier> with no namespace")
        }
        if name != "dossier" {
            return XMLProblem(file: d.path, line: line, column: nil, message: "the root element is <\(name)> ('\(name)'); a dossier's root must be <dossier>")
        }
        return nil
    }

    static func check(_ d: DossierDocument) -> [XMLProblem] {
        guard let root = d.rootElement else {
            return [XMLProblem(file: d.path, line: nil, column: nil, message: "no root element")]
        }
        let store = d.store
        var problems: [XMLProblem] = []
        func report(_ n: Int, _ m: String) {
            problems.append(XMLProblem(file: d.path, line: store.line(of: n), column: nil, message: m))
        }
        let kind = d.kind
        guard let rules = allowed[kind] else {
            report(root, "unknown dossier kind '\(kind)'")
            return problems
        }
        checkCounts(store, root, rules, "a \(kind) dossier", report)
        var complaintYears: [String: Bool] = [:]
        for child in store.children(of: root) {
            let name = store.name(of: child)
            if kind == "firm", name == "firm" {
                checkCounts(store, child, nested["firm"] ?? [:], "a firm", report)
                for p in store.children(of: child) where store.name(of: p) == "project" {
                    checkCounts(store, p, nested["project"] ?? [:], "a firm's project", report)
                }
            }
            if name == "complaints", let raw = store.attribute("year", of: child) {
                // Years compare as numbers: 2025 and 02025 are the same year.
                let y = ExactInteger(digits: Substring(raw.trimmingSpaces)).map(\.description) ?? raw
                if complaintYears[y] != nil { report(child, "\(y) 年的 <complaints> 写了两次：每年最多一行 — a second <complaints> for year \(y): one per year at most") }
                complaintYears[y] = true
            }
            if kind == "renovation", name == "decision",
               let m = store.attribute("matter", of: child), m != "water-split", m != "heating-split" {
                report(child, "改造卷宗只记供水分户（water-split）和供暖分户（heating-split）表决，不能写 '\(m)' — a renovation dossier holds only water-split and heating-split decisions, not '\(m)'")
            }
        }
        // Unique ids among all elements except the root, in document order; positive areas.
        // Elements are numbered in document order, the root first.
        // Each attribute name looked up once; an area's sign read from its bytes when it is a
        // short plain decimal (the text is made only to say what is wrong with it).
        let owner = store.nameId("owner"), idKey = store.nameId("id"), areaKey = store.nameId("area")
        var duplicates: [(element: Int, id: String, firstLine: Int)] = []
        if let idKey { duplicateIds(store, idKey) { duplicates.append(($0, $1, $2)) } }
        var nextDuplicate = 0
        for n in 1..<max(1, store.elements.count) {
            // Each element's problems in the order they were always listed: its id, then its area.
            if nextDuplicate < duplicates.count, duplicates[nextDuplicate].element == n {
                let (_, id, first) = duplicates[nextDuplicate]
                nextDuplicate += 1
                report(n, "id '\(id)' 重复：第 \(first) 行已用过，卷宗中每个 id 只能用一次 — duplicate id '\(id)' (first used on line \(first))")
            }
            if let owner, let areaKey, store.elements[n].name == owner {
                if let (v, _) = store.shortDecimal(areaKey, of: n), v.signum > 0 { continue }
                if let a = store.attribute(areaKey, of: n), let (v, _) = Rational.parseDecimal(Substring(a)), v.signum <= 0 {
                    report(n, "面积 area=\"\(a)\" 须大于 0 — attribute 'area': '\(a)' must be greater than 0")
                }
            }
        }
        problems += strayText(store, d.path)
        problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return problems
    }

    /// Each element (the root excepted, in document order) whose `id` an earlier element has,
    /// with its id and the first one's line; ids compared as `NameBytes.repeats` compares texts.
    static func duplicateIds(_ store: FactStore, _ idKey: Int32, _ found: (Int, String, Int) -> Void) {
        let count = store.elements.count
        guard count > 1 else { return }
        store.values.withUnsafeBufferPointer { all in
            var ids: [(element: Int, text: NameBytes)] = []
            for n in 1..<count {
                guard let r = store.valueRange(idKey, of: n), r.upperBound <= all.count else { continue }
                ids.append((n, NameBytes(UnsafeBufferPointer(rebasing: all[r]))))
            }
            NameBytes.repeats(ids) { i, first, id in found(ids[i].element, id, store.line(of: ids[first].element)) }
        }
    }

    /// Text that is not white space, anywhere, shown with its own line: the first 20 found
    /// walking the elements as the tree walk did (an element's own text, then its last child first).
    static func strayText(_ store: FactStore, _ path: String) -> [XMLProblem] {
        guard !store.texts.isEmpty, !store.elements.isEmpty else { return [] }
        var textsOf: [Int32: [FactStore.Text]] = [:]
        for t in store.texts { textsOf[t.element, default: []].append(t) }
        var out: [XMLProblem] = []
        var stack: [Int] = [0]
        while let n = stack.popLast(), out.count < 20 {
            for t in textsOf[Int32(n)] ?? [] {
                let trimmed = t.text.trimmingSpaces
                if !trimmed.isEmpty {
                    let line = max(1, t.line)
                    out.append(XMLProblem(file: path, line: line, column: nil,
                                          message: "<\(store.name(of: n))> 中不能写文字 '\(trimmed.prefix(40))'：事实都写在属性里，例如 <owner id=\"o001\" area=\"86.40\"/> — stray text '\(trimmed.prefix(40))' in <\(store.name(of: n))>: only elements and attributes carry facts"))
                }
            }
            stack += store.children(of: n)
        }
        return out
    }

    static func checkCounts(_ store: FactStore, _ parent: Int, _ rules: [String: Count], _ what: String, _ report: (Int, String) -> Void) {
        var seen: [String: [Int]] = [:]
        for c in store.children(of: parent) {
            let name = store.name(of: c)
            guard rules[name] != nil else {
                report(c, "<\(name)> 不属于这种卷宗，请删去或检查卷宗的 kind — <\(name)> does not belong in \(what)")
                continue
            }
            seen[name, default: []].append(c)
        }
        for (name, count) in rules.sorted(by: { $0.key < $1.key }) {
            let found = seen[name] ?? []
            switch count {
            case .exactlyOne:
                if found.isEmpty { report(parent, "缺少 <\(name)>：须有且只有一个 — \(what) needs exactly one <\(name)>, found none") }
                else if found.count > 1 { report(found[1], "<\(name)> 只能有一个，这里有 \(found.count) 个 — \(what) needs exactly one <\(name)>, found \(found.count)") }
            case .atMostOne:
                if found.count > 1 { report(found[1], "<\(name)> 最多只能有一个，这里有 \(found.count) 个 — \(what) has at most one <\(name)>, found \(found.count)") }
            case .many:
                break
            }
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
