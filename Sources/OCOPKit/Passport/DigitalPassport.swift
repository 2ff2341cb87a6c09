import OCOPDomain
import OCOPStore

/// The digital product passport of Decree 37/2026/NĐ-CP, Article 32, with the minimum data of
/// Circular 02/2024/TT-BKHCN: for one unit (its code, batch and journey) or for a product.
/// `missing` names what the producer must still fill in (`passport check`).
public struct DigitalPassport: Sendable, Encodable {
    public struct Party: Sendable, Encodable {
        public let name: String
        public let address: String
        public let formerAddress: String?
        public let taxID: String?
        /// The register's producer id (internal: the public page leaves it out).
        public fileprivate(set) var registerID: String?
        /// The tax code when known, else the register's producer id.
        public var identifier: String? { taxID ?? registerID }
        enum CodingKeys: String, CodingKey {
            case name, address, identifier
            case formerAddress = "former_address"
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(address, forKey: .address)
            try container.encodeIfPresent(formerAddress, forKey: .formerAddress)
            try container.encodeIfPresent(identifier, forKey: .identifier)
        }
    }

    public struct Certificate: Sendable, Encodable {
        public let scheme: String
        public let stars: Int?
        public let decisionNumber: String
        public let decisionDate: String
        public let level: String?
        public let validUntil: String?
        public let status: String
        enum CodingKeys: String, CodingKey {
            case scheme, stars, level, status
            case decisionNumber = "decision_no"
            case decisionDate = "decision_date"
            case validUntil = "valid_until"
        }
    }

    public struct Stage: Sendable, Encodable {
        public let step: String
        public let at: String
        public let location: String?
    }

    /// The one identifier of this passport: the unit's (or the product's) GS1 Digital Link.
    public let identifier: String
    public let productName: String
    public let gtin: String?
    public let brand: String?
    public let model: String?
    public let serial: String?
    public private(set) var producer: Party?
    /// Where the last finishing stage took place (the last packing, else the producer's address).
    public let origin: String?
    /// The unit's trace (the resolver's page) and its stages, for a unit.
    public let traceability: String?
    public let stages: [Stage]
    public let certificates: [Certificate]
    public let standards: [String]
    public let lot: String?
    public let produced: String?
    public let expires: String?
    public let shelfLifeDays: Int?
    public let warnings: String?
    /// SHA-256 of the product image in the store.
    public let image: String?
    public let missing: [String]

    enum CodingKeys: String, CodingKey {
        case identifier, gtin, brand, model, serial, producer, origin, traceability, stages, certificates, standards, lot
        case produced, expires, warnings, image, missing
        case productName = "product_name"
        case shelfLifeDays = "shelf_life_days"
    }

    /// The passport as the public resolver shows it: without the register's internal producer id.
    public var forPublic: DigitalPassport {
        var copy = self
        copy.producer?.registerID = nil
        return copy
    }

    /// A product's passport (no unit: no lot, dates or stages).
    public static func of(product: Product, producer: Producer?, ratings: [RatingRecord], details: ProductDetails?,
                          identifier: String, on day: CalendarDate) -> DigitalPassport {
        make(product: product, producer: producer, ratings: ratings, details: details, identifier: identifier,
             unit: nil, on: day)
    }

    /// A unit's passport, from the facts its verification proved; its identifier is the unit's
    /// Digital Link on `host` (unsigned), its trace `trace` (the resolver's page), else that link.
    public static func of(unit facts: UnitFacts, details: ProductDetails?, host: String, trace: String? = nil,
                          on day: CalendarDate) throws(DomainError) -> DigitalPassport {
        let serial = try Serial(parsing: facts.unit.serial)
        let identifier = try DigitalLink.unit(host: host, key: DigitalLink.Key(product: facts.product), lot: facts.batch.lot, serial: serial).uri
        return make(product: facts.product, producer: facts.producer, ratings: facts.ratings, details: details, identifier: identifier,
                    unit: (facts, trace ?? identifier), on: day)
    }

    private static func make(product: Product, producer: Producer?, ratings: [RatingRecord], details: ProductDetails?,
                             identifier: String, unit: (facts: UnitFacts, trace: String)?, on day: CalendarDate) -> DigitalPassport {
        let party = producer.map { p in
            Party(name: p.name, address: p.address, formerAddress: p.formerAddress?.line, taxID: p.taxID, registerID: p.id)
        }
        let stages = unit?.facts.events.map { record in
            Stage(step: record.event.step.rawValue, at: record.event.at.text, location: record.event.location)
        } ?? []
        let finishing = unit?.facts.events.last { $0.event.step == .packing || $0.event.step == .commissioning }?.event.location
        let certificates = ratings.last.map { rating in
            [Certificate(scheme: "OCOP", stars: rating.action == .rate ? rating.stars : nil, decisionNumber: rating.decisionNumber,
                         decisionDate: rating.decisionDate.iso8601, level: rating.level?.rawValue, validUntil: rating.validUntil?.iso8601,
                         status: rating.status(on: day).description)]
        } ?? []
        var missing: [String] = []
        if product.gtin == nil { missing.append("gtin") }
        if producer == nil { missing.append("producer") } else if producer?.taxID == nil { missing.append("producer tax id") }
        if certificates.isEmpty || ratings.last?.status(on: day).allowsStamp != true { missing.append("certificate in force") }
        if details?.image == nil { missing.append("image") }
        if details?.standards.isEmpty ?? true { missing.append("standards") }
        if details?.warnings == nil { missing.append("safety warnings") }
        if let unit {
            if unit.facts.batch.produced == nil { missing.append("production date") }
            if unit.facts.batch.expires == nil && details?.shelfLifeDays == nil { missing.append("expiry date") }
        } else if details?.shelfLifeDays == nil {
            missing.append("shelf life")
        }
        return DigitalPassport(
            identifier: identifier, productName: product.name, gtin: product.gtin, brand: details?.brand, model: details?.model,
            serial: unit?.facts.unit.serial, producer: party, origin: finishing ?? producer?.address, traceability: unit?.trace,
            stages: stages, certificates: certificates, standards: details?.standards ?? [], lot: unit?.facts.batch.lot,
            produced: unit?.facts.batch.produced?.iso8601, expires: unit?.facts.batch.expires?.iso8601,
            shelfLifeDays: details?.shelfLifeDays, warnings: details?.warnings, image: details?.image?.sha256, missing: missing)
    }
}
