import Foundation
import OCOPDomain
import Synchronization

/// A value read straight from the log entry that recorded it: the entry comes along so the
/// caller can check its hash before believing the value.
public struct LoggedFact<Value: Sendable>: Sendable {
    public let entry: LogEntry
    public let value: Value
}

/// What one `units_issued` entry says about one unit.
public struct IssuedChunk: Sendable {
    public let productID: String
    public let lot: String
    /// The entry issues the unit's serial with the unit's short code.
    public let issuesUnit: Bool

    /// Reads the product and lot of a chunk without decoding its 1,000 pairs (the costliest part
    /// of a verify otherwise). The payload is canonical JSON, keys in byte order (`lot`,
    /// `product`, `units`), and quotes inside strings are escaped, so the first `,"units":[`
    /// ends the two fields; the pair is looked up as its exact JSON text.
    static func read(_ payload: String, serial: String, shortCode: String) -> IssuedChunk? {
        var payload = payload
        payload.makeContiguousUTF8()
        let pair = Array(("[" + CanonicalJSON.string(serial).canonicalText + "," + CanonicalJSON.string(shortCode).canonicalText + "]").utf8)
        return payload.utf8.withContiguousStorageIfAvailable { bytes -> IssuedChunk? in
            // Byte searches: Foundation's string search on a 30 kB payload was an eighth of a verify.
            guard let end = find(Array(#","units":["#.utf8), in: bytes, from: 0) else { return nil }
            guard let head = Head.read(Array(bytes[..<end])) else { return nil }
            return IssuedChunk(productID: head.product, lot: head.lot, issuesUnit: find(pair, in: bytes, from: end) != nil)
        } ?? nil
    }

    /// A chunk's product and lot, decoded once per distinct head text (a thousand units share one).
    struct Head: Decodable {
        let lot: String
        let product: String

        private static let known = Mutex<[[UInt8]: Head]>([:])

        static func read(_ bytes: [UInt8]) -> Head? {
            if let head = known.withLock({ $0[bytes] }) { return head }
            guard let head = try? JSONDecoder().decode(Head.self, from: Data(bytes) + Data("}".utf8)) else { return nil }
            known.withLock { known in
                if known.count >= 4096 { known.removeAll(keepingCapacity: true) }
                known[bytes] = head
            }
            return head
        }
    }

    /// The offset of the first `needle` in `haystack` at or after `start` (memchr for its first byte).
    static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            guard let hit = memchr(base + index, Int32(first), haystack.count - index - needle.count + 1) else { return nil }
            let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if memcmp(base + offset, needle, needle.count) == 0 { return offset }
            index = offset + 1
        }
        return nil
    }
}

/// Everything the log itself says about one unit, read from the log (never from a derived
/// table), so that deleting or editing a derived row cannot change what a verdict rests on.
/// Only the lookup of the unit (serial or short code → issuing seq) goes through a derived table,
/// and the issuing entry then proves or disproves that row.
public struct UnitLogFacts: Sendable {
    /// The entry at the unit row's seq, when it is a readable `units_issued` entry.
    public let issuing: LoggedFact<IssuedChunk>?
    /// The entry after it, whose `prev_hash` must be the issuing entry's hash.
    public let successor: LogEntry?
    /// No entry follows the issuing entry although later ones exist: one was taken out of the
    /// chain (the `pins_issued` entry of a batch with PINs, say).
    public var successorMissing = false
    /// `batch_issued` entries of the issuing entry's product and lot (one, unless tampered).
    public let batches: [LoggedFact<BatchRecord>]
    /// `product_added` of the issuing entry's product.
    public let product: LoggedFact<Product>?
    /// `producer_added` of that product's producer.
    public let producer: LoggedFact<Producer>?
    /// Rating decisions of the product, oldest first.
    public let ratings: [LoggedFact<RatingRecord>]
    /// Chain events of the batch (batch-level) and of this serial, in log order.
    public let events: [LoggedFact<ChainEvent>]
    /// The unit's PIN hash from the `pins_issued` entry that follows the issuing entry; nil
    /// when its batch was issued without PINs.
    public var pin: LoggedFact<String>? = nil
    /// The `pin_claimed` entries of this serial, in log order: the first is the first check.
    public var pinClaims: [LoggedFact<PinClaim>] = []
    /// Entries among those that should have been read but whose payload does not decode.
    public let unreadable: [Int64]
    /// Entries among these that no trusted seal signs, or that their actor may not write
    /// (`LogTrust`): an append made with write access to the database but without a key.
    public var untrusted: [String] = []

    /// Every entry these facts rest on.
    public var entries: [LogEntry] {
        [issuing?.entry, product?.entry, producer?.entry, pin?.entry].compactMap { $0 } + batches.map(\.entry)
            + ratings.map(\.entry) + events.map(\.entry) + pinClaims.map(\.entry)
    }
}

