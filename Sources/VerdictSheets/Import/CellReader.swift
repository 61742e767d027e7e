import Foundation
import VerdictCore

/// Reads one cell as a dossier value, the way clerks type them: 同意 or yes, 是 or true,
/// dates as date cells or text (2025-03-20, 2025/3/20, 2025年3月20日), areas as numbers
/// or text. Messages are in Chinese and say how to write the value.
struct CellReader {
    let date1904: Bool

    enum Reading: Equatable {
        case blank
        case value(String)
        /// Read, with something the clerk should know.
        case noted(String, note: String)
        case problem(String)
    }

    func read(_ cell: CellValue?, as kind: ValueKind, what: String) -> Reading {
        guard let cell else { return .blank }
        switch cell {
        case .error(let e):
            return .problem("\(what)单元格是错误值 \(e)，请改正公式或直接填写数值")
        case .formulaWithoutValue(let f):
            return .problem("\(what)是公式 =\(f)，但文件里没有保存计算结果（多见于程序生成的文件）；请在 Excel 或 WPS 中打开后保存，或复制后\"选择性粘贴 → 数值\"")
        case .boolean(let b):
            switch kind {
            case .boolean: return .value(b ? "true" : "false")
            case .text: return .value(b ? "是" : "否")
            default: return .problem("\(what) \"\(b ? "TRUE" : "FALSE")\" 是逻辑值，不是\(expected(kind))")
            }
        case .number(let d, let format):
            return number(d, format: format, kind: kind, what: what)
        case .text(let raw):
            let t = raw.trimmingSpaces
            if t.isEmpty { return .blank }
            return text(t, kind: kind, what: what)
        }
    }

    func expected(_ kind: ValueKind) -> String {
        switch kind {
        case .date: return "日期"
        case .area, .amount, .score, .measure: return "数字"
        case .count, .grade: return "整数"
        default: return "文字"
        }
    }

    // MARK: number cells

    func number(_ d: Double, format: String?, kind: ValueKind, what: String) -> Reading {
        switch kind {
        case .area, .amount, .score, .measure:
            let shown = DecimalText.displayed(d, format: NumberFormat.places(format), defaultPlaces: kind.defaultPlaces)
            if let bad = range(shown.value, kind: kind, what: what) { return .problem(bad) }
            if let s = shown.shows {
                return .noted(shown.value, note: "\(what)单元格显示为 \(s)，但存的是 \(shown.value)；已按 \(shown.value) 导入（如应为 \(s)，请直接填写 \(s)）")
            }
            return .value(shown.value)
        case .count, .grade:
            guard let n = integral(d) else {
                return .problem("\(what) \(DecimalText.fromDouble(d)) 不是整数，请填写整数，如 \(max(1, Int(d.rounded())))")
            }
            if case .grade = kind, n < 1 { return .problem("\(what) \(n) 不对：等级是正整数，1 为最高") }
            if n < 0 { return .problem("\(what) \(n) 不能是负数") }
            return .value(String(n))
        case .date:
            return serialDate(d, what: what)
        case .text, .identifier:
            if let n = integral(d) { return .value(String(n)) }
            return .value(DecimalText.fromDouble(d))
        case .boolean:
            if d == 1 { return .value("true") }
            if d == 0 { return .value("false") }
            return .problem("\(what) \(DecimalText.fromDouble(d)) 无法识别，请填 是 或 否")
        case .choice:
            let t = integral(d).map(String.init) ?? DecimalText.fromDouble(d)
            return text(t, kind: kind, what: what)
        }
    }

    /// The integer a double holds, allowing float noise of 10⁻⁹ (relative).
    func integral(_ d: Double) -> Int? {
        let r = d.rounded()
        guard abs(r) < 1e15, abs(d - r) <= 1e-9 * max(1, abs(d)) else { return nil }
        return Int(r)
    }

