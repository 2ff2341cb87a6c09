import OCOPDomain

public struct BatchRecord: Sendable, Equatable, Codable {
    public let seq: Int64
    public let productID: String
    public let lot: String
    public let units: Int
    public let produced: CalendarDate?
    public let expires: CalendarDate?
    /// The rating in force when the batch was issued: the stars its stamps show.
    public let ratingSeq: Int64?

    enum CodingKeys: String, CodingKey {
        case seq, lot, units, produced, expires
        case productID = "product"
        case ratingSeq = "rating_seq"
    }
}

public struct UnitRecord: Sendable, Equatable, Codable {
    public let serial: String
    public let shortCode: String
    public let productID: String
    public let lot: String
    /// The log entry that issued it.
    public let seq: Int64

    public init(serial: String, shortCode: String, productID: String, lot: String, seq: Int64) {
        self.serial = serial
        self.shortCode = shortCode
        self.productID = productID
        self.lot = lot
        self.seq = seq
    }

    enum CodingKeys: String, CodingKey {
        case serial, lot, seq
        case shortCode = "short_code"
        case productID = "product"
    }
}

public struct ChainEventRecord: Sendable, Equatable, Codable {
    public let seq: Int64
    public let actor: String
    public let event: ChainEvent

    public init(seq: Int64, actor: String, event: ChainEvent) {
        self.seq = seq
        self.actor = actor
        self.event = event
    }
}

/// One resolution of a unit code to be logged: the serial and the client's salted hash.
public struct ScanRequest: Sendable, Equatable, Hashable {
    public let serial: String
    public let client: String

    public init(serial: String, client: String) {
        self.serial = serial
        self.client = client
    }
}

/// How often a unit's code was resolved, and from how many distinct clients.
public struct ScanSummary: Sendable, Equatable, Codable {
    public let scans: Int
    public let distinctClients: Int
    /// Times (UTC, ISO 8601) of the first and latest logged scan.
    public let first: String?
    public let last: String?
    /// The log seq of the latest logged scan in the read that gave these figures (not encoded):
    /// a scan logged with a higher seq is not in them.
    public private(set) var lastSeq: Int64?

    enum CodingKeys: String, CodingKey {
        case scans, first, last
        case distinctClients = "distinct_clients"
    }

    public init(scans: Int, distinctClients: Int, first: String?, last: String?, lastSeq: Int64? = nil) {
        self.scans = scans
        self.distinctClients = distinctClients
        self.first = first
        self.last = last
        self.lastSeq = lastSeq
    }
}

/// A scan the store logged: its unit and its entry's seq.
public typealias LoggedScan = (serial: String, seq: Int64)

/// The outcome of walking the whole chain.
public struct LogVerification: Sendable, Equatable, Codable {
    public let entries: Int64
    public let headHash: String
    /// The first seq whose hash or link does not match; nil when the chain is whole.
    public let firstBadSeq: Int64?
    public let problem: String?

    enum CodingKeys: String, CodingKey {
        case entries, problem
        case headHash = "head_hash"
        case firstBadSeq = "first_bad_seq"
    }

    public var isIntact: Bool { firstBadSeq == nil }
}

public struct IssuedBatch: Sendable, Equatable {
    public let batch: BatchRecord
    public let units: [UnitRecord]
}

/// One row of a province's product register (see `RegisterCSV`).
public struct RegisterRow: Sendable, Equatable {
    public let line: Int
    public let producer: Producer
    public let product: Product
    public let rating: Rating?

    public init(line: Int, producer: Producer, product: Product, rating: Rating?) {
        self.line = line
        self.producer = producer
        self.product = product
        self.rating = rating
    }
}

public struct ImportSummary: Sendable, Equatable, Codable {
    public let producersAdded: Int
    public let producersKept: Int
    public let productsAdded: Int
    public let ratings: Int

    enum CodingKeys: String, CodingKey {
        case ratings
        case producersAdded = "producers_added"
        case producersKept = "producers_kept"
        case productsAdded = "products_added"
    }
}
