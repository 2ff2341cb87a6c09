/// Everything a verdict is decided on, gathered by the application layer from the code itself
/// and from the hash-checked log. Nothing here does I/O: the same evidence always gets the same
/// verdict, whichever entry point (CLI, resolver, write API) gathered it.
public struct VerdictEvidence: Sendable {
    /// What the input turned out to be before any record was consulted.
    public enum Reading: Sendable, Equatable {
        /// A Digital Link, with the outcome of its signature check and whether it names a unit.
        case link(SignatureCheck, namesUnit: Bool)
        /// A compact unit code (`CompactCode`): a unit's Digital Link without signature, on the
        /// issuer's resolver and written as issued. Only the log (or, offline, the issuer's signed
        /// serial list) can say whether it was issued.
        case compact
        /// A well-formed short code (its check character matches).
        case shortCode
        /// A short code whose check character fails: a typing slip.
        case mistyped(reason: String)
        /// Not a code this system issues.
        case malformed(reason: String)
    }

    /// One chain event as the log holds it, with its position in the log.
    public struct LoggedEvent: Sendable, Equatable {
        public let seq: Int64
        public let event: ChainEvent
        public init(seq: Int64, event: ChainEvent) {
            self.seq = seq
            self.event = event
        }
    }

    public var reading: Reading
    /// False for an offline check (public key or signed serial list only, no store).
    public var storeConsulted: Bool
    /// The unit the code names was issued by this store (its issuing log entry was found; offline,
    /// for a compact code: the issuer's signed serial list names it).
    public var unitIssued: Bool
    /// For a link: the unit was issued for the product and lot the link names.
    public var matchesProductAndLot: Bool
    /// Why the records behind the unit cannot be trusted (a hash or a payload mismatch), if so.
    public var tampering: String?
    /// The unit's own and its batch's chain events.
    public var events: [LoggedEvent]
    /// The product's rating decisions, oldest first.
    public var ratings: [RatingRecord]
    /// The rating in force when the batch was issued (what its stamps show), by log seq.
    public var printedRatingSeq: Int64?
    /// What the scratch-off PIN given with the code showed; nil when none was given.
    public var pin: PinOutcome?

    public init(reading: Reading, storeConsulted: Bool = true, unitIssued: Bool = false,
                matchesProductAndLot: Bool = true, tampering: String? = nil, events: [LoggedEvent] = [],
                ratings: [RatingRecord] = [], printedRatingSeq: Int64? = nil) {
        self.reading = reading
        self.storeConsulted = storeConsulted
        self.unitIssued = unitIssued
        self.matchesProductAndLot = matchesProductAndLot
        self.tampering = tampering
        self.events = events
        self.ratings = ratings
        self.printedRatingSeq = printedRatingSeq
    }
}

/// A verdict and the one sentence that explains it.
public struct Judgement: Sendable, Equatable {
    public let verdict: Verdict
    public let reason: String?
    public init(_ verdict: Verdict, _ reason: String? = nil) {
        self.verdict = verdict
        self.reason = reason
    }
}

/// The verdict order, as one pure function: the first rule that applies decides.
public enum VerdictRules {
    /// Which verdict wins when several apply.
    public static let precedence: [Verdict] = [
        .mistyped, .forged, .unknown, .tampered, .recalled, .pinReused, .alreadySold, .ratingLapsed, .genuineSignature,
        .genuineListed, .genuine,
    ]

    public static func judge(_ evidence: VerdictEvidence, on day: CalendarDate) -> Judgement {
        switch evidence.reading {
        case let .mistyped(reason): return Judgement(.mistyped, reason)
        case let .malformed(reason): return Judgement(.forged, "not a code this system issues: \(reason)")
        case .shortCode: break
        case .compact:
            // No signature to check: whether the serial was issued is the whole question.
            guard evidence.storeConsulted else {
                guard evidence.unitIssued else {
                    return Judgement(.unknown, "the issuer's signed serial list does not name this serial for this product and lot")
                }
                return Judgement(.genuineListed, "compact code checked offline against the issuer's signed serial list; sales and recalls not consulted")
            }
        case let .link(signature, namesUnit):
            switch signature {
            case .valid: break
            case .missing: return Judgement(.forged, "the code carries no signature")
            case .mismatch: return Judgement(.forged, "the signature does not match this code and issuer")
            case .nonCanonical: return Judgement(.forged, "the code is not written the way this system issues codes")
            case let .unreadable(error): return Judgement(.forged, error.description)
            }
            guard namesUnit else { return Judgement(.forged, "a signed code names a unit; this one has no serial") }
            guard evidence.storeConsulted else {
                return Judgement(.genuineSignature, "signature checked offline; sales and recalls not consulted")
            }
        }
        guard evidence.unitIssued else { return Judgement(.unknown, "no unit with this code was issued by this store") }
        guard evidence.matchesProductAndLot else {
            return Judgement(.unknown, "this serial was issued for another product or lot")
        }
        if let tampering = evidence.tampering { return Judgement(.tampered, tampering) }
        if let recall = standingRecall(evidence.events) {
            let why = recall.event.note.map { ": \($0)" } ?? ""
            return Judgement(.recalled, "batch \(recall.event.lot) is recalled since \(recall.event.at.text)\(why)")
        }
        if case let .reused(first) = evidence.pin {
            return Judgement(.pinReused, "this PIN was already used at \(first); the label is possibly a copy")
        }
        // The first claim of the PIN proves the label in hand is the original: the recorded sale
        // is then the purchase of the shopper checking it at home.
        var firstClaim = false
        if case .firstClaim = evidence.pin { firstClaim = true }
        if !firstClaim, let sale = evidence.events.first(where: { $0.event.isRetailSale }) {
            let place = sale.event.location.map { " in \($0)" } ?? ""
            return Judgement(.alreadySold, "sold at \(sale.event.at.text)\(place); a second sale means a copied label")
        }
        if let lapse = ratingLapse(evidence, on: day) { return Judgement(.ratingLapsed, lapse) }
        return firstClaim ? Judgement(.genuine, "the PIN is this unit's and was checked for the first time") : Judgement(.genuine)
    }

    /// The recall that still stands: the last recall of the unit or its batch, unless a batch's
    /// recall was lifted on purpose after it. Other events (a later shipment marked in transit,
    /// a stocking marked sellable) do not lift a recall.
    public static func standingRecall(_ events: [VerdictEvidence.LoggedEvent]) -> VerdictEvidence.LoggedEvent? {
        var standing: VerdictEvidence.LoggedEvent?
        for logged in events.sorted(by: { $0.seq < $1.seq }) {
            if logged.event.isRecall {
                standing = logged
            } else if logged.event.liftsRecall, logged.event.serial == nil {
                standing = nil
            }
        }
        return standing
    }

    /// Why the stars on the label no longer hold, or nil while they do.
    static func ratingLapse(_ evidence: VerdictEvidence, on day: CalendarDate) -> String? {
        guard let seq = evidence.printedRatingSeq,
              let printed = evidence.ratings.first(where: { $0.seq == seq }), printed.action == .rate else { return nil }
        guard let current = evidence.ratings.last, current.action == .rate else {
            return "the \(printed.stars ?? 0)-star certificate was withdrawn"
        }
        if current.stars != printed.stars {
            return "the label shows \(printed.stars ?? 0) stars; the product is now rated \(current.stars ?? 0)"
        }
        if case let .expired(lastDay) = current.status(on: day) {
            return "the \(current.stars ?? 0)-star certificate expired after \(lastDay)"
        }
        return nil
    }
}