    /// Excel's serial day numbers: day 1 is 1900-01-01 and day 60 the 1900-02-29 that never
    /// was (kept from Lotus 1-2-3); in the 1904 system day 0 is 1904-01-01.
    func serialDate(_ d: Double, what: String) -> Reading {
        let day = Int(d.rounded(.down))
        let base: CivilDate?
        let offset = day
        if date1904 {
            base = CivilDate(year: 1904, month: 1, day: 1)
        } else if day >= 61 {
            base = CivilDate(year: 1899, month: 12, day: 30)
        } else if day >= 1 && day < 60 {
            base = CivilDate(year: 1899, month: 12, day: 31)
        } else {
            base = nil
        }
        guard d.isFinite, d < 3_000_000, let base, let date = CivilDate(daysSinceEpoch: base.daysSinceEpoch + offset), day >= 0 else {
            return .problem("\(what) \(DecimalText.fromDouble(d)) 不是日期；请把单元格设为日期格式，或写成文字 YYYY-MM-DD，如 2025-03-20")
        }
        if d != d.rounded(.down) {
            return .noted(date.description, note: "\(what)带有时间，只取日期 \(date)")
        }
        return .value(date.description)
    }

    // MARK: text cells

    func text(_ t: String, kind: ValueKind, what: String) -> Reading {
        switch kind {
        case .text, .identifier:
            if let bad = t.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r") || $0.value == 0xFFFE || $0.value == 0xFFFF }) {
                return .problem("\(what) \"\(t)\" 含有不可见的控制字符（U+\(String(bad.value, radix: 16, uppercase: true))），请删除后重新输入")
            }
            return .value(t)
        case .area, .amount, .score, .measure:
            return decimalText(t, kind: kind, what: what)
        case .count, .grade:
            var s = TextForms.halfWidth(t)
            for unit in ["天", "件", "次", "级", "年"] where s.hasSuffix(unit) { s.removeLast() }
            s = s.trimmingSpaces
            if let n = Double(s), s.contains("."), let i = integral(n), !s.hasPrefix("+") {
                return number(Double(i), format: nil, kind: kind, what: what)
            }
            guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                return .problem("\(what) \"\(t)\" 不是整数，请只填数字，如 \(kind.isGrade ? "2" : "30")")
            }
            if kind.isGrade, s.allSatisfy({ $0 == "0" }) { return .problem("\(what) \"\(t)\" 不对：等级是正整数，1 为最高") }
            return .value(s)
        case .date:
            return DateText.read(t, what: what)
        case .boolean, .choice:
            let v = kind.vocabulary!
            if let code = v.code(for: t) { return .value(code) }
            let english = v.choices.map(\.code).joined(separator: "/")
            if case .boolean = kind { return .problem("\(what) \"\(t)\" 无法识别，请填 是 或 否（或 true/false）") }
            return .problem("\(what) \"\(t)\" 无法识别，请填 \(v.labelList)（或 \(english)）")
        }
    }

    func decimalText(_ t: String, kind: ValueKind, what: String) -> Reading {
        var s = TextForms.halfWidth(t)
        for unit in ["平方米", "㎡", "m²", "m2", "元"] where s.hasSuffix(unit) { s.removeLast(unit.count) }
        s = s.trimmingSpaces
        guard DecimalText.isDecimal(s) else {
            return .problem("\(what) \"\(t)\" 不是数字，请写成 \(suggestion(s, kind: kind))")
        }
        if let bad = range(s, kind: kind, what: what) { return .problem(bad) }
        return .value(s)
    }

    /// How the clerk probably meant it: `89,5` → `89.50`, `1,234.5` → `1234.50`.
    func suggestion(_ s: String, kind: ValueKind) -> String {
        let places = kind.defaultPlaces == 2 && (kind.isArea || kind.isAmount) ? 2 : 0
        let commas = s.filter { $0 == "," }.count
        var candidate: String? = nil
        if commas == 1, !s.contains("."), let comma = s.firstIndex(of: ","), s.distance(from: comma, to: s.endIndex) - 1 != 3 {
            candidate = s.replacingOccurrences(of: ",", with: ".")
        } else if commas >= 1 {
            candidate = s.replacingOccurrences(of: ",", with: "")
        } else if s.hasPrefix(".") {
            candidate = "0" + s
        } else if s.hasSuffix(".") {
            candidate = String(s.dropLast())
        }
        if let c = candidate, DecimalText.isDecimal(c) { return DecimalText.padded(c, places: places) }
        return places == 2 ? "数字，如 86.40" : "数字，如 22.5"
    }

    func range(_ s: String, kind: ValueKind, what: String) -> String? {
        let negative = s.hasPrefix("-") && DecimalText.value(s).map { $0.signum < 0 } == true
        switch kind {
        case .area:
            if DecimalText.value(s).map({ $0.signum <= 0 }) ?? true { return "\(what) \(s) 不对：面积必须大于 0" }
            if s.hasPrefix("-") { return "\(what) \(s) 不对：面积必须大于 0" }
        case .score:
            if negative || s.hasPrefix("-") { return "\(what) \(s) 不对：得分不能是负数" }
        default: break
        }
        return nil
    }
}

