/// A rating decision as the store keeps it: granted stars or a withdrawal, with its log seq.
public struct RatingRecord: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable { case rate, withdraw }
    public let seq: Int64
    public let productID: String
    public let action: Action
    public let stars: Int?
    public let score: Int?
    public let decisionNumber: String
    public let decisionDate: CalendarDate
    public let validUntil: CalendarDate?
    public let reason: String?
    /// Who decided (ratings; withdrawals record none). Entries of before 2026 carry no level:
    /// it is read from the decision number.
    public let level: DecidingLevel?

    public init(seq: Int64, productID: String, action: Action, stars: Int?, score: Int?, decisionNumber: String,
                decisionDate: CalendarDate, validUntil: CalendarDate?, reason: String?, level: DecidingLevel? = nil) {
        self.level = action == .rate ? level ?? (try? DecisionNumber(decisionNumber)).flatMap(DecidingLevel.of) : nil
        self.seq = seq
        self.productID = productID
        self.action = action
        self.stars = stars
        self.score = score
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.validUntil = validUntil
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case seq, action, stars, score, reason, level
        case productID = "product"
        case decisionNumber = "decision_no"
        case decisionDate = "decision_date"
        case validUntil = "valid_until"
    }

    /// Valid, expired, withdrawn or not yet in force on `day`.
    public func status(on day: CalendarDate) -> RatingStatus {
        guard action == .rate, let validUntil else {
            let number = (try? DecisionNumber(decisionNumber)) ?? (try! DecisionNumber("?"))
            return .withdrawn(Withdrawal(decisionNumber: number, date: decisionDate))
        }
        if day < decisionDate { return .notYetInForce(from: decisionDate) }
        return day <= validUntil ? .valid(until: validUntil) : .expired(lastValidDay: validUntil)
    }
}
