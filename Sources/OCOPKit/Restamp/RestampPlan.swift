import OCOPDomain
import OCOPStore

/// What a re-rating round means for printed star stamps: which products need new stamps,
/// which must come off the shelves, and which stay as they are.
public struct RestampPlan: Sendable, Encodable {
    public struct Render: Sendable, Encodable {
        public let productID: String
        public let productName: String
        public let rating: RatingRecord
        public let previousStars: Int?
        public let reason: String
        enum CodingKeys: String, CodingKey {
            case rating, reason
            case productID = "product"
            case productName = "product_name"
            case previousStars = "previous_stars"
        }
    }

    public struct Withdraw: Sendable, Encodable {
        public let productID: String
        public let productName: String
        public let stamped: StampRecord
        public let reason: String
        enum CodingKeys: String, CodingKey {
            case reason
            case productID = "product"
            case productName = "product_name"
            case stampedStars = "stamped_stars"
        }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(productID, forKey: .productID)
            try c.encode(productName, forKey: .productName)
            try c.encodeIfPresent(stamped.stars, forKey: .stampedStars)
            try c.encode(reason, forKey: .reason)
        }
    }

    /// A product this tool never stamped whose rating lapsed or was withdrawn: stamps printed
    /// elsewhere (before the tool, or by another printer) must come off the shelves too.
    public struct WithdrawOutside: Sendable, Encodable {
        public let productID: String
        public let productName: String
        /// The first day the rating was no longer in force.
        public let ended: CalendarDate
        public let reason: String
        enum CodingKeys: String, CodingKey {
            case ended, reason
            case productID = "product"
            case productName = "product_name"
        }
    }

    public let day: CalendarDate
    public let render: [Render]
    public let withdraw: [Withdraw]
    /// Listed by this run: ratings that ended after the previous run's day (on a first run, ever).
    public let withdrawOutside: [WithdrawOutside]
    /// The day of the previous run, if any.
    public let since: CalendarDate?
    /// Products whose stamps already show the rating in force.
    public let unchanged: Int
    /// Products never stamped: restamp leaves them alone (`stamp render` makes their first set).
    public let neverStamped: Int

    enum CodingKeys: String, CodingKey {
        case day, render, withdraw, unchanged, since
        case neverStamped = "never_stamped"
        case withdrawOutside = "withdraw_outside"
    }

    public var isEmpty: Bool { render.isEmpty && withdraw.isEmpty && withdrawOutside.isEmpty }

    /// Compares each stamped product's stamps with its rating in force on `day`.
    /// - Parameter since: the previous run's day; nil for a first run.
    public static func make(products: [Product], ratings: [String: [RatingRecord]], stamps: [String: StampRecord],
                            on day: CalendarDate, since: CalendarDate? = nil) -> RestampPlan {
        var render: [Render] = [], withdraw: [Withdraw] = [], outside: [WithdrawOutside] = []
        var unchanged = 0, neverStamped = 0
        for product in products {
            guard let stamp = stamps[product.id] else {
                neverStamped += 1
                if let current = ratings[product.id]?.last, let ended = endDay(current, on: day), since.map({ ended > $0 }) ?? true {
                    outside.append(WithdrawOutside(productID: product.id, productName: product.name, ended: ended,
                                                   reason: current.status(on: day).description))
                }
                continue
            }
            let current = ratings[product.id]?.last
            let status = current?.status(on: day)
            let inForce = current.flatMap { rating in status?.allowsStamp == true ? rating : nil }
            switch (stamp.action, inForce) {
            case let (.rendered, nil):
                // The stamps on shelves show stars that are no longer valid.
                withdraw.append(Withdraw(productID: product.id, productName: product.name, stamped: stamp,
                                         reason: status?.description ?? "no rating in force"))
            case let (_, rating?) where rating.seq != stamp.ratingSeq:
                render.append(Render(productID: product.id, productName: product.name, rating: rating,
                                     previousStars: stamp.action == .rendered ? stamp.stars : nil,
                                     reason: change(from: stamp, to: rating)))
            default:
                unchanged += 1
            }
        }
        return RestampPlan(day: day, render: render, withdraw: withdraw, withdrawOutside: outside, since: since,
                           unchanged: unchanged, neverStamped: neverStamped)
    }

    /// The first day `rating` was no longer in force, when that day is `day` or before.
    static func endDay(_ rating: RatingRecord, on day: CalendarDate) -> CalendarDate? {
        switch rating.status(on: day) {
        case let .expired(lastValidDay): return lastValidDay.adding(days: 1)
        case let .withdrawn(withdrawal): return withdrawal.date
        case .valid, .notYetInForce: return nil
        }
    }

    private static func change(from stamp: StampRecord, to rating: RatingRecord) -> String {
        let stars = rating.stars ?? 0
        guard stamp.action == .rendered, let before = stamp.stars else {
            return "re-rated \(stars)★ after the stamps were withdrawn"
        }
        if stars > before { return "upgraded \(before)★ → \(stars)★" }
        if stars < before { return "downgraded \(before)★ → \(stars)★" }
        return "re-recognised at \(stars)★, valid until \(rating.validUntil?.description ?? "?")"
    }
}