/// The log's payload lookups by subject: served by the expression index `log_by_subject` on
/// both engines. The kind list is written exactly as in the index, so the planner uses it.
enum LogSubjectQuery {
    static let kinds = "kind IN ('product_rated', 'rating_withdrawn', 'batch_issued', 'chain_event')"
    static let registryKinds = "kind IN ('producer_added', 'product_added')"

    static func subject(_ db: any SQLSession, lotIsNull: Bool, serialIsNull: Bool) -> String {
        let product = db.payloadField("product"), lot = db.payloadField("lot"), serial = db.payloadField("serial")
        return "SELECT \(LogEntry.columns) FROM log WHERE \(kinds) AND \(product) = ? AND "
            + (lotIsNull ? "\(lot) IS NULL" : "\(lot) = ?") + " AND "
            + (serialIsNull ? "\(serial) IS NULL" : "\(serial) = ?") + " ORDER BY seq"
    }

    static func registry(_ db: any SQLSession) -> String {
        "SELECT \(LogEntry.columns) FROM log WHERE \(registryKinds) AND \(db.payloadField("id")) = ? ORDER BY seq"
    }
}

/// How a verdict names its unit: by the serial of a scanned URI or by a typed short code.
public enum UnitKey: Sendable {
    case serial(String)
    case shortCode(String)
}

/// Everything one verdict reads, in one read of the store (one connection lease, one snapshot):
/// the unit's row, the log's facts about it, and the derived rows to compare them with.
public struct UnitRecords: Sendable {
    public let unit: UnitRecord
    public let log: UnitLogFacts
    /// Derived rows under the log's product, lot and producer ids.
    public let product: Product?
    public let producer: Producer?
    public let batch: BatchRecord?
    public let ratings: [RatingRecord]
    public let history: [ChainEventRecord]
}

extension SessionTraceStore {
    public func unitRecords(_ key: UnitKey) throws(StoreError) -> UnitRecords? {
        try read { db in try db.unitRecords(key) }
    }

    /// Appends a chain event only if `refusal`, given the unit's records as they stand inside
    /// the write transaction (under the writer lock), returns nil; otherwise throws `.conflict`
    /// with its answer and writes nothing. Two devices selling one unit: the second is refused.
    public func addChainEvent(_ event: ChainEvent, actor: LogAuthor,
                              unless refusal: (UnitRecords?) -> String?) throws(StoreError) -> LogEntry {
        try write(as: actor) { db in
            let records = try event.serial.flatMap { try db.unitRecords(.serial($0)) }
            if let reason = refusal(records) { throw StoreError.conflict(reason) }
            return try db.insertChainEvent(event, actor: actor.id)
        }
    }
}

extension SQLSession {
    func unitRecords(_ key: UnitKey) throws -> UnitRecords? {
        let db = self
        let row = switch key {
        case let .serial(serial): try db.fetchAll(CodesSQL.unit(serial: serial)).first
        case let .shortCode(code): try db.fetchOne("SELECT * FROM unit WHERE short_code = ?", [code])
        }
        guard let unit = row.map(RowDecoding.unit(from:)) else { return nil }
        var reads = try UnitReads.fetch(db, unit: unit, productID: unit.productID, lot: unit.lot)
        // The subject comes from the log entry, not from the unit row that may have been moved:
        // when they differ (a tampered row), everything is read again under the log's subject.
        if let chunk = reads.issuing?.value, chunk.productID != unit.productID || chunk.lot != unit.lot {
            reads = try UnitReads.fetch(db, unit: unit, productID: chunk.productID, lot: chunk.lot)
        }
        let log = try db.logFacts(for: unit, reads: reads)
        let producerID = log.product?.value.producerID ?? reads.product?.producerID
        return UnitRecords(unit: unit, log: log, product: reads.product, producer: try producerID.flatMap { try db.producerRow($0) },
                           batch: reads.batch, ratings: reads.ratings, history: reads.history)
    }

