/// A calendar date in the proleptic Gregorian calendar, stored as days since 1970-01-01.
///
/// Only real dates exist: 2025-02-30 cannot be made. Years are limited to 1..9999 so
/// that arithmetic on input can never overflow.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let daysSinceEpoch: Int

    public static let minYear = 1
    public static let maxYear = 9999

    public init?(year: Int, month: Int, day: Int) {
        guard (CivilDate.minYear...CivilDate.maxYear).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(year: year, month: month) else { return nil }
        daysSinceEpoch = CivilDate.days(year: year, month: month, day: day)
    }

    public init?(daysSinceEpoch: Int) {
        let lower = CivilDate.days(year: CivilDate.minYear, month: 1, day: 1)
        let upper = CivilDate.days(year: CivilDate.maxYear, month: 12, day: 31)
        guard daysSinceEpoch >= lower, daysSinceEpoch <= upper else { return nil }
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// Strict `YYYY-MM-DD`.
    public init?(iso text: Substring) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard u[i] >= 48, u[i] <= 57 else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init?(iso text: String) { self.init(iso: Substring(text)) }

    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    public var year: Int { components.year }

    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    public var description: String {
        let (y, m, d) = components
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }
}

extension CivilDate {
    /// 1970-01-01, the stand-in after a date that was already diagnosed.
    public static let epoch = CivilDate(unsafeDays: 0)
    private init(unsafeDays: Int) { daysSinceEpoch = unsafeDays }
}
