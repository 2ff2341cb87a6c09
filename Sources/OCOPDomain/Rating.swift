/// One OCOP recognition decision for a product: its stars, score, decision and validity.
public struct Rating: Hashable, Sendable, Codable {
    /// A certificate is valid 36 months from the decision date.
    public static let validityMonths = 36

    public let stars: Stars
    public let score: Int
    public let decisionNumber: DecisionNumber
    public let decisionDate: CalendarDate
    /// The last day the certificate is in force (inclusive).
    public let validUntil: CalendarDate
    /// Who recognised it: the province (3, 4 stars) or the ministry (5 stars).
    public let level: DecidingLevel

    /// - Parameter validUntil: nil for the standard 36 months; otherwise a day after the decision
    ///   (for certificates issued with another term).
    /// - Parameter level: who decided; nil: read from the decision number (`DecidingLevel.of`).
    ///   5 stars need a central decision, 3 and 4 a province's.
    public init(
        stars: Stars, score: Int, decisionNumber: DecisionNumber, decisionDate: CalendarDate,
        validUntil: CalendarDate? = nil, level: DecidingLevel? = nil
    ) throws(DomainError) {
        try stars.validate(score: score)  // the score's rule first: it names the more basic mistake
        try self.init(stars: stars, score: score, decisionNumber: decisionNumber, decisionDate: decisionDate,
                      validUntil: validUntil, recordedLevel: DecidingLevel.checked(level, number: decisionNumber, stars: stars))
    }

    private init(
        stars: Stars, score: Int, decisionNumber: DecisionNumber, decisionDate: CalendarDate,
        validUntil: CalendarDate?, recordedLevel: DecidingLevel
    ) throws(DomainError) {
        level = recordedLevel
        try stars.validate(score: score)
        try decisionDate.requirePlausible(field: "decision date")
        if let validUntil { try validUntil.requirePlausible(field: "valid until") }
        let end = validUntil ?? decisionDate.adding(months: Self.validityMonths)
        guard end > decisionDate else {
            throw DomainError(field: "valid until", rule: "\(end) must be after the decision date \(decisionDate)")
        }
        self.stars = stars
        self.score = score
        self.decisionNumber = decisionNumber
        self.decisionDate = decisionDate
        self.validUntil = end
    }

    /// The status on `day`. A withdrawal dated on or before `day` wins over the dates, because the
    /// stamp must come off from the withdrawal on, even if the term had not run out.
    public func status(on day: CalendarDate, withdrawal: Withdrawal? = nil) -> RatingStatus {
        if let withdrawal, withdrawal.date <= day { return .withdrawn(withdrawal) }
        if day < decisionDate { return .notYetInForce(from: decisionDate) }
        if day > validUntil { return .expired(lastValidDay: validUntil) }
        return .valid(until: validUntil)
    }

    private enum CodingKeys: String, CodingKey {
        case stars, score, level, decisionNumber = "decision_no", decisionDate = "decision_date", validUntil = "valid_until"
    }

    /// Decoding runs the same checks as `init`, so a stored rating cannot smuggle in a bad score;
    /// a rating recorded before levels were kept takes the one its number names (or its stars need).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            let stars = try container.decode(Stars.self, forKey: .stars)
            let number = try container.decode(DecisionNumber.self, forKey: .decisionNumber)
            let level = try container.decodeIfPresent(DecidingLevel.self, forKey: .level)
            try self.init(
                stars: stars,
                score: container.decode(Int.self, forKey: .score),
                decisionNumber: number,
                decisionDate: container.decode(CalendarDate.self, forKey: .decisionDate),
                validUntil: container.decode(CalendarDate.self, forKey: .validUntil),
                recordedLevel: level ?? DecidingLevel.of(number) ?? DecidingLevel.required(for: stars)
            )
        } catch let error as DomainError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stars, forKey: .stars)
        try container.encode(score, forKey: .score)
        try container.encode(decisionNumber, forKey: .decisionNumber)
        try container.encode(decisionDate, forKey: .decisionDate)
        try container.encode(validUntil, forKey: .validUntil)
        try container.encode(level, forKey: .level)
    }
}
