/// A period of the Civil Code: N days, months or years (Art. 200).
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public enum Unit: String, Sendable { case days, months, years }
    public let count: Int
    public let unit: Unit

    /// Counts beyond this are not periods any law speaks of; they are refused, not trapped on.
    public static let maxCount = 3_000_000

    public init?(_ count: Int, _ unit: Unit) {
        guard abs(count) <= Period.maxCount else { return nil }
        self.count = count
        self.unit = unit
    }

    public var description: String {
        switch unit {
        case .days: return "\(count) 日"
        case .months: return "\(count) 个月"
        case .years: return "\(count) 年"
        }
    }

    public var english: String { "\(count) \(unit.rawValue)" }

    public var negated: Period { Period(-count, unit) ?? self }
}

extension CivilDate {
    /// The last day of a period that starts on `self` (Art. 201: the starting day is not
    /// counted; Art. 202: for months and years the corresponding day, else the month's
    /// last day). Subtraction goes backwards the same way. nil outside years 1–9999.
    public func adding(_ p: Period) -> CivilDate? {
        switch p.unit {
        case .days:
            return CivilDate(daysSinceEpoch: daysSinceEpoch + p.count)
        case .months, .years:
            let months = p.unit == .months ? p.count : p.count * 12
            let (y, m, d) = components
            let total = y * 12 + (m - 1) + months
            let ny = total >= 0 ? total / 12 : (total - 11) / 12
            let nm = total - ny * 12 + 1
            guard (CivilDate.minYear...CivilDate.maxYear).contains(ny) else { return nil }
            return CivilDate(year: ny, month: nm, day: min(d, CivilDate.daysIn(year: ny, month: nm)))
        }
    }

    public func subtracting(_ p: Period) -> CivilDate? { adding(p.negated) }
}
