/// The minimum traceability data of Circular 02/2024/TT-BKHCN, as records the national
/// traceability portal can take: one per product (the ten fields) and one per stage (product
/// trace code, location trace code, time, step, one step back, one step forward).
public struct Circular02File: Sendable, Encodable {
    public let format = "ocop-trace circular02"
    public let version = 1
    public let resolver: String
    /// Stages logged after this seq only (0: all).
    public let since: Int64
    /// The log head read: pass it as `--since` next time.
    public let lastSeq: Int64
    public let products: [Circular02Product]

    enum CodingKeys: String, CodingKey {
        case format, version, resolver, since, products
        case lastSeq = "last_seq"
    }
}

public struct Circular02Product: Sendable, Encodable {
    public let productID: String
    /// 1. Product name.
    public let productName: String
    /// 2. Product image: where the resolver serves it.
    public let productImage: String?
    /// 3-4. Producer name and address (two-level, 2026).
    public let producerName: String
    public let producerAddress: String
    public let producerTaxID: String?
    /// 6. Production time: the production dates of its batches (one date, or first/last).
    public let productionTime: String?
    /// 7. Traceability code: the product's GS1 Digital Link.
    public let traceabilityCode: String
    /// 8. Brand and model (serials are per unit: on the unit stages).
    public let brand: String?
    public let model: String?
    /// 9. Shelf life.
    public let shelfLifeDays: Int?
    /// 10. Standards applied.
    public let standards: [String]
    /// 5. The stages.
    public let stages: [Circular02Stage]

    enum CodingKeys: String, CodingKey {
        case brand, model, standards, stages
        case productID = "product_id"
        case productName = "product_name"
        case productImage = "product_image"
        case producerName = "producer_name"
        case producerAddress = "producer_address"
        case producerTaxID = "producer_tax_id"
        case productionTime = "production_time"
        case traceabilityCode = "traceability_code"
        case shelfLifeDays = "shelf_life_days"
    }
}

public struct Circular02Stage: Sendable, Encodable {
    public let seq: Int64
    public let lot: String
    /// A unit's serial; nil for a stage of the whole batch.
    public let serial: String?
    /// The lot's production date.
    public let produced: String?
    /// The unit's or the batch's GS1 Digital Link.
    public let productTraceCode: String
    /// The place's GLN, or its location register id; nil when the event gave free text only.
    public let locationTraceCode: String?
    public let location: String?
    public let time: String
    public let step: String
    public let disposition: String?
    /// The parties' trace codes (a location's GLN or `location:ID`, `producer:ID`, `actor:ID`) and names.
    public let from: String?
    public let fromName: String?
    public let to: String?
    public let toName: String?

    enum CodingKeys: String, CodingKey {
        case seq, lot, serial, produced, location, time, step, disposition, from, to
        case productTraceCode = "product_trace_code"
        case locationTraceCode = "location_trace_code"
        case fromName = "from_name"
        case toName = "to_name"
    }
}
