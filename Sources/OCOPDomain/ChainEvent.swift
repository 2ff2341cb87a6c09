/// One step of a batch's or a unit's journey along the value chain (GS1 CBV vocabulary).
/// Without a serial it applies to every unit of the batch.
public struct ChainEvent: Sendable, Equatable, Codable {
    public let productID: String
    public let lot: String
    public let serial: String?
    public let step: BusinessStep
    public let disposition: Disposition?
    public let at: EventTime
    public let location: String?
    /// The location register's id of where it happened (`location add`); `location` then
    /// holds that place's name and address as they were when the event was recorded.
    public let locationID: String?
    /// One step back and one step forward (Circular 02): who handed the goods over and who
    /// took them, on handover steps only.
    public let from: PartyRef?
    public let to: PartyRef?
    public let note: String?
    /// Who supplied the goods at this step (a business detail, often private).
    public let supplier: String?
    /// The price at this step, as written ("45.000 đ/hộp").
    public let price: String?
    /// Note, supplier and price are for the chain's parties only: public pages, linksets and
    /// exports leave them out unless the exporter asks for them (`--include-private`).
    public let isPrivate: Bool
    /// Set on the one event that lifts a batch's recall on purpose (`recall --lift`); no other
    /// event, whatever its disposition, ends a recall.
    public let liftsRecall: Bool

    enum CodingKeys: String, CodingKey {
        case lot, serial, step, disposition, at, location, note, supplier, price, from, to
        case locationID = "location_id"
        case isPrivate = "private"
        case productID = "product"
        case liftsRecall = "lifts_recall"
    }

    public init(productID: String, lot: String, serial: String? = nil, step: BusinessStep,
                disposition: Disposition? = nil, at: EventTime, location: String? = nil, locationID: String? = nil,
                from: PartyRef? = nil, to: PartyRef? = nil, note: String? = nil, supplier: String? = nil, price: String? = nil, isPrivate: Bool = false,
                liftsRecall: Bool = false) throws(DomainError) {
        self.productID = productID
        self.lot = lot
        self.serial = serial
        self.step = step
        self.disposition = disposition
        self.at = at
        self.location = try location.map { text throws(DomainError) in try DomainText.validated(text, field: "location", maxLength: 200) }
        self.locationID = try locationID.map { text throws(DomainError) in try DomainText.identifier(text, field: "location id") }
        if from != nil || to != nil {
            guard step.isHandover else {
                throw DomainError(field: from != nil ? "from" : "to",
                                  rule: "names the parties of a handover; \(step.rawValue) is none (use it with \(BusinessStep.handovers.map(\.rawValue).sorted().joined(separator: ", ")))")
            }
            if let from, from == to { throw DomainError(field: "to", rule: "is \(from), the same party as --from") }
        }
        self.from = from
        self.to = to
        self.note = try note.map { text throws(DomainError) in try DomainText.validated(text, field: "note", maxLength: 1000) }
        self.supplier = try supplier.map { text throws(DomainError) in try DomainText.validated(text, field: "supplier", maxLength: 200) }
        self.price = try price.map { text throws(DomainError) in try DomainText.validated(text, field: "price", maxLength: 100) }
        if isPrivate && note == nil && supplier == nil && price == nil {
            throw DomainError(field: "private", rule: "marks the note, supplier and price private; give at least one of them")
        }
        self.isPrivate = isPrivate
        self.liftsRecall = liftsRecall
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        productID = try c.decode(String.self, forKey: .productID)
        lot = try c.decode(String.self, forKey: .lot)
        serial = try c.decodeIfPresent(String.self, forKey: .serial)
        step = try c.decode(BusinessStep.self, forKey: .step)
        disposition = try c.decodeIfPresent(Disposition.self, forKey: .disposition)
        at = try c.decode(EventTime.self, forKey: .at)
        location = try c.decodeIfPresent(String.self, forKey: .location)
        locationID = try c.decodeIfPresent(String.self, forKey: .locationID)
        from = try c.decodeIfPresent(PartyRef.self, forKey: .from)
        to = try c.decodeIfPresent(PartyRef.self, forKey: .to)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        supplier = try c.decodeIfPresent(String.self, forKey: .supplier)
        price = try c.decodeIfPresent(String.self, forKey: .price)
        isPrivate = try c.decodeIfPresent(Bool.self, forKey: .isPrivate) ?? false
        liftsRecall = try c.decodeIfPresent(Bool.self, forKey: .liftsRecall) ?? false
    }

    /// New fields and flags are written only when set, so every event logged before they existed keeps its bytes.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(productID, forKey: .productID)
        try c.encode(lot, forKey: .lot)
        try c.encodeIfPresent(serial, forKey: .serial)
        try c.encode(step, forKey: .step)
        try c.encodeIfPresent(disposition, forKey: .disposition)
        try c.encode(at, forKey: .at)
        try c.encodeIfPresent(location, forKey: .location)
        try c.encodeIfPresent(locationID, forKey: .locationID)
        try c.encodeIfPresent(from, forKey: .from)
        try c.encodeIfPresent(to, forKey: .to)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(supplier, forKey: .supplier)
        try c.encodeIfPresent(price, forKey: .price)
        if isPrivate { try c.encode(true, forKey: .isPrivate) }
        if liftsRecall { try c.encode(true, forKey: .liftsRecall) }
    }

    /// The note as the public may see it: nil when private.
    public var publicNote: String? { isPrivate ? nil : note }

    /// A recall is a disposition, not a step of its own.
    public var isRecall: Bool { disposition == .recalled }
    /// The unit changed hands at a till.
    public var isRetailSale: Bool { step == .retailSelling }
}
