import Foundation
import OCOPDomain
import Testing

@Suite struct CalendarDateTests {
    func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    @Test func parsesAndFormatsISO() throws {
        let day = try date("2024-02-29")
        #expect((day.year, day.month, day.day) == (2024, 2, 29))
        #expect(day.iso8601 == "2024-02-29")
        #expect(try date("0001-01-01").iso8601 == "0001-01-01")
    }

    @Test(arguments: [
        "2023-02-30", "2023-02-29", "2100-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00",
        "2024-1-5", "24-01-05", "2024/01/05", "2024-01-05T00:00", " 2024-01-05", "2024-01-05 ", "+2024-01-05",
        "20240105", "", "0000-01-01", "２０２４-01-05",
    ])
    func rejectsWhatIsNotAStrictRealDay(text: String) {
        #expect(failure { try CalendarDate(parsing: text) }?.field == "date")
    }

    @Test func errorsSayWhatIsWrong() {
        #expect(failure { try CalendarDate(parsing: "2023-02-30") }?.description == "date: 2023-02 has no day 30; it has 28 days")
        #expect(failure { try CalendarDate(parsing: "2024-13-01") }?.description == "date: month 13 does not exist; use 01-12")
        #expect(failure { try CalendarDate(parsing: "2024-1-5", field: "decision_date") }?.description
            == "decision_date: \"2024-1-5\" is not a date in the form YYYY-MM-DD")
        #expect(failure { try CalendarDate(parsing: "2024\u{7}01-05") }?.rule.contains("\u{7}") == false)
    }

    @Test func leapYears() {
        #expect(CalendarDate.isLeapYear(2024))
        #expect(CalendarDate.isLeapYear(2000))
        #expect(!CalendarDate.isLeapYear(2100))
        #expect(!CalendarDate.isLeapYear(2023))
        #expect(CalendarDate.daysInMonth(2, year: 2024) == 29)
        #expect(CalendarDate.daysInMonth(2, year: 1900) == 28)
    }

    @Test func addingMonthsClampsToTheMonthEnd() throws {
        #expect(try date("2024-02-29").adding(months: 36) == date("2027-02-28"))
        #expect(try date("2024-02-29").adding(months: 48) == date("2028-02-29"))
        #expect(try date("2025-01-31").adding(months: 1) == date("2025-02-28"))
        #expect(try date("2024-08-03").adding(months: 36) == date("2027-08-03"))
        #expect(try date("2024-12-15").adding(months: 1) == date("2025-01-15"))
        #expect(try date("2025-03-31").adding(months: -1) == date("2025-02-28"))
        #expect(try date("2022-01-10").adding(months: 0) == date("2022-01-10"))
    }

    @Test func dayArithmetic() throws {
        #expect(try date("1970-01-01").dayNumber == 0)
        #expect(try date("2000-03-01").dayNumber == 11017)
        #expect(try date("2024-02-28").adding(days: 1) == date("2024-02-29"))
        #expect(try date("2024-12-31").adding(days: 1) == date("2025-01-01"))
        #expect(try date("2024-01-01").days(until: date("2025-01-01")) == 366)
        var day = try date("1999-12-25")
        for _ in 0..<20_000 {
            let next = day.adding(days: 1)
            #expect(next > day)
            #expect(CalendarDate(dayNumber: next.dayNumber) == next)
            day = next
        }
    }

    @Test func comparable() throws {
        #expect(try date("2024-02-29") < date("2024-03-01"))
        #expect(try date("2023-12-31") < date("2024-01-01"))
        #expect(try [date("2025-01-02"), date("2024-12-31"), date("2025-01-01")].sorted().map(\.iso8601)
            == ["2024-12-31", "2025-01-01", "2025-01-02"])
    }

    @Test func gs1SixDigitDates() throws {
        let today = try date("2026-11-23")
        #expect(try CalendarDate(gs1YYMMDD: "270630", today: today) == date("2027-06-30"))
        #expect(try CalendarDate(gs1YYMMDD: "240200", today: today) == date("2024-02-29"))  // day 00 = last day
        #expect(try CalendarDate(gs1YYMMDD: "230200", today: today) == date("2023-02-28"))
        // GS1's sliding window: 51-99 years ahead is last century, 50 or more back is next century.
        #expect(try CalendarDate(gs1YYMMDD: "761231", today: today).year == 2076)
        #expect(try CalendarDate(gs1YYMMDD: "771231", today: today).year == 1977)
        #expect(try CalendarDate(gs1YYMMDD: "780101", today: today).year == 1978)
        #expect(try CalendarDate(gs1YYMMDD: "760101", today: date("2026-01-01")).year == 2076)
        #expect(try CalendarDate(gs1YYMMDD: "010101", today: date("2095-06-01")).year == 2101)
        #expect(failure { try CalendarDate(gs1YYMMDD: "270631", today: today) }?.rule == "2027-06 has no day 31; it has 30 days")
        #expect(failure { try CalendarDate(gs1YYMMDD: "271301", today: today) }?.rule == "month 13 does not exist in a YYMMDD date")
        #expect(failure { try CalendarDate(gs1YYMMDD: "270600", today: today, allowsDayZero: false) } != nil)
        #expect(failure { try CalendarDate(gs1YYMMDD: "2706", today: today) } != nil)
        #expect(try date("2027-06-30").gs1YYMMDD == "270630")
        #expect(try date("2101-01-05").gs1YYMMDD == "010105")
    }

    @Test func codableAsTheISOString() throws {
        let data = try JSONEncoder().encode(["d": try date("2024-02-29")])
        #expect(String(decoding: data, as: UTF8.self) == "{\"d\":\"2024-02-29\"}")
        #expect(try JSONDecoder().decode([String: CalendarDate].self, from: data)["d"] == date("2024-02-29"))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data("[\"2023-02-30\"]".utf8))
        }
    }
}
