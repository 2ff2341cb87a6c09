import OCOPDomain

/// Decides what a code in a shop's hand is: signature first (offline, with only the public
/// key), then the store's records: issued?, intact?, recalled?, sold?, stars still valid?
public struct CodeCheck: Sendable {
    let verifiers: [CodeVerifier]
    let store: (any TraceStore)?

    /// - Parameter publicKeys: every key the issuer has signed with (after `key rotate`, old
    ///   codes carry the old key's signature).
    public init(publicKeys: [[UInt8]], store: (any TraceStore)?) throws(StoreError) {
        guard !publicKeys.isEmpty else { throw .key("no public key to check signatures with") }
        do {
            verifiers = try publicKeys.map { key throws(DomainError) in try CodeVerifier(publicKey: key) }
        } catch {
            throw .key(error.description)
        }
        self.store = store
    }

    public init(publicKey: [UInt8], store: (any TraceStore)?) throws(StoreError) {
        try self.init(publicKeys: [publicKey], store: store)
    }

    /// A store's own check: all its keys, from its log.
    public static func forStore(_ store: any TraceStore) throws(StoreError) -> CodeCheck {
        let keys = try store.issuerKeys().compactMap { try? Base64URL.decode($0.publicKey) }
        return try CodeCheck(publicKeys: keys, store: store)
    }

    /// Valid under any key; otherwise what the newest key says.
    private func signatureCheck(_ link: DigitalLink) -> SignatureCheck {
        var last = SignatureCheck.mismatch
        for verifier in verifiers.reversed() {
            let result = verifier.verify(link)
            if result == .valid { return .valid }
            last = result
        }
        return last
    }

    public func check(_ input: CodeInput, on day: CalendarDate) throws(StoreError) -> VerificationReport {
        var report = VerificationReport()
        let unit: UnitRecord?
        switch input {
        case let .malformed(text, error):
            report.input = text
            return report.decided(.forged, because: "not a code this system issues: \(error.description)")
        case let .link(link):
            report.input = link.uri
            report.lot = link.lot
            report.serial = link.serial
            switch signatureCheck(link) {
            case .valid: break
            case .missing: return report.decided(.forged, because: "the code carries no signature")
            case .mismatch: return report.decided(.forged, because: "the signature does not match this code and issuer")
            case .nonCanonical: return report.decided(.forged, because: "the code is not written the way this system issues codes")
            case let .unreadable(error): return report.decided(.forged, because: error.description)
            }
            guard link.level == .unit, let serial = link.serial else {
                return report.decided(.forged, because: "a signed code names a unit; this one has no serial")
            }
            guard let store else {
                return report.decided(.genuineSignature, because: "signature checked offline; sales and recalls not consulted")
            }
            unit = try store.unit(serial: serial)
            if let unit, let product = try store.product(id: unit.productID) {
                let sameKey: Bool = switch link.key {
                case let .gtin(gtin): product.gtin == gtin.gtin14
                case let .productID(id): product.gtin == nil && product.id == id.text
                }
                if !sameKey || unit.lot != link.lot {
                    return report.decided(.unknown, because: "serial \(serial) was issued for another product or lot")
                }
            }
        case let .shortCode(code):
            report.input = code.display
            guard let store else {
                throw .invalid(DomainError(field: "short code", rule: "is looked up in a store; pass --store, or scan the QR for an offline check"))
            }
            unit = try store.unit(shortCode: code.compact)
        }

        guard let store, let unit else {
            return report.decided(.unknown, because: "no unit with this code was issued by this store")
        }
        report.serial = unit.serial
        report.lot = unit.lot
        report.shortCode = CodeBook.displayShortCode(unit.shortCode)
        guard try store.issuingEntryIntact(for: unit) else {
            return report.decided(.tampered, because: "log entry \(unit.seq) that issued this unit fails its hash check")
        }
        guard let product = try store.product(id: unit.productID),
              let batch = try store.batch(productID: unit.productID, lot: unit.lot) else {
            return report.decided(.tampered, because: "the unit's product or batch is missing from the store")
        }
        report.product = .init(id: product.id, name: product.name, gtin: product.gtin)
        if let producer = try store.producer(id: product.producerID) {
            report.producer = .init(id: producer.id, name: producer.name, address: producer.address)
        }

        let events = try store.history(productID: unit.productID, lot: unit.lot, serial: unit.serial)
        if let last = events.last {
            report.lastEvent = .init(step: last.event.step.rawValue, disposition: last.event.disposition?.rawValue,
                                     at: last.event.at.text, location: last.event.location)
        }
        let ratings = try store.ratings(productID: product.id)
        let printed = batch.ratingSeq.flatMap { seq in ratings.first { $0.seq == seq } }
        let current = ratings.last
        report.rating = .init(starsPrinted: printed?.stars, starsNow: current?.action == .rate ? current?.stars : nil,
                              validUntil: current?.validUntil?.description, status: current?.status(on: day).description)

        // The latest disposition stands: a recall can be lifted by a later event.
        if let disposition = events.last(where: { $0.event.disposition != nil })?.event.disposition, disposition == .recalled {
            return report.decided(.recalled, because: "batch \(unit.lot) is recalled")
        }
        if let sale = events.first(where: { $0.event.isRetailSale }) {
            return report.decided(.alreadySold, because: "sold at \(sale.event.at.text)\(sale.event.location.map { " in \($0)" } ?? ""); a second sale means a copied label")
        }
        if let printed, printed.action == .rate {
            guard let current, current.action == .rate else {
                return report.decided(.ratingLapsed, because: "the \(printed.stars ?? 0)-star certificate was withdrawn")
            }
            if current.stars != printed.stars {
                return report.decided(.ratingLapsed, because: "the label shows \(printed.stars ?? 0) stars; the product is now rated \(current.stars ?? 0)")
            }
            if case let .expired(lastDay) = current.status(on: day) {
                return report.decided(.ratingLapsed, because: "the \(current.stars ?? 0)-star certificate expired after \(lastDay)")
            }
        }
        return report.decided(.genuine, because: nil)
    }
}

/// What `verify` tells the shop: the verdict and the facts behind it.
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
    public var product: ProductFacts?
    public var producer: ProducerFacts?
    public var rating: RatingFacts?
    public var lastEvent: EventFacts?

    enum CodingKeys: String, CodingKey {
        case verdict, reason, input, lot, serial, product, producer, rating, message
        case shortCode = "short_code"
        case lastEvent = "last_event"
        case exitCode = "exit_code"
    }

    func decided(_ verdict: Verdict, because reason: String?) -> VerificationReport {
        var copy = self
        copy.verdict = verdict
        copy.reason = reason
        return copy
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(verdict.rawValue, forKey: .verdict)
        try c.encode(verdict.exitCode, forKey: .exitCode)
        try c.encode(verdict.line, forKey: .message)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encode(input, forKey: .input)
        try c.encodeIfPresent(lot, forKey: .lot)
        try c.encodeIfPresent(serial, forKey: .serial)
        try c.encodeIfPresent(shortCode, forKey: .shortCode)
        try c.encodeIfPresent(product, forKey: .product)
        try c.encodeIfPresent(producer, forKey: .producer)
        try c.encodeIfPresent(rating, forKey: .rating)
        try c.encodeIfPresent(lastEvent, forKey: .lastEvent)
    }
}
