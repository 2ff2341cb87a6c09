import OCOPDomain
import OCOPStore

/// What `verify` tells the shop: the verdict and the facts behind it. The JSON shape is what
/// `verify --json` prints; `facts` carries the full log-proven record for the resolver's page.
public struct VerificationReport: Sendable, Encodable {
    public struct ProductFacts: Sendable, Encodable { public let id: String, name: String, gtin: String? }
    public struct ProducerFacts: Sendable, Encodable { public let id: String, name: String, address: String }
    public struct RatingFacts: Sendable, Encodable {
        public let starsPrinted: Int?, starsNow: Int?, validUntil: String?, status: String?
        enum CodingKeys: String, CodingKey {
            case status
            case starsPrinted = "stars_printed"
            case starsNow = "stars_now"
            case validUntil = "valid_until"
        }
    }
    public struct EventFacts: Sendable, Encodable { public let step: String, disposition: String?, at: String, location: String? }

    public var verdict: Verdict = .unknown
    public var reason: String?
    public var input = ""
    public var lot: String?
    public var serial: String?
    public var shortCode: String?
    /// The kind of code judged (signed URI, compact URI, typed short code); nil for input that is
    /// no code at all.
    public var codeKind: CodeKind?
    /// Checked without a store (public keys or a signed serial list only).
    public var offline = false
    public var product: ProductFacts?
    public var producer: ProducerFacts?
    public var rating: RatingFacts?
    public var lastEvent: EventFacts?
    /// Everything the log proves about the unit; nil unless the verdict lets facts be shown.
    public var facts: UnitFacts?
    /// What the scratch-off PIN given with the code showed; nil when none was given or the code
    /// itself was not trusted far enough to check one.
    public var pin: PinOutcome?

    enum CodingKeys: String, CodingKey {
        case verdict, reason, input, lot, serial, product, producer, rating, message, pin
        case shortCode = "short_code"
        case lastEvent = "last_event"
        case exitCode = "exit_code"
        case codeKind = "code_kind"
        case codeCheck = "code_check"
    }

    /// What the verdict rested on, in Vietnamese and English: the code's kind and, offline, the file.
    public var codeCheck: String? { codeKind.map { offline ? $0.offlineLine : $0.line } }

    func decided(_ judgement: Judgement) -> VerificationReport {
        var copy = self
        copy.verdict = judgement.verdict
        copy.reason = judgement.reason
        if !judgement.verdict.showsFacts {
            copy.facts = nil
            copy.product = nil
            copy.producer = nil
            copy.rating = nil
            copy.lastEvent = nil
        }
        return copy
    }

    mutating func fill(_ facts: UnitFacts, on day: CalendarDate) {
        self.facts = facts
        let product = facts.product
        self.product = .init(id: product.id, name: product.name, gtin: product.gtin)
        if let producer = facts.producer {
            self.producer = .init(id: producer.id, name: producer.name, address: producer.address)
        }
        if let last = facts.events.last {
            lastEvent = .init(step: last.event.step.rawValue, disposition: last.event.disposition?.rawValue,
                              at: last.event.at.text, location: last.event.location)
        }
        let current = facts.ratings.last
        rating = .init(starsPrinted: facts.printedRating?.stars, starsNow: current?.action == .rate ? current?.stars : nil,
                       validUntil: current?.validUntil?.description, status: current?.status(on: day).description)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(verdict.rawValue, forKey: .verdict)
        try c.encode(verdict.exitCode, forKey: .exitCode)
        try c.encode(verdict.line(for: codeKind), forKey: .message)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encode(input, forKey: .input)
        if let codeKind {
            try c.encode(codeKind.rawValue, forKey: .codeKind)
            try c.encode(codeCheck ?? "", forKey: .codeCheck)
        }
        try c.encodeIfPresent(lot, forKey: .lot)
        try c.encodeIfPresent(serial, forKey: .serial)
        try c.encodeIfPresent(shortCode, forKey: .shortCode)
        try c.encodeIfPresent(product, forKey: .product)
        try c.encodeIfPresent(producer, forKey: .producer)
        try c.encodeIfPresent(rating, forKey: .rating)
        try c.encodeIfPresent(lastEvent, forKey: .lastEvent)
        if let pin {
            var first: String?
            switch pin {
            case let .firstClaim(at): first = at
            case let .reused(at): first = at
            case .wrong, .notIssued: break
            }
            try c.encode(["status": pin.word, "first_checked_at": first].compactMapValues { $0 }, forKey: .pin)
        }
    }
}
