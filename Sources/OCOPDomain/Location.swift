/// A place of the value chain (a farm, a workshop, a warehouse, a shop) in the location
/// register: Circular 02 asks every stage for a location trace code, which is its GLN when it
/// has one, else its register id.
public struct Location: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let province: String
    public let commune: String
    public let formerAddress: FormerAddress?
    public let gln: GLN?
    public let geo: GeoPoint?

    enum CodingKeys: String, CodingKey {
        case id, name, province, commune, gln, geo
        case formerAddress = "former_address"
    }

    /// Validates every field; the error names the first bad one. The address reads as a
    /// producer's does (`TwoLevelAddress`): a former province or a district is mapped to today's.
    public init(id: String, name: String, province: String, commune: String, district: String? = nil,
                formerAddress: FormerAddress? = nil, gln: String? = nil, geo: String? = nil) throws(DomainError) {
        self.id = try DomainText.identifier(id, field: "location id")
        self.name = try DomainText.validated(name, field: "location name", maxLength: 200)
        let address = try TwoLevelAddress(province: province, commune: commune, district: district, formerAddress: formerAddress)
        self.province = address.province
        self.commune = address.commune
        self.formerAddress = address.formerAddress
        self.gln = try gln.flatMap { text throws(DomainError) in text.isEmpty ? nil : try GLN(text) }
        self.geo = try geo.flatMap { text throws(DomainError) in text.isEmpty ? nil : try GeoPoint(text) }
    }

    /// Decoding validates again, so a payload edited in the store cannot hold what `init` refuses.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(id: c.decode(String.self, forKey: .id), name: c.decode(String.self, forKey: .name),
                          province: c.decode(String.self, forKey: .province), commune: c.decode(String.self, forKey: .commune),
                          formerAddress: c.decodeIfPresent(FormerAddress.self, forKey: .formerAddress),
                          gln: c.decodeIfPresent(String.self, forKey: .gln), geo: c.decodeIfPresent(String.self, forKey: .geo))
        } catch let error as DomainError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// "xã Kim Hòa, tỉnh Vĩnh Long".
    public var address: String { TwoLevelAddress.line(province: province, commune: commune) }

    /// Circular 02's location trace code: the GLN when there is one, else the register id.
    public var traceCode: String { gln?.digits ?? id }

    /// "Kho Càng Long, xã Kim Hòa, tỉnh Vĩnh Long": what an event's location text says.
    public var line: String { "\(name), \(address)" }
}
