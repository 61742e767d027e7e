/// How values read in messages and facts: exact decimals at their written scale,
/// ISO dates, Chinese period units.
public enum Display {
    public static func text(_ v: Value, _ source: FactSource? = nil) -> String {
        switch v {
        case .number(let r, let scale): return number(r, scale: scale)
        case .text(let s): return s
        case .date(let d): return d.description
        case .period(let p): return p.description
        case .boolean(let b): return b ? "true" : "false"
        case .outcome(let o): return o.rawValue
        case .node(let n, let shape):
            if let s = source {
                if let id = s.attribute("id", of: n) { return id }
                return "\(s.elementName(of: n))（第 \(s.line(of: n)) 行）"
            }
            return shape
        case .list(let xs): return xs.map { text($0, source) }.joined(separator: "、")
        case .index(let m): return "\(m.count) 项"
        case .absent: return "（无）"
        case .unknown: return "（未知）"
        }
    }

    /// The value with its exact form beside it: `1025.93 (= 102593/100)`.
    public static func exact(_ v: Value, _ source: FactSource?) -> String {
        switch v {
        case .number(let r, let scale):
            let shown = number(r, scale: scale)
            if r.isInteger || shown == r.fraction { return shown }
            if shown.contains("/") { return shown }
            return "\(shown) (= \(r.fraction))"
        case .unknown(let reason): return "unknown: \(reason)"
        case .absent: return "absent"
        case .list(let xs) where xs.count > 12:
            return "\(xs.count) items: " + xs.prefix(12).map { text($0, source) }.joined(separator: "、") + "、…"
        case .list(let xs): return "[" + xs.map { text($0, source) }.joined(separator: "、") + "]"
        default: return text(v, source)
        }
    }

    public static func number(_ r: Rational, scale: Int16?) -> String {
        if let scale, scale > 0 {
            let s = r.decimal(places: Int(scale))
            if let back = Rational.parseDecimal(Substring(s)), back.value == r { return s }
        }
        if !r.isTerminatingDecimal {
            // 8600/3 reads as "8600/3（≈2866.67）": exact first, the rounded figure for orientation.
            return "\(r.fraction)（≈\(r.decimal(places: 2))）"
        }
        return r.description
    }
}