    func logFacts(for unit: UnitRecord, reads: UnitReads) throws -> UnitLogFacts {
        let db = self
        do {
            var unreadable = reads.unreadable
            let decoder = JSONDecoder()
            func decode<T: Decodable & Sendable>(_ type: T.Type, _ entry: LogEntry) -> T? {
                do { return try DecodedPayloads.shared.decode(type, seq: entry.seq, payload: entry.payload, with: decoder) } catch {
                    unreadable.append(entry.seq)
                    return nil
                }
            }
            let issuing = reads.issuing
            let productID = reads.productID

            var batches: [LoggedFact<BatchRecord>] = []
            var events: [LoggedFact<ChainEvent>] = []
            for entry in (reads.batchLevel + reads.unitLevel).sorted(by: { $0.seq < $1.seq }) {
                switch LogEventKind(rawValue: entry.kind) {
                case .batchIssued:
                    if let b = decode(LogPayload.BatchIssued.self, entry) {
                        batches.append(LoggedFact(entry: entry, value: BatchRecord(
                            seq: entry.seq, productID: b.product, lot: b.lot, units: b.units, produced: b.produced,
                            expires: b.expires, ratingSeq: b.ratingSeq)))
                    }
                case .chainEvent:
                    if let event = decode(ChainEvent.self, entry) { events.append(LoggedFact(entry: entry, value: event)) }
                default: break
                }
            }
            var ratings: [LoggedFact<RatingRecord>] = []
            for entry in reads.productLevel {
                switch LogEventKind(rawValue: entry.kind) {
                case .productRated:
                    if let r = decode(LogPayload.RatingGranted.self, entry) {
                        ratings.append(LoggedFact(entry: entry, value: RatingRecord(
                            seq: entry.seq, productID: r.product, action: .rate, stars: r.stars, score: r.score,
                            decisionNumber: r.decisionNo, decisionDate: r.decisionDate, validUntil: r.validUntil, reason: nil,
                            level: r.level)))
                    }
                case .ratingWithdrawn:
                    if let w = decode(LogPayload.RatingWithdrawn.self, entry) {
                        ratings.append(LoggedFact(entry: entry, value: RatingRecord(
                            seq: entry.seq, productID: w.product, action: .withdraw, stars: nil, score: nil,
                            decisionNumber: w.decisionNo, decisionDate: w.decisionDate, validUntil: nil, reason: w.reason)))
                    }
                default: break
                }
            }
            let product = reads.productRegistry
                .first { $0.kind == LogEventKind.productAdded.rawValue }
                .flatMap { entry in decode(Product.self, entry).map { LoggedFact(entry: entry, value: $0) } }
            let producer = try product.flatMap { product in
                try db.fetchAll(LogSubjectQuery.registry(db), [product.value.producerID]).map(LogEntry.init(row:))
                    .first { $0.kind == LogEventKind.producerAdded.rawValue }
            }.flatMap { entry in decode(Producer.self, entry).map { LoggedFact(entry: entry, value: $0) } }
            var pin: LoggedFact<String>?
            if let successor = reads.successor, successor.kind == LogEventKind.pinsIssued.rawValue {
                // The batch has PINs: this entry must hold the unit's, or it was edited.
                if let hash = IssuedPin.read(successor, lot: reads.lot, serial: unit.serial, unitsSeq: unit.seq) {
                    pin = LoggedFact(entry: successor, value: hash)
                } else {
                    unreadable.append(successor.seq)
                }
            }
            let claims = reads.pinClaims.compactMap { entry in
                decode(PinClaim.self, entry).map { LoggedFact(entry: entry, value: $0) }
            }
            var facts = UnitLogFacts(issuing: issuing, successor: reads.successor, batches: batches, product: product, producer: producer,
                                     ratings: ratings, events: events, pin: pin, pinClaims: claims, unreadable: unreadable)
            facts.successorMissing = try reads.successor == nil && db.exists("SELECT 1 FROM log WHERE seq > ? LIMIT 1", [unit.seq + 1])
            let trust = try db.logTrust()
            let owner = product?.value.producerID
            for entry in facts.entries where LogHash.verifyRemembering(entry) && !TrustedEntries.shared.contains(entry, under: trust) {
                if let failure = try db.sealFailure(of: entry, trust: trust, producerOf: { $0 == productID ? owner : nil }) {
                    facts.untrusted.append("log entry \(entry.seq) (\(entry.kind)): \(failure.reason)")
                } else {
                    TrustedEntries.shared.keep(entry, under: trust)
                }
            }
            return facts
        }
    }
}

/// Entries (hash-checked) found sealed by a trusted key and within their actor's authority,
/// by seq, hash and the version of the trust they were judged under. Entries never change and
/// trust only grows, so the answer stands; a different hash or trust state is judged again.
final class TrustedEntries: Sendable {
    static let shared = TrustedEntries()
    private let known = Mutex<Set<String>>([])

    private static func key(_ entry: LogEntry, _ trust: LogTrust) -> String? {
        trust.version.isEmpty ? nil : "\(entry.seq):\(entry.hash):\(trust.version)"
    }

    func contains(_ entry: LogEntry, under trust: LogTrust) -> Bool {
        guard let key = Self.key(entry, trust) else { return false }
        return known.withLock { $0.contains(key) }
    }

    func keep(_ entry: LogEntry, under trust: LogTrust) {
        guard let key = Self.key(entry, trust) else { return }
        known.withLock { set in
            if set.count >= 65_536 { set.removeAll(keepingCapacity: true) }
            set.insert(key)
        }
    }
}
