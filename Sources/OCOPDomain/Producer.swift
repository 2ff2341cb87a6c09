/// An OCOP subject ("chủ thể"): the household business, company, enterprise, cooperative or
/// cooperative group that makes products.
///
/// Addresses follow the two-level local government in force since 1 July 2025: one of the 34
/// provinces and a commune or ward ("xã Kim Hòa", "Phường 1"). An address written the old way
/// (a former province, a district) is mapped to today's province and kept as `formerAddress`,
/// for labels printed before the reform. Communes were merged too; no table of them is
/// shipped, so the commune is kept as written.
public struct Producer: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let kind: EntityKind
    /// One of the 34 provinces and centrally-run cities (`VietnamProvinces`).
    public let province: String
    /// The commune or ward, as written.
    public let commune: String
    /// The address before 1 July 2025, when it was given.
    public let formerAddress: FormerAddress?
    public let taxID: String?

    /// A three-level address of before 1 July 2025 (`FormerAddress`).
    public typealias FormerAddress = OCOPDomain.FormerAddress

    enum CodingKeys: String, CodingKey {
        case id, name, kind, province, district, commune
        case formerAddress = "former_address"
        case taxID = "tax_id"
    }

    /// Validates every field; the error names the first bad one.
    ///
    /// - Parameters:
    ///   - province: a province of today, or a former one (then mapped, and kept in `formerAddress`).
    ///   - district: a district of the old three-level address: `province` and `commune` are then
    ///     read as the old address too, and today's province is the one the old province became.
    ///   - formerAddress: the old address, given apart from today's (a register in the new shape
    ///     with the old columns filled).
    public init(id: String, name: String, kind: EntityKind, province: String, commune: String,
                district: String? = nil, formerAddress: FormerAddress? = nil, taxID: String? = nil) throws(DomainError) {
        let fields = try Self.fields(id: id, name: name, commune: commune, taxID: taxID)
        let address = try TwoLevelAddress(province: province, commune: fields.commune, district: district, formerAddress: formerAddress)
        self.init(id: fields.id, name: fields.name, kind: kind, province: address.province, commune: address.commune,
                  formerAddress: address.formerAddress, taxID: fields.taxID)
    }

    private init(id: String, name: String, kind: EntityKind, province: String, commune: String,
                 formerAddress: FormerAddress?, taxID: String?) {
        self.id = id
        self.name = name
        self.kind = kind
        self.province = province
        self.commune = commune
        self.formerAddress = formerAddress
        self.taxID = taxID
    }

    /// The fields checked the same way whatever the address.
    private static func fields(id: String, name: String, commune: String,
                               taxID: String?) throws(DomainError) -> (id: String, name: String, commune: String, taxID: String?) {
        let id = try DomainText.identifier(id, field: "producer id")
        let name = try DomainText.validated(name, field: "producer name", maxLength: 200)
        let commune = try TwoLevelAddress.validatedCommune(commune)
        guard let taxID, !taxID.isEmpty else { return (id, name, commune, nil) }
        // Vietnamese tax codes: 10 digits, or 13 with a branch suffix "-NNN".
        let digits = taxID.filter(\.isNumber)
        let shaped = taxID.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }
        guard shaped, digits.count == 10 || digits.count == 13 else {
            throw DomainError(field: "tax id", rule: "'\(taxID)' must be 10 digits, or 10 digits and a '-NNN' branch suffix")
        }
        return (id, name, commune, taxID)
    }

    /// "Đại Phước, tỉnh Vĩnh Long": the address of today, as labels and pages print it.
    public var address: String { TwoLevelAddress.line(province: province, commune: commune) }

    // Payloads of before 2026 hold the three-level shape (`district`); they decode through the
    // same mapping as a register in that shape, so old entries and old rows read alike. A
    // province no list knows (a store of an earlier version took any text) is kept as written.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.decode(String.self, forKey: .id), name = try container.decode(String.self, forKey: .name)
        let kind = try container.decode(EntityKind.self, forKey: .kind)
        let province = try container.decode(String.self, forKey: .province), commune = try container.decode(String.self, forKey: .commune)
        let district = try container.decodeIfPresent(String.self, forKey: .district)
        let former = try container.decodeIfPresent(FormerAddress.self, forKey: .formerAddress)
        let taxID = try container.decodeIfPresent(String.self, forKey: .taxID)
        do {
            self = try Self.read(id: id, name: name, kind: kind, province: province, commune: commune, district: district,
                                 formerAddress: former, taxID: taxID)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// A stored producer: as `init`, but a province no list knows is kept as written.
    private static func read(id: String, name: String, kind: EntityKind, province: String, commune: String, district: String?,
                             formerAddress: FormerAddress?, taxID: String?) throws(DomainError) -> Producer {
        do {
            return try Producer(id: id, name: name, kind: kind, province: province, commune: commune, district: district,
                                formerAddress: formerAddress, taxID: taxID)
        } catch where ["province", "former province"].contains(error.field) {
            let fields = try Self.fields(id: id, name: name, commune: commune, taxID: taxID)
            return Producer(id: fields.id, name: fields.name, kind: kind, province: province, commune: fields.commune,
                            formerAddress: district.map { FormerAddress(province: province, district: $0, commune: commune) } ?? formerAddress,
                            taxID: fields.taxID)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(province, forKey: .province)
        try container.encode(commune, forKey: .commune)
        try container.encodeIfPresent(formerAddress, forKey: .formerAddress)
        try container.encodeIfPresent(taxID, forKey: .taxID)
    }
}
