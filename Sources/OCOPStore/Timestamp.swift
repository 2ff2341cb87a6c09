import Foundation

/// Wall-clock time of log entries: UTC, ISO 8601, milliseconds (`2026-11-20T03:04:05.678Z`).
/// Formatted by hand: an ISO8601DateFormatter per entry cost more than the entry's hash.
/// Timestamps of this one shape sort as text in time order.
public enum Timestamp {
    public static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return format(seconds: Int(spec.tv_sec), milliseconds: Int(spec.tv_nsec) / 1_000_000)
    }

    /// The timestamp `seconds` from now (negative: in the past).
    public static func fromNow(seconds offset: Double) -> String {
        let date = Date().addingTimeInterval(offset).timeIntervalSince1970
        let whole = Int(date.rounded(.down))
        return format(seconds: whole, milliseconds: Int((date - Double(whole)) * 1000))
    }

    static func format(seconds: Int, milliseconds millis: Int) -> String {
        var seconds = seconds
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(millis, 3))Z"
    }
}
