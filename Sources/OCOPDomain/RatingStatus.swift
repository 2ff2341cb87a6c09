/// Whether a rating lets the OCOP star stamp be printed on a given day.
public enum RatingStatus: Hashable, Sendable, CustomStringConvertible {
    /// The certificate is in force through `until` (inclusive).
    case valid(until: CalendarDate)
    /// The 36 months (or the explicit validity) ran out; the last valid day was `lastValidDay`.
    case expired(lastValidDay: CalendarDate)
    /// A withdrawal decision revoked the certificate from its date.
    case withdrawn(Withdrawal)
    /// The decision is dated after the day asked about.
    case notYetInForce(from: CalendarDate)

    /// The star stamp may be printed and shown only while this is true.
    public var allowsStamp: Bool {
        if case .valid = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case let .valid(until): return "valid until \(until)"
        case let .expired(lastValidDay): return "expired after \(lastValidDay)"
        case let .withdrawn(withdrawal): return "withdrawn on \(withdrawal.date) by \(withdrawal.decisionNumber)"
        case let .notYetInForce(from): return "not in force before \(from)"
        }
    }

    /// The status in Vietnamese, for labels and shop staff.
    public var vietnameseDescription: String {
        switch self {
        case let .valid(until): return "còn hiệu lực đến \(until)"
        case let .expired(lastValidDay): return "hết hiệu lực sau \(lastValidDay)"
        case let .withdrawn(withdrawal): return "bị thu hồi từ \(withdrawal.date) theo quyết định \(withdrawal.decisionNumber)"
        case let .notYetInForce(from): return "chưa có hiệu lực trước \(from)"
        }
    }
}
