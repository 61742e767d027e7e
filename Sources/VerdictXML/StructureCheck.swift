internal import CLibXML2
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
        let name = elementName(root)
        let line = Int(xmlGetLineNo(root))
        if let ns = root.pointee.ns, let href = ns.pointee.href {
            return XMLProblem(file: d.path, line: line, column: nil,
                              message: "the root element <\(name)> is in the namespace '\(String(cString: href))'; a dossier's root is <dossier> with no namespace")
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
        var problems: [XMLProblem] = []
        func report(_ n: xmlNodePtr, _ m: String) {
            problems.append(XMLProblem(file: d.path, line: Int(xmlGetLineNo(n)), column: nil, message: m))
        }
        let kind = d.kind
        guard let rules = allowed[kind] else {
            report(root, "unknown dossier kind '\(kind)'")
            return problems
        }
        checkCounts(root, rules, "a \(kind) dossier", report)
        var complaintYears: [String: Bool] = [:]
        for child in elements(root) {
            let name = elementName(child)
            if kind == "firm", name == "firm" {
                checkCounts(child, nested["firm"] ?? [:], "a firm", report)
                for p in elements(child) where elementName(p) == "project" {
                    checkCounts(p, nested["project"] ?? [:], "a firm's project", report)
                }
            }
            if name == "complaints", let raw = DossierDocument.attribute("year", of: child) {
                // Years compare as numbers: 2025 and 02025 are the same year.
                let y = ExactInteger(digits: Substring(raw.trimmingSpaces)).map(\.description) ?? raw
                if complaintYears[y] != nil { report(child, "\(y) 年的 <complaints> 写了两次：每年最多一行 — a second <complaints> for year \(y): one per year at most") }
                complaintYears[y] = true
            }
            if kind == "renovation", name == "decision",
               let m = DossierDocument.attribute("matter", of: child), m != "water-split", m != "heating-split" {
                report(child, "改造卷宗只记供水分户（water-split）和供暖分户（heating-split）表决，不能写 '\(m)' — a renovation dossier holds only water-split and heating-split decisions, not '\(m)'")
            }
        }
        // Unique ids among all elements except the root, in document order; positive areas.
        var ids: [String: Int] = [:]
        var stack = Array(elements(root).reversed())
        while let n = stack.popLast() {
            if let id = DossierDocument.attribute("id", of: n) {
                if let first = ids[id] {
                    report(n, "id '\(id)' 重复：第 \(first) 行已用过，卷宗中每个 id 只能用一次 — duplicate id '\(id)' (first used on line \(first))")
                } else {
                    ids[id] = Int(xmlGetLineNo(n))
                }
            }
            if isNamed(n, "owner"), let a = DossierDocument.attribute("area", of: n),
               let (v, _) = Rational.parseDecimal(Substring(a)), v.signum <= 0 {
                report(n, "面积 area=\"\(a)\" 须大于 0 — attribute 'area': '\(a)' must be greater than 0")
            }
            stack.append(contentsOf: elements(n).reversed())
        }
        problems += strayText(root, d.path)
        problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        return problems
    }

    /// Text that is not white space, anywhere, shown with its own line.
    static func strayText(_ root: xmlNodePtr, _ path: String) -> [XMLProblem] {
        var out: [XMLProblem] = []
        var stack: [xmlNodePtr] = [root]
        while let n = stack.popLast(), out.count < 20 {
            var c = n.pointee.children
            while let x = c {
                if x.pointee.type == XML_TEXT_NODE || x.pointee.type == XML_CDATA_SECTION_NODE, let content = x.pointee.content,
                   !isBlank(content) {
                    let text = String(cString: content)
                    let trimmed = text.trimmingSpaces
                    if !trimmed.isEmpty {
                        // libxml2 gives a text node the line where its first non-blank character is.
                        let line = max(1, Int(xmlGetLineNo(x)))
                        out.append(XMLProblem(file: path, line: line, column: nil,
                                              message: "<\(elementName(n))> 中不能写文字 '\(trimmed.prefix(40))'：事实都写在属性里，例如 <owner id=\"o001\" area=\"86.40\"/> — stray text '\(trimmed.prefix(40))' in <\(elementName(n))>: only elements and attributes carry facts"))
                    }
                }
                if x.pointee.type == XML_ELEMENT_NODE { stack.append(x) }
                c = x.pointee.next
            }
        }
        return out
    }

    static func checkCounts(_ parent: xmlNodePtr, _ rules: [String: Count], _ what: String, _ report: (xmlNodePtr, String) -> Void) {
        var seen: [String: [xmlNodePtr]] = [:]
        for c in elements(parent) {
            let name = elementName(c)
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

    /// Compares an element's name without making a Swift string.
    static func isNamed(_ n: xmlNodePtr, _ name: StaticString) -> Bool {
        guard let en = n.pointee.name else { return false }
        return strcmp(UnsafeRawPointer(en).assumingMemoryBound(to: CChar.self),
                      UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    /// Whether a text node holds only XML white space (checked on the bytes).
    static func isBlank(_ p: UnsafePointer<xmlChar>) -> Bool {
        var q = p
        while q.pointee != 0 {
            let c = q.pointee
            if c != 0x20 && c != 0x0A && c != 0x09 && c != 0x0D { return false }
            q += 1
        }
        return true
    }

    static func elements(_ n: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var c = n.pointee.children
        while let x = c {
            if x.pointee.type == XML_ELEMENT_NODE { out.append(x) }
            c = x.pointee.next
        }
        return out
    }

    static func elementName(_ n: xmlNodePtr) -> String {
        n.pointee.name.map { String(cString: $0) } ?? ""
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
