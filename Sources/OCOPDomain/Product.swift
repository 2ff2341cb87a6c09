/// An OCOP product of one producer, optionally with a GS1 GTIN.
public struct Product: Sendable, Equatable, Codable {
    public let id: String
    public let producerID: String
    public let name: String
    public let group: ProductGroup
    /// 14 digits, check digit verified; nil for products without a GS1 number.
    public let gtin: String?

    enum CodingKeys: String, CodingKey {
        case id, name, group, gtin
        case producerID = "producer"
    }

    public init(id: String, producerID: String, name: String, group: ProductGroup, gtin: String? = nil) throws(DomainError) {
        self.id = try DomainText.identifier(id, field: "product id")
        self.producerID = try DomainText.identifier(producerID, field: "producer id")
        self.name = try DomainText.validated(name, field: "product name", maxLength: 200)
        self.group = group
        if let gtin, !gtin.isEmpty {
            self.gtin = try GTIN(gtin).gtin14
        } else {
            self.gtin = nil
        }
    }
}
