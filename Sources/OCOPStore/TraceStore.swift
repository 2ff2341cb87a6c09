import Crypto
import OCOPDomain

/// Everything the commands need from a store, whatever engine holds it (SQLite now,
/// PostgreSQL for shared use). Every write appends to the hash-chained log and updates the
/// derived tables in the same transaction.
public protocol TraceStore: Sendable {
    var settings: StoreSettings { get }

    // Registry
    func addProducer(_ producer: Producer, actor: LogAuthor) throws(StoreError) -> LogEntry
    func addProduct(_ product: Product, actor: LogAuthor) throws(StoreError) -> LogEntry
    func rate(_ rating: Rating, productID: String, actor: LogAuthor) throws(StoreError) -> LogEntry
    func withdrawRating(productID: String, decisionNumber: String, date: CalendarDate, reason: String?,
                        actor: LogAuthor) throws(StoreError) -> LogEntry
    func importRegister(_ rows: [RegisterRow], actor: LogAuthor, dryRun: Bool) throws(StoreError) -> ImportSummary

    func producers() throws(StoreError) -> [Producer]
    func producer(id: String) throws(StoreError) -> Producer?
    func products(producerID: String?) throws(StoreError) -> [Product]
    func product(id: String) throws(StoreError) -> Product?
    func product(gtin: String) throws(StoreError) -> Product?
    /// Every rating decision of a product, oldest first; the last one is in force.
    func ratings(productID: String) throws(StoreError) -> [RatingRecord]

    // Locations (Circular 02: a location trace code for every stage)
    func addLocation(_ location: Location, actor: LogAuthor) throws(StoreError) -> LogEntry
    func locations() throws(StoreError) -> [Location]
    func location(id: String) throws(StoreError) -> Location?

    // Fake reports (the resolver's "Báo hàng giả" form)
    func reportFake(_ report: FakeReport, actor: LogAuthor) throws(StoreError) -> LogEntry
    /// Every report, oldest first, read from the log itself.
    func fakeReports() throws(StoreError) -> [FakeReportRecord]
    // Scratch-off PINs
    /// A PIN check in one write: `decide` sees the unit's records under the writer lock and
    /// returns the `pin_claimed` entry to log, or nil.
    func checkPin(_ key: UnitKey, actor: LogAuthor,
                  decide: (UnitRecords?) -> PinClaim?) throws(StoreError) -> (records: UnitRecords?, logged: LogEntry?)
    /// The secret key of the store's PIN hashes (`PinPepper`), created first when `create`.
    func pinPepper(create: Bool) throws(StoreError) -> SymmetricKey
    /// Every logged correct PIN check, of one batch or of all.
    func pinClaims(productID: String?, lot: String?) throws(StoreError) -> [PinClaimRecord]

    // Codes
    /// Issues the batch and its unit codes in one transaction. `progress` is called after each
    /// logged chunk with that chunk's units and the count so far: for progress bars, and for work
    /// that may start before the commit (signing) but must be dropped if the call throws.
    func issueBatch(_ batch: Batch, actor: LogAuthor, pinHashes: ((_ serials: [String]) -> [String])?,
                    progress: (@Sendable (_ chunk: [UnitRecord], _ done: Int) -> Void)?) throws(StoreError) -> IssuedBatch
    func batches(productID: String?) throws(StoreError) -> [BatchRecord]
    func batch(productID: String, lot: String) throws(StoreError) -> BatchRecord?
    /// Batches with this lot across products (lots are unique per product only).
    func batches(lot: String) throws(StoreError) -> [BatchRecord]
    func units(productID: String, lot: String) throws(StoreError) -> [UnitRecord]
    func unit(serial: String) throws(StoreError) -> UnitRecord?
    func unit(shortCode: String) throws(StoreError) -> UnitRecord?

    // Chain events
    func addChainEvent(_ event: ChainEvent, actor: LogAuthor) throws(StoreError) -> LogEntry
    /// Appends the event unless `refusal`, given the unit's records read inside the write
    /// transaction, gives a reason (then `.conflict`, nothing written).
    func addChainEvent(_ event: ChainEvent, actor: LogAuthor, unless refusal: (UnitRecords?) -> String?) throws(StoreError) -> LogEntry
    /// The unit's chain in time order, batch events included.
    func history(productID: String, lot: String, serial: String?) throws(StoreError) -> [ChainEventRecord]
    /// Every event of a batch, batch-level and of each unit, in time order (`trace forward --batch`).
    func batchEvents(productID: String, lot: String) throws(StoreError) -> [ChainEventRecord]
    /// Every chain event logged after `seq`, in log order (for exports).
    func chainEvents(after seq: Int64) throws(StoreError) -> [ChainEventRecord]

    // Stamps
    /// Records stamps rendered or withdrawn, all in one transaction.
    func recordStamps(_ stamps: [StampRecord], actor: LogAuthor) throws(StoreError) -> [LogEntry]
    /// The latest stamp record of every product that has one, by product id.
    func stamps() throws(StoreError) -> [String: StampRecord]
    /// Stamp records of a `restamp` run and the run itself, in one write.
    func recordRestamp(_ stamps: [StampRecord], run: RestampRun, actor: LogAuthor) throws(StoreError) -> [LogEntry]
    /// The latest `restamp` run, or nil before the first.
    func lastRestampRun() throws(StoreError) -> RestampRun?
    /// A product's Circular 02 / passport details (`product set`), with its image's bytes.
    func setProductDetails(_ details: ProductDetails, image: [UInt8]?, actor: LogAuthor) throws(StoreError) -> LogEntry
    func productDetails(productID: String) throws(StoreError) -> ProductDetails?
    func productImage(sha256: String) throws(StoreError) -> (mediaType: String, bytes: [UInt8])?
    /// Re-rating decisions (grants and withdrawals) for many products, all or nothing.
    func applyRatingDecisions(_ decisions: [RatingDecisionRow], actor: LogAuthor, dryRun: Bool) throws(StoreError) -> Int

