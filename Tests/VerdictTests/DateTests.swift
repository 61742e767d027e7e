import Testing
@testable import VerdictCore

@Suite("Civil Code dates (Art. 200–204)")
struct DateTests {
    func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    static let calendar: HolidayCalendar = {
        let text = (try? String(contentsOfFile: Repo.path("rules/calendar/holidays.calendar"), encoding: .utf8)) ?? ""
        guard case .success(let c) = HolidayCalendar.parse(text, source: "holidays.calendar") else { return HolidayCalendar() }
        return c
    }()

    @Test func onlyRealDatesExist() {
        #expect(CivilDate(iso: "2025-02-30") == nil)
        #expect(CivilDate(iso: "2025-02-29") == nil)
        #expect(CivilDate(iso: "2024-02-29") != nil)
        #expect(CivilDate(iso: "1900-02-29") == nil)
        #expect(CivilDate(iso: "2000-02-29") != nil)
        #expect(CivilDate(iso: "2025-13-01") == nil)
        #expect(CivilDate(iso: "2025-7-15") == nil)
        #expect(CivilDate(iso: "0000-01-01") == nil)
    }

    @Test func dayPeriodsStartTheNextDay() {
        // Art. 201: served 2025-07-01, 60 days → 2025-08-30 (a Saturday, not moved).
        #expect(d("2025-07-01").adding(Period(60, .days)!) == d("2025-08-30"))
        #expect(d("2025-08-30").weekday == 6)
        #expect(d("2025-12-31").subtracting(Period(90, .days)!) == d("2025-10-02"))
    }

    @Test func monthPeriodsUseTheCorrespondingDayOrMonthEnd() {
        // Art. 202
        #expect(d("2025-01-31").adding(Period(1, .months)!) == d("2025-02-28"))
        #expect(d("2024-01-31").adding(Period(1, .months)!) == d("2024-02-29"))
        #expect(d("2025-03-31").adding(Period(1, .months)!) == d("2025-04-30"))
        #expect(d("2025-01-15").adding(Period(3, .months)!) == d("2025-04-15"))
        #expect(d("2024-02-29").adding(Period(1, .years)!) == d("2025-02-28"))
        #expect(d("2025-03-31").subtracting(Period(1, .months)!) == d("2025-02-28"))
        #expect(d("2025-11-30").adding(Period(2, .months)!) == d("2026-01-30"))
    }

    @Test func lastDayOnAHolidayMovesToTheNextWorkingDay() {
        // Art. 203: a period ending 2025-10-01 ends 2025-10-09 (10-01 … 10-08 are rest days).
        #expect(Self.calendar.movedToWorkingDay(d("2025-10-01")).date == d("2025-10-09"))
        // A Saturday moves to Monday.
        #expect(Self.calendar.movedToWorkingDay(d("2025-08-30")).date == d("2025-09-01"))
        // A make-up working Sunday (2025-09-28) is a working day: not moved.
        #expect(Self.calendar.movedToWorkingDay(d("2025-09-28")).date == d("2025-09-28"))
        // An ordinary working day stays.
        #expect(Self.calendar.movedToWorkingDay(d("2025-09-30")).date == d("2025-09-30"))
        // Spring Festival 2026: 02-15 … 02-23 rest, 02-24 a Tuesday.
        #expect(Self.calendar.movedToWorkingDay(d("2026-02-15")).date == d("2026-02-24"))
        #expect(Self.calendar.movedToWorkingDay(d("2025-10-01")).uncoveredYears.isEmpty)
    }

    @Test func yearsTheCalendarLacksUseWeekendsAndSaySo() {
        let moved = Self.calendar.movedToWorkingDay(d("2027-10-02"))  // a Saturday
        #expect(moved.date == d("2027-10-04"))
        #expect(moved.uncoveredYears == [2027])
    }

    @Test func calendarFileErrorsAreLocated() {
        guard case .failure(let e) = HolidayCalendar.parse("year 2025\nrest 2025-02-30\n", source: "x") else {
            Issue.record("expected a failure")
            return
        }
        #expect(e.line == 2)
    }

    @Test func extremesDoNotTrap() {
        #expect(d("9999-12-31").adding(Period(1, .days)!) == nil)
        #expect(d("0001-01-01").subtracting(Period(1, .days)!) == nil)
        #expect(Period(Int.max, .days) == nil)
        #expect(d("9999-12-31").adding(Period(1, .months)!) == nil)
    }
}
