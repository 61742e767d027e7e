/// A text dump of syntax trees without source locations: two files mean the same
/// when their dumps are equal (the formatter checks itself with it).
enum TreeDump {
    public static func of(_ decls: [Declaration]) -> String {
        var out = ""
        for d in decls { dump(d, into: &out, depth: 0) }
        return out
    }

    static func dump(_ value: Any, into out: inout String, depth: Int) {
        let m = Mirror(reflecting: value)
        let indent = String(repeating: " ", count: depth)
        switch m.displayStyle {
        case .struct, .class, .enum, .tuple:
            if m.children.isEmpty {
                out += "\(indent)\(value)\n"
                return
            }
            out += "\(indent)\(m.subjectType)\n"
            for c in m.children {
                let label = c.label ?? ""
                if label == "span" || label.hasSuffix("Span") || c.value is Span { continue }
                out += "\(indent) .\(label)\n"
                dump(c.value, into: &out, depth: depth + 2)
            }
        case .collection, .set, .dictionary:
            out += "\(indent)[\(m.children.count)]\n"
            for c in m.children { dump(c.value, into: &out, depth: depth + 1) }
        case .optional:
            if let c = m.children.first { dump(c.value, into: &out, depth: depth) } else { out += "\(indent)nil\n" }
        default:
            out += "\(indent)\(value)\n"
        }
    }
}