    // Keys
    /// Every public key this store has signed with, oldest first; the last one signs new codes.
    func issuerKeys() throws(StoreError) -> [IssuerKey]

    // Scans (the web resolver)
    /// Logs one resolution of a unit code by a client (a salted hash of its address), unless the
    /// same client's last logged scan of the same serial is younger than `interval` seconds.
    /// Returns the new entry, or nil when the scan fell inside the interval.
    func recordScan(serial: String, client: String, interval: Double, actor: LogAuthor) throws(StoreError) -> LogEntry?
    /// Logs many scans in one transaction (the resolver's group commit), each under the same
    /// interval rule as `recordScan`; scans of serials the store does not hold are skipped.
    /// `beforeCommit` is told which were written, with their seqs, inside the transaction (the
    /// resolver's queue then knows them before any read can see them). Returns the entries written.
    func recordScans(_ scans: [ScanRequest], interval: Double, actor: LogAuthor,
                     beforeCommit: ([LoggedScan]) -> Void) throws(StoreError) -> [LogEntry]
    /// Scan figures of every unit of a batch (or, with no batch, of every unit ever scanned),
    /// with the time of its first recorded sale.
    func scanStatistics(productID: String?, lot: String?) throws(StoreError) -> [UnitScanStatistics]
    /// How often, and from how many distinct clients, a unit's code was resolved.
    func scanSummary(serial: String) throws(StoreError) -> ScanSummary

    // Log
    func verifyLog() throws(StoreError) -> LogVerification

    // Actors and trust
    /// Who the signed log trusts: the store key, the actors and their keys.
    func logTrust() throws(StoreError) -> LogTrust
    /// The store's creator, signing with the store key from the key folder.
    func creatorAuthor() throws(StoreError) -> LogAuthor
    func addActor(_ record: ActorRecord, publicKey: String, actor: LogAuthor) throws(StoreError) -> LogEntry
    func revokeActor(id: String, reason: String?, actor: LogAuthor) throws(StoreError) -> LogEntry
    /// A new device token of `actorID` for the write API; the text is returned once, only its hash is logged.
    /// With `enrolLink`, a one-time enrol link for the shop page instead (see `enrol(link:signer:)`).
    func issueToken(for actorID: String, name: String?, expires: String?, enrolLink: Bool,
                    actor: LogAuthor) throws(StoreError) -> (entry: LogEntry, secret: DeviceTokenSecret)
    /// Uses a one-time enrol link: a fresh device token of the link's actor, the link used up.
    func enrol(link text: String, signer: LogAuthor) throws(StoreError) -> (entry: LogEntry, secret: DeviceTokenSecret)
    func revokeToken(id: String, reason: String?, actor: LogAuthor) throws(StoreError) -> LogEntry
    /// A signed statement of the log's head, by the store key in force (`LogCheckpoint`).
    func checkpoint() throws(StoreError) -> LogCheckpoint
    /// The signed list of these batches' serials, read from the log alone (`SerialList`).
    func serialList(of batches: [BatchRecord]) throws(StoreError) -> SerialList
    /// The unit a verdict is about, its log facts and the derived rows to compare them with, in
    /// one read (one round trip per statement, one connection, one snapshot); nil if no such unit.
    func unitRecords(_ key: UnitKey) throws(StoreError) -> UnitRecords?
    func logEntries(after seq: Int64, limit: Int) throws(StoreError) -> [LogEntry]
    /// The newest log entry (the chain's head), or nil for an empty log.
    func lastLogEntry() throws(StoreError) -> LogEntry?
    /// Rebuilds every derived table from the log alone.
    func reindex() throws(StoreError) -> Int64

    /// Runs `body` with every read it makes in one read transaction of the store, where the
    /// engine can (a resolver page: one snapshot, one BEGIN and COMMIT instead of one a read).
    /// `body` must not write.
    func readingTogether<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T
}

/// One of the issuer's Ed25519 public keys, named by its key id.
public struct IssuerKey: Sendable, Equatable, Codable {
    /// The first 16 hex digits of SHA-256 over the raw public key.
    public let id: String
    /// Raw 32 bytes in base64url.
    public let publicKey: String
    /// The log entry that introduced it.
    public let seq: Int64

    enum CodingKeys: String, CodingKey {
        case id, seq
        case publicKey = "public_key"
    }

    public init(id: String, publicKey: String, seq: Int64) {
        self.id = id
        self.publicKey = publicKey
        self.seq = seq
    }
}

/// What a store was created with; the resolver is fixed for its lifetime, the key can rotate.
public struct StoreSettings: Sendable, Equatable, Codable {
    /// Host (and optional port) of the resolver codes point at, e.g. `id.example.vn`.
    public let resolver: String
    /// The issuer's Ed25519 public key, raw 32 bytes in base64url.
    public let publicKey: String

    enum CodingKeys: String, CodingKey {
        case resolver
        case publicKey = "public_key"
    }

    public init(resolver: String, publicKey: String) {
        self.resolver = resolver
        self.publicKey = publicKey
    }
}

extension TraceStore {
    public func readingTogether<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T { try body() }
}