extension ValueKind {
    var isGrade: Bool { if case .grade = self { return true }; return false }
    var isArea: Bool { if case .area = self { return true }; return false }
    var isAmount: Bool { if case .amount = self { return true }; return false }
}

/// Full-width digits, points and minus signs as typed with a Chinese input method.
enum TextForms {
    static func halfWidth(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u.value {
            case 0xFF10...0xFF19, 0xFF0E, 0xFF0C, 0xFF0D, 0xFF0F:
                out.unicodeScalars.append(Unicode.Scalar(u.value - 0xFEE0)!)
            case 0x2212: out.append("-")
            case 0x3002: out.append(".")
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// Dates written as text: 2025-03-20, 2025-3-20, 2025/3/20, 2025.3.20, 2025年3月20日;
/// a time of 00:00 after the date (as some programs export) is dropped.
enum DateText {
    static func read(_ t: String, what: String) -> CellReader.Reading {
        var s = TextForms.halfWidth(t)
        if let cut = s.firstIndex(where: { $0 == " " || $0 == "T" }) {
            let rest = s[s.index(after: cut)...]
            guard !rest.isEmpty, rest.allSatisfy({ $0 == "0" || $0 == ":" }) else {
                return .problem("\(what) \"\(t)\" 带有时间，请只写日期，如 2025-03-20")
            }
            s = String(s[..<cut])
        }
        if s.hasSuffix("日") || s.hasSuffix("号") { s.removeLast() }
        let unified = String(s.map { "年月/.".contains($0) ? "-" : $0 })
        let parts = unified.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else {
            return .problem("\(what) \"\(t)\" 不是日期，请写成 YYYY-MM-DD，如 \(monthFirst(parts) ?? "2025-03-20")")
        }
        guard let date = CivilDate(year: y, month: m, day: d) else {
            if (1...12).contains(m), y >= 1 {
                return .problem("\(what) \"\(t)\" 不是真实的日期（\(y) 年 \(m) 月只有 \(CivilDate.daysIn(year: y, month: m)) 天）")
            }
            return .problem("\(what) \"\(t)\" 不是真实的日期，请写成 YYYY-MM-DD，如 2025-03-20")
        }
        return .value(date.description)
    }

    /// `3/20/2025` as English Excel writes it: the date it would be, when month and day cannot be confused.
    static func monthFirst(_ parts: [Substring]) -> String? {
        guard parts.count == 3, parts[2].count == 4, let y = Int(parts[2]), let m = Int(parts[0]), let d = Int(parts[1]),
              m <= 12, d > 12, let date = CivilDate(year: y, month: m, day: d) else { return nil }
        return "\(date)（若是 \(y) 年 \(m) 月 \(d) 日）"
    }
}
