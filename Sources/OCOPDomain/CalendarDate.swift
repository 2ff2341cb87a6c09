/// A day on the calendar, `YYYY-MM-DD`, with no time and no time zone.
///
/// Decision dates, validity ends and GS1 expiry dates are days, not instants: turning them into
/// `Date` would make "valid on 2027-08-03" depend on the machine's time zone.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible, StringCodable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int, field: String = "date") throws(DomainError) {
        guard (1...9999).contains(year) else {
            throw DomainError(field: field, rule: "year \(year) is outside 0001-9999")
        }
        guard (1...12).contains(month) else {
            throw DomainError(field: field, rule: "month \(month) does not exist; use 01-12")
        }
        let lastDay = Self.daysInMonth(month, year: year)
        guard (1...lastDay).contains(day) else {
            throw DomainError(field: field, rule: "\(Self.pad(year, 4))-\(Self.pad(month, 2)) has no day \(day); it has \(lastDay) days")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Strict ISO 8601 calendar date: exactly `YYYY-MM-DD`, digits and hyphens, a real day.
    public init(parsing text: String, field: String = "date") throws(DomainError) {
        let bytes = Array(text.utf8)
        let shapeOK = bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
            && [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }
        guard shapeOK else {
            throw DomainError(field: field, rule: "\"\(Self.clip(text))\" is not a date in the form YYYY-MM-DD")
        }
        try self.init(
            year: Self.number(bytes[0..<4]), month: Self.number(bytes[5..<7]), day: Self.number(bytes[8..<10]),
            field: field
        )
    }

    /// `YYYY-MM-DD`.
    public var iso8601: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    public var description: String { iso8601 }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    // MARK: Calendar arithmetic

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The same day `months` later (or earlier), moved back to the month's last day where the month
    /// is shorter: 2024-02-29 + 36 months = 2027-02-28, 2025-01-31 + 1 month = 2025-02-28.
    /// - Precondition: the result lies in years 1…9999.
    public func adding(months: Int) -> CalendarDate {
        let monthIndex = year * 12 + (month - 1) + months
        let newYear = monthIndex / 12
        let newMonth = monthIndex % 12 + 1
        precondition((1...9999).contains(newYear), "date arithmetic left years 1-9999")
        let newDay = min(day, Self.daysInMonth(newMonth, year: newYear))
        return CalendarDate(uncheckedYear: newYear, month: newMonth, day: newDay)
    }

    /// The day `days` later (or earlier).
    public func adding(days: Int) -> CalendarDate {
        Self(dayNumber: dayNumber + days)
    }

    /// Days from `self` to `other`; negative when `other` is earlier.
    public func days(until other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// Days since 1970-01-01 (proleptic Gregorian), by Howard Hinnant's `days_from_civil`.
    public var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01 (`civil_from_days`).
    /// - Precondition: the result lies in years 1…9999.
    public init(dayNumber: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPart = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPart + 2) / 5 + 1
        let month = monthPart < 10 ? monthPart + 3 : monthPart - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        precondition((1...9999).contains(year), "date arithmetic left years 1-9999")
        self.init(uncheckedYear: year, month: month, day: day)
    }

    // MARK: GS1 YYMMDD (AIs 11, 13, 15, 16, 17, …)

    /// Reads a GS1 six-digit date. Day `00` means the month's last day (allowed in AIs 11-17, not in
    /// 7006/7007). The century follows GS1's sliding window around `today`: a year 51-99 years
    /// ahead is taken as last century, one 50-99 years back as next century.
    public init(gs1YYMMDD text: String, today: CalendarDate, allowsDayZero: Bool = true, field: String = "date") throws(DomainError) {
        let (yy, month, day) = try Self.gs1Parts(text, field: field)
        let currentYY = today.year % 100
        var century = today.year - currentYY
        let difference = yy - currentYY
        if difference >= 51 { century -= 100 }
        if difference <= -50 { century += 100 }
        try self.init(gs1Year: century + yy, month: month, day: day, allowsDayZero: allowsDayZero, field: field)
    }

    /// Checks a GS1 six-digit date without deciding its century (leap years as in 20YY).
    public static func validateGS1YYMMDD(_ text: String, allowsDayZero: Bool = true, field: String = "date") throws(DomainError) {
        let (yy, month, day) = try gs1Parts(text, field: field)
        _ = try CalendarDate(gs1Year: 2000 + yy, month: month, day: day, allowsDayZero: allowsDayZero, field: field)
    }

    /// `YYMMDD`, as printed in AIs 11 and 17 (never with day `00`).
    public var gs1YYMMDD: String { "\(Self.pad(year % 100, 2))\(Self.pad(month, 2))\(Self.pad(day, 2))" }

    public init(codableText: String) throws(DomainError) { self = try CalendarDate(parsing: codableText) }
    public var codableText: String { iso8601 }

    // MARK: Helpers

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private init(gs1Year year: Int, month: Int, day: Int, allowsDayZero: Bool, field: String) throws(DomainError) {
        guard (1...12).contains(month) else {
            throw DomainError(field: field, rule: "month \(Self.pad(month, 2)) does not exist in a YYMMDD date")
        }
        if day == 0 {
            guard allowsDayZero else {
                throw DomainError(field: field, rule: "day 00 is not allowed here; give the exact day")
            }
            try self.init(year: year, month: month, day: Self.daysInMonth(month, year: year), field: field)
        } else {
            try self.init(year: year, month: month, day: day, field: field)
        }
    }

    private static func gs1Parts(_ text: String, field: String) throws(DomainError) -> (Int, Int, Int) {
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw DomainError(field: field, rule: "\"\(clip(text))\" is not a date in the form YYMMDD")
        }
        return (number(bytes[0..<2]), number(bytes[2..<4]), number(bytes[4..<6]))
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Keeps error lines short when someone pastes a paragraph into a date field.
    private static func clip(_ text: String) -> String {
        let visible = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        return visible.count > 32 ? String(visible.prefix(32)) + "…" : visible
    }
}

extension CalendarDate {
    /// The dates a production, expiry or rating decision can plausibly carry. Outside it a date
    /// is a typo (`9999-12-31`), and validity arithmetic on it would leave the calendar.
    public static let plausibleRange: ClosedRange<CalendarDate> = {
        let first = try! CalendarDate(year: 2000, month: 1, day: 1)
        let last = try! CalendarDate(year: 2099, month: 12, day: 31)
        return first...last
    }()

    /// Refuses a date outside `plausibleRange`, naming the field.
    public func requirePlausible(field: String) throws(DomainError) {
        guard Self.plausibleRange.contains(self) else {
            throw DomainError(field: field, rule: "\(self) is outside \(Self.plausibleRange.lowerBound)…\(Self.plausibleRange.upperBound)")
        }
    }
}
