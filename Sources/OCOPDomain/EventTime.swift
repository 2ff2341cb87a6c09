import Foundation

/// When a chain event happened: an ISO 8601 instant with its time-zone offset kept, as EPCIS
/// wants it (Vietnam is +07:00).
public struct EventTime: Sendable, Equatable, Comparable, Codable, CustomStringConvertible {
    /// The instant, for ordering.
    public let date: Date
    /// The text as stored, e.g. `2026-11-23T08:30:00+07:00`.
    public let text: String

    /// Vietnam's offset, used when the user gives none and for "now".
    public static let vietnamOffsetSeconds = 7 * 3600

    /// Parses `2026-11-23T08:30:00+07:00`, `…Z`, with optional fractional seconds, or a bare
    /// `2026-11-23T08:30` / `2026-11-23 08:30` read as Vietnam time. Refuses times more than a
    /// day after `now`: a chain event cannot be recorded before it happens.
    public init(parsing raw: String, now: Date) throws(DomainError) {
        let trimmed = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "T")
        guard let (date, offset) = Self.parse(trimmed) else {
            throw DomainError(field: "at", rule: "'\(raw)' is not an ISO 8601 time such as 2026-11-23T08:30:00+07:00")
        }
        guard date.timeIntervalSince(now) <= 86_400 else {
            throw DomainError(field: "at", rule: "\(raw) is in the future; events are recorded after they happen")
        }
        guard date.timeIntervalSince1970 >= 946_684_800 else {
            throw DomainError(field: "at", rule: "\(raw) is before 2000-01-01")
        }
        self.date = date
        self.text = Self.format(date, offsetSeconds: offset)
    }

    public init(date: Date, offsetSeconds: Int = EventTime.vietnamOffsetSeconds) {
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        self.date = whole
        self.text = Self.format(whole, offsetSeconds: offsetSeconds)
    }

    public var description: String { text }
    public static func < (a: EventTime, b: EventTime) -> Bool { a.date < b.date }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let (date, offset) = Self.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad time \(text)"))
        }
        self.date = date
        self.text = Self.format(date, offsetSeconds: offset)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    private static func parse(_ text: String) -> (Date, Int)? {
        var body = Substring(text)
        var offset = vietnamOffsetSeconds
        if body.hasSuffix("Z") {
            offset = 0
            body = body.dropLast()
        } else if body.count > 6, let sign = body.dropLast(5).last, sign == "+" || sign == "-" {
            let zone = body.suffix(5)  // hh:mm
            let parts = zone.split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), h <= 14, m < 60 else { return nil }
            offset = (h * 3600 + m * 60) * (sign == "-" ? -1 : 1)
            body = body.dropLast(6)
        }
        let halves = body.split(separator: "T")
        guard halves.count == 2, let day = try? CalendarDate(parsing: String(halves[0])) else { return nil }
        let clock = halves[1].split(separator: ":")
        guard (2...3).contains(clock.count), clock[0].count == 2, clock[1].count == 2,
              let hour = Int(clock[0]), let minute = Int(clock[1]), hour < 24, minute < 60 else { return nil }
        var seconds = 0.0
        if clock.count == 3 {
            guard clock[2].count >= 2, let s = Double(clock[2]), s >= 0, s < 60 else { return nil }
            seconds = s.rounded(.down)
        }
        let local = Double(day.dayNumber * 86_400
            + hour * 3600 + minute * 60) + seconds
        return (Date(timeIntervalSince1970: local - Double(offset)), offset)
    }

    /// `2026-11-23T08:30:00+07:00` (`Z` for offset 0), by arithmetic: a formatter per event made
    /// replaying a million chain events take minutes.
    static func format(_ date: Date, offsetSeconds: Int) -> String {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let clock = local - days * 86_400
        let day = CalendarDate(dayNumber: days)
        var text = day.description + "T"
            + pad(clock / 3600, 2) + ":" + pad(clock / 60 % 60, 2) + ":" + pad(clock % 60, 2)
        if offsetSeconds == 0 { return text + "Z" }
        let zone = abs(offsetSeconds) / 60
        text += (offsetSeconds < 0 ? "-" : "+") + pad(zone / 60, 2) + ":" + pad(zone % 60, 2)
        return text
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
