/// Rest days and make-up working days (调休), kept as editable data in rules/.
///
/// A day is a rest day when it is a listed holiday, or a weekend day that is not a
/// listed make-up working day. For a year the calendar does not cover, weekends are the
/// only rest days, and callers are told so (`covers(year:)`).
public struct HolidayCalendar: Sendable {
    public private(set) var restDays: Set<CivilDate> = []
    public private(set) var workDays: Set<CivilDate> = []
    public private(set) var years: Set<Int> = []
    public var source: String = ""

    public init() {}

    mutating func absorb(_ o: HolidayCalendar) {
        restDays.formUnion(o.restDays)
        workDays.formUnion(o.workDays)
        years.formUnion(o.years)
        source = source.isEmpty ? o.source : source + ", " + o.source
    }

    public func covers(year: Int) -> Bool { years.contains(year) }

    public func isRestDay(_ d: CivilDate) -> Bool {
        if restDays.contains(d) { return true }
        if workDays.contains(d) { return false }
        return d.isWeekend
    }

    /// Art. 203: a period whose last day is a rest day ends on the next working day.
    /// Returns the moved date and the years consulted that the calendar lacks.
    public func movedToWorkingDay(_ d: CivilDate) -> (date: CivilDate, uncoveredYears: [Int]) {
        var day = d
        var missing: [Int] = []
        if !covers(year: day.year) { missing.append(day.year) }
        var guardCount = 0
        while isRestDay(day), guardCount < 366, let next = CivilDate(daysSinceEpoch: day.daysSinceEpoch + 1) {
            day = next
            guardCount += 1
            if !covers(year: day.year), !missing.contains(day.year) { missing.append(day.year) }
        }
        return (day, missing)
    }

    public struct ParseError: Error, Sendable {
        public let line: Int
        public let column: Int
        public let message: String
    }

    /// The calendar file format: one statement a line, `#` starts a comment.
    ///
    ///     year 2025
    ///     rest 2025-01-01
    ///     rest 2025-01-28 .. 2025-02-04
    ///     work 2025-01-26
    public static func parse(_ text: String, source: String) -> Result<HolidayCalendar, ParseError> {
        var cal = HolidayCalendar()
        cal.source = source
        var lineNo = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard let keyword = words.first else { continue }
            func fail(_ m: String) -> Result<HolidayCalendar, ParseError> {
                .failure(ParseError(line: lineNo, column: 1, message: m))
            }
            switch keyword {
            case "year":
                guard words.count == 2, let y = Int(words[1]), (1...9999).contains(y) else {
                    return fail("expected `year YYYY`")
                }
                cal.years.insert(y)
            case "rest", "work":
                var dates: [CivilDate] = []
                if words.count == 2, let d = CivilDate(iso: words[1]) {
                    dates = [d]
                } else if words.count == 4, words[2] == "..", let a = CivilDate(iso: words[1]),
                          let b = CivilDate(iso: words[3]), a <= b, a.days(to: b) <= 366 {
                    for i in 0...a.days(to: b) { if let d = CivilDate(daysSinceEpoch: a.daysSinceEpoch + i) { dates.append(d) } }
                } else {
                    return fail("expected `\(keyword) YYYY-MM-DD` or `\(keyword) YYYY-MM-DD .. YYYY-MM-DD`")
                }
                for d in dates {
                    if keyword == "rest" { cal.restDays.insert(d) } else { cal.workDays.insert(d) }
                }
            default:
                return fail("unknown statement `\(keyword)`; expected `year`, `rest` or `work`")
            }
        }
        return .success(cal)
    }
}
