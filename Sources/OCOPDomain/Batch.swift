/// A production batch (lot) of one product and the number of unit codes issued for it.
public struct Batch: Sendable, Equatable, Codable {
    public let productID: String
    public let lot: String
    public let units: Int
    public let produced: CalendarDate?
    public let expires: CalendarDate?

    enum CodingKeys: String, CodingKey {
        case lot, units, produced, expires
        case productID = "product"
    }

    /// The largest batch one command issues; bigger runs are split into several lots.
    public static let maximumUnits = 1_000_000

    public init(productID: String, lot: String, units: Int, produced: CalendarDate? = nil,
                expires: CalendarDate? = nil) throws(DomainError) {
        self.productID = try DomainText.identifier(productID, field: "product id")
        try GS1Characters.validateLot(lot)
        self.lot = lot
        guard (1...Self.maximumUnits).contains(units) else {
            throw DomainError(field: "units", rule: "\(units) is out of range; issue 1 to \(Self.maximumUnits) units per batch")
        }
        self.units = units
        try produced?.requirePlausible(field: "produced")
        try expires?.requirePlausible(field: "expires")
        if let produced, let expires, expires <= produced {
            throw DomainError(field: "expires", rule: "\(expires) must be after the production date \(produced)")
        }
        self.produced = produced
        self.expires = expires
    }
}
