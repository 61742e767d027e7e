/// What a cell's number format says about decimals: Excel shows a number cell rounded to
/// the format's places, and that shown decimal is the one the clerk typed and checked.
public enum NumberFormat {
    /// Format codes of the built-in ids that matter here (ECMA-376 §18.8.30); the date
    /// and time ids read as dates.
    static func builtIn(_ id: Int) -> String? {
        switch id {
        case 0: return nil
        case 1: return "0"
        case 2: return "0.00"
        case 3: return "#,##0"
        case 4: return "#,##0.00"
        case 9: return "0%"
        case 10: return "0.00%"
        case 11: return "0.00E+00"
        case 12: return "# ?/?"
        case 13: return "# ??/??"
        case 14...22, 27...36, 45...47, 50...58: return "yyyy-mm-dd"
        case 37, 38: return "#,##0 ;(#,##0)"
        case 39, 40: return "#,##0.00;(#,##0.00)"
        case 48: return "##0.0E+0"
        case 49: return "@"
        default: return nil
        }
    }

    /// The decimals a format shows: `minimum` always (zeros), up to `maximum` (`#`).
    /// nil for General, text, dates, percentages, fractions and scientific formats.
    public static func places(_ code: String?) -> (minimum: Int, maximum: Int)? {
        guard let code else { return nil }
        let section = plainSection(code)
        let lower = section.lowercased()
        if lower.isEmpty || lower == "general" || lower == "@" { return nil }
        if lower.contains(where: { "ymdhs%e/".contains($0) }) { return nil }
        guard lower.contains(where: { $0 == "0" || $0 == "#" || $0 == "?" }) else { return nil }
        guard let dot = section.firstIndex(of: ".") else { return (0, 0) }
        var zeros = 0, all = 0
        for ch in section[section.index(after: dot)...] {
            if ch == "0" { zeros += 1; all += 1 } else if ch == "#" || ch == "?" { all += 1 } else { break }
        }
        return (zeros, all)
    }

    /// The first section of a code, without quoted text, escapes, `_x` spacers, `*x` fills and [brackets].
    static func plainSection(_ code: String) -> String {
        var out = ""
        var it = code.makeIterator()
        var quoted = false, bracket = false
        while let ch = it.next() {
            if quoted { if ch == "\"" { quoted = false }; continue }
            if bracket { if ch == "]" { bracket = false }; continue }
            switch ch {
            case "\"": quoted = true
            case "[": bracket = true
            case "\\", "_", "*": _ = it.next()
            case ";": return out
            default: out.append(ch)
            }
        }
        return out
    }
}
