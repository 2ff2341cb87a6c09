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
    public let note: String?

    enum CodingKeys: String, CodingKey {
        case lot, serial, step, disposition, at, location, note
        case productID = "product"
    }

    public init(productID: String, lot: String, serial: String? = nil, step: BusinessStep,
                disposition: Disposition? = nil, at: EventTime, location: String? = nil,
                note: String? = nil) throws(DomainError) {
        self.productID = productID
        self.lot = lot
        self.serial = serial
        self.step = step
        self.disposition = disposition
        self.at = at
        self.location = try location.map { text throws(DomainError) in try DomainText.validated(text, field: "location", maxLength: 200) }
        self.note = try note.map { text throws(DomainError) in try DomainText.validated(text, field: "note", maxLength: 1000) }
    }

    /// A recall is a disposition, not a step of its own.
    public var isRecall: Bool { disposition == .recalled }
    /// The unit changed hands at a till.
    public var isRetailSale: Bool { step == .retailSelling }
}
