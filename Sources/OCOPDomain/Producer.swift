/// An OCOP subject ("chủ thể"): the household business, company, enterprise, cooperative or
/// cooperative group that makes products.
public struct Producer: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let kind: EntityKind
    public let province: String
    public let district: String
    public let commune: String
    public let taxID: String?

    enum CodingKeys: String, CodingKey {
        case id, name, kind, province, district, commune
        case taxID = "tax_id"
    }

    /// Validates every field; the error names the first bad one.
    public init(id: String, name: String, kind: EntityKind, province: String, district: String,
                commune: String, taxID: String? = nil) throws(DomainError) {
        self.id = try DomainText.identifier(id, field: "producer id")
        self.name = try DomainText.validated(name, field: "producer name", maxLength: 200)
        self.kind = kind
        self.province = try DomainText.validated(province, field: "province", maxLength: 100)
        self.district = try DomainText.validated(district, field: "district", maxLength: 100)
        self.commune = try DomainText.validated(commune, field: "commune", maxLength: 100)
        if let taxID, !taxID.isEmpty {
            // Vietnamese tax codes: 10 digits, or 13 with a branch suffix "-NNN".
            let digits = taxID.filter(\.isNumber)
            let shaped = taxID.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }
            guard shaped, digits.count == 10 || digits.count == 13 else {
                throw DomainError(field: "tax id", rule: "'\(taxID)' must be 10 digits, or 10 digits and a '-NNN' branch suffix")
            }
            self.taxID = taxID
        } else {
            self.taxID = nil
        }
    }

    /// "commune, district, province", as an address line on labels.
    public var address: String { "\(commune), \(district), \(province)" }
}
