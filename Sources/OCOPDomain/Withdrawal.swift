/// A decision that revokes a product's OCOP certificate before it lapses (failed mandatory
/// criteria, no traceability records, …). From its date the star stamp must come off.
public struct Withdrawal: Hashable, Sendable, Codable {
    public let decisionNumber: DecisionNumber
    public let date: CalendarDate

    public init(decisionNumber: DecisionNumber, date: CalendarDate) {
        self.decisionNumber = decisionNumber
        self.date = date
    }
}
