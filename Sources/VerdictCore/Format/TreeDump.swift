/// A text dump of syntax trees without source locations: two files mean the same
/// when their dumps are equal (the formatter checks itself with it). Nesting is written with
/// brackets, not indentation, so the dump of a 20,000-term sum stays linear in its size.
enum TreeDump {
    public static func of(_ decls: [Declaration]) -> String {
        var out = ""
        for d in decls { dump(d, into: &out) }
        return out
    }

    static func dump(_ value: Any, into out: inout String) {
        if StackSegments.isLow { return StackSegments.onFreshSegment { _ in dump(value, into: &out) } }
        let m = Mirror(reflecting: value)
        switch m.displayStyle {
        case .struct, .class, .enum, .tuple:
            if m.children.isEmpty {
                out += "\(value)\n"
                return
            }
            out += "\(m.subjectType) {\n"
            for c in m.children {
                let label = c.label ?? ""
                if label == "span" || label.hasSuffix("Span") || c.value is Span { continue }
                out += ".\(label)\n"
                dump(c.value, into: &out)
            }
            out += "}\n"
        case .collection, .set, .dictionary:
            out += "[\(m.children.count)\n"
            for c in m.children { dump(c.value, into: &out) }
            out += "]\n"
        case .optional:
            if let c = m.children.first { dump(c.value, into: &out) } else { out += "nil\n" }
        default:
            out += "\(value)\n"
        }
    }
}
