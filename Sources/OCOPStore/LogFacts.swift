import Foundation
import OCOPDomain

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
        guard let end = payload.range(of: #","units":["#) else { return nil }
        struct Head: Decodable { let lot: String, product: String }
        guard let head = try? JSONDecoder().decode(Head.self, from: Data((payload[..<end.lowerBound] + "}").utf8)) else { return nil }
        let pair = "[" + CanonicalJSON.string(serial).canonicalText + "," + CanonicalJSON.string(shortCode).canonicalText + "]"
        return IssuedChunk(productID: head.product, lot: head.lot, issuesUnit: payload[end.upperBound...].contains(pair))
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
    /// Entries among those that should have been read but whose payload does not decode.
    public let unreadable: [Int64]

    /// Every entry these facts rest on.
    public var entries: [LogEntry] {
        [issuing?.entry, product?.entry, producer?.entry].compactMap { $0 } + batches.map(\.entry)
            + ratings.map(\.entry) + events.map(\.entry)
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

extension SessionTraceStore {
    public func logFacts(for unit: UnitRecord) throws(StoreError) -> UnitLogFacts {
        try read { db in
            var unreadable: [Int64] = []
            let decoder = JSONDecoder()
            func decode<T: Decodable>(_ type: T.Type, _ entry: LogEntry) -> T? {
                do { return try decoder.decode(type, from: Data(entry.payload.utf8)) } catch {
                    unreadable.append(entry.seq)
                    return nil
                }
            }
            let pair = try db.fetchAll("SELECT \(LogEntry.columns) FROM log WHERE seq IN (?, ?) ORDER BY seq", [unit.seq, unit.seq + 1])
                .map(LogEntry.init(row:))
            let first = pair.first { $0.seq == unit.seq }
            let successor = pair.first { $0.seq == unit.seq + 1 }
            var issuing: LoggedFact<IssuedChunk>?
            if let first, first.kind == LogEventKind.unitsIssued.rawValue {
                if let chunk = IssuedChunk.read(first.payload, serial: unit.serial, shortCode: unit.shortCode) {
                    issuing = LoggedFact(entry: first, value: chunk)
                } else {
                    unreadable.append(first.seq)
                }
            }
            // The subject comes from the log entry, not from the unit row that may have been moved.
            let productID = issuing?.value.productID ?? unit.productID
            let lot = issuing?.value.lot ?? unit.lot

            let batchLevel = try db.fetchAll(LogSubjectQuery.subject(db, lotIsNull: false, serialIsNull: true), [productID, lot])
                .map(LogEntry.init(row:))
            let unitLevel = try db.fetchAll(LogSubjectQuery.subject(db, lotIsNull: false, serialIsNull: false), [productID, lot, unit.serial])
                .map(LogEntry.init(row:))
            let productLevel = try db.fetchAll(LogSubjectQuery.subject(db, lotIsNull: true, serialIsNull: true), [productID])
                .map(LogEntry.init(row:))

            var batches: [LoggedFact<BatchRecord>] = []
            var events: [LoggedFact<ChainEvent>] = []
            for entry in (batchLevel + unitLevel).sorted(by: { $0.seq < $1.seq }) {
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
            for entry in productLevel {
                switch LogEventKind(rawValue: entry.kind) {
                case .productRated:
                    if let r = decode(LogPayload.RatingGranted.self, entry) {
                        ratings.append(LoggedFact(entry: entry, value: RatingRecord(
                            seq: entry.seq, productID: r.product, action: .rate, stars: r.stars, score: r.score,
                            decisionNumber: r.decisionNo, decisionDate: r.decisionDate, validUntil: r.validUntil, reason: nil)))
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
            let product = try db.fetchAll(LogSubjectQuery.registry(db), [productID]).map(LogEntry.init(row:))
                .first { $0.kind == LogEventKind.productAdded.rawValue }
                .flatMap { entry in decode(Product.self, entry).map { LoggedFact(entry: entry, value: $0) } }
            let producer = try product.flatMap { product in
                try db.fetchAll(LogSubjectQuery.registry(db), [product.value.producerID]).map(LogEntry.init(row:))
                    .first { $0.kind == LogEventKind.producerAdded.rawValue }
            }.flatMap { entry in decode(Producer.self, entry).map { LoggedFact(entry: entry, value: $0) } }
            return UnitLogFacts(issuing: issuing, successor: successor, batches: batches, product: product, producer: producer,
                                ratings: ratings, events: events, unreadable: unreadable)
        }
    }
}
