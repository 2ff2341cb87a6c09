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
    case storeCreated = "store_created"
    case producerAdded = "producer_added"
    case productAdded = "product_added"
    case productRated = "product_rated"
    case ratingWithdrawn = "rating_withdrawn"
    case batchIssued = "batch_issued"
    case unitsIssued = "units_issued"
    case chainEvent = "chain_event"
    /// A product's star stamps were rendered for a rating.
    case stampRendered = "stamp_rendered"
    /// A product's stamps must come off the shelves: the rating they show lapsed or was withdrawn.
    case stampWithdrawn = "stamp_withdrawn"
    /// The issuer's signing key was replaced; the old public key stays valid for old codes.
    case keyRotated = "key_rotated"
    /// A unit's code was resolved by the web resolver (`serve`): the serial and a salted hash of
    /// the client's address, never the address itself.
    case codeScanned = "code_scanned"
    /// A party of the chain was given its own key and role (signed by a province actor).
    case actorAdded = "actor_added"
    /// An actor's key stops being accepted from here on; its earlier entries stay valid.
    case actorRevoked = "actor_revoked"
    /// The signature of one write: the hashes of the entries it appended (`LogSeal`).
    case logSealed = "log_sealed"
    /// A device token of an actor for the write API (only the token's hash is logged).
    case tokenIssued = "token_issued"
    /// A device token stops being accepted from here on.
    case tokenRevoked = "token_revoked"
    /// A `restamp` run: its day and the products it listed for withdrawal whose stamps were
    /// printed outside this tool, so the next run lists only what lapsed since.
    case restampRun = "restamp_run"
    /// A product's Circular 02 / passport details (brand, model, shelf life, standards,
    /// warnings, image by SHA-256); the latest of a product replaces the earlier.
    case productDetails = "product_details"
    /// A place of the value chain entered in the location register (`location add`).
    case locationAdded = "location_added"
    /// A shopper reported a label as fake from the resolver's page (the code, a note, the
    /// client's salted hash); signed by the resolver with the store key, as scans are.
    case fakeReported = "fake_reported"
    /// The hashes of a chunk's scratch-off PINs (`batch issue --pins`), right after the chunk's
    /// `units_issued` entry: HMAC-SHA256 under the store's pepper, never the PINs.
    case pinsIssued = "pins_issued"
    /// A unit's PIN was checked correctly for the first time (the serial, the client's salted
    /// hash); signed with the store key, as scans are. A second correct check is `PIN_REUSED`.
    case pinClaimed = "pin_claimed"
}
