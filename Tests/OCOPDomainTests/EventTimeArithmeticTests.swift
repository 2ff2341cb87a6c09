import Foundation
import OCOPDomain
import Testing
import TestSupport

/// EventTime formats and parses by calendar arithmetic; Foundation's ISO8601DateFormatter and
/// Calendar are the independent reference it must agree with, instant by instant.
@Suite struct EventTimeArithmeticTests {
    static let offsets = stride(from: -12 * 3600, through: 14 * 3600, by: 15 * 60).map { $0 }

    @Test func formatsLikeISO8601DateFormatter() {
        var random = SeededGenerator(seed: 23)
        for _ in 0..<3000 {
            // 1970 … 2100, whole seconds, any offset a clock uses.
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 0..<4_102_444_800, using: &random)))
            let offset = Self.offsets.randomElement(using: &random)!
            let reference = ISO8601DateFormatter()
            reference.timeZone = TimeZone(secondsFromGMT: offset)
            reference.formatOptions = [.withInternetDateTime]
            let time = EventTime(date: date, offsetSeconds: offset)
            #expect(time.text == reference.string(from: date))
            // And back: the text names the same instant, and prints the same.
            let parsed = try? EventTime(parsing: time.text, now: Date(timeIntervalSince1970: 4_200_000_000))
            if date.timeIntervalSince1970 >= 946_684_800 {
                #expect(parsed?.date == date && parsed?.text == time.text, "\(time.text)")
            }
        }
    }

    @Test func leapDaysAndYearEnds() throws {
        let now = Date(timeIntervalSince1970: 4_200_000_000)
        for (text, unix) in [("2000-02-29T00:00:00Z", 951_782_400), ("2024-02-29T23:59:59+07:00", 1_709_225_999),
                             ("2026-12-31T23:59:59-05:30", 1_798_781_399), ("2100-03-01T00:00:00Z", 4_107_542_400)] {
            let time = try EventTime(parsing: text, now: now)
            #expect(time.date.timeIntervalSince1970 == Double(unix), "\(text)")
            #expect(time.text == text)
        }
    }
}
