/// Where a product stands in the OCOP cycle on a day, for planning re-evaluations and for the
/// withdrawal lists shops need: from its rating decisions, the last of which is in force.
public enum ProductLifecycle: String, Sendable, Codable, CaseIterable {
    /// The rating in force runs past the look-ahead window.
    case valid
    /// In force, but its last valid day falls within the window: time to re-evaluate.
    case expiring
    /// Its 36 months (or its own term) ran out.
    case lapsed
    /// Withdrawn by a decision.
    case withdrawn
    /// Never rated.
    case unrated

    public static func of(_ ratings: [RatingRecord], on day: CalendarDate, within days: Int) -> ProductLifecycle {
        guard let current = ratings.last else { return .unrated }
        switch current.status(on: day) {
        case .withdrawn: return .withdrawn
        case .expired: return .lapsed
        case .notYetInForce: return .valid
        case let .valid(until): return until <= day.adding(days: days) ? .expiring : .valid
        }
    }
}
