/// One row of the append-only log: every change to a store is one of these.
public struct LogEntry: Sendable, Equatable {
    public let seq: Int64
    /// When it was appended, UTC, ISO 8601 with milliseconds.
    public let time: String
    /// Kept as text: a tampered row may hold a kind this version does not know.
    public let kind: String
    public let actor: String
    /// Canonical JSON: what the hash covers, byte for byte.
    public let payload: String
    public let previousHash: String
    public let hash: String
}

/// What a log entry records. The raw value is stored in the `kind` column.
public enum LogEventKind: String, Sendable, CaseIterable {
    case storeCreated = "store.created"
    case producerAdded = "producer.added"
    case productAdded = "product.added"
    case productRated = "product.rated"
    case ratingWithdrawn = "product.rating_withdrawn"
    case batchIssued = "batch.issued"
    case unitsIssued = "units.issued"
    case chainEvent = "chain.event"
    /// A product's star stamps were rendered for a rating, or taken off after it lapsed.
    case stampRecorded = "stamp.recorded"
}
