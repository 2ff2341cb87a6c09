import Foundation
import OCOPDomain

extension SessionTraceStore {
    /// Issues the batch and all its unit codes in one transaction: a crash or a kill at any
    /// point leaves either the whole batch or no trace of it.
    /// - Parameter pinHashes: for a batch with scratch-off PINs, the PIN hash of each serial of a
    ///   chunk; logged in a `pins_issued` entry right after the chunk's `units_issued` entry.
    public func issueBatch(_ batch: Batch, actor: LogAuthor, pinHashes: ((_ serials: [String]) -> [String])? = nil,
                           progress: (@Sendable (_ chunk: [UnitRecord], _ done: Int) -> Void)?) throws(StoreError) -> IssuedBatch {
        try write(as: actor) { db in
            try db.requireProduct(batch.productID)
            if try db.exists("SELECT 1 FROM batch WHERE product_id = ? AND lot = ?", [batch.productID, batch.lot]) {
                throw StoreError.duplicate(what: "lot", id: "\(batch.lot) of product \(batch.productID)")
            }
            let rating = try db.ratingRows(batch.productID).last
            let issued = LogPayload.BatchIssued(product: batch.productID, lot: batch.lot, units: batch.units,
                                                produced: batch.produced, expires: batch.expires,
                                                ratingSeq: rating?.action == .rate ? rating?.seq : nil)
            try db.append(.batchIssued, issued, actor: actor.id)

            var generator = SystemRandomNumberGenerator()
            var remaining = batch.units
            var done = 0
            while remaining > 0 {
                let count = min(remaining, LogPayload.unitsPerEntry)
                let pairs = try db.drawFreshCodes(count, using: &generator)
                let entry = try db.append(.unitsIssued, LogPayload.UnitsIssued(product: batch.productID, lot: batch.lot, units: pairs),
                                          actor: actor.id)
                if let pinHashes {
                    let serials = pairs.map { $0[0] }
                    let pins = zip(serials, pinHashes(serials)).map { [$0, $1] }
                    try db.append(.pinsIssued, LogPayload.PinsIssued(product: batch.productID, lot: batch.lot, unitsSeq: entry.seq, pins: pins),
                                  actor: actor.id)
                }
                remaining -= count
                done += count
                if let progress {
                    progress(pairs.map { UnitRecord(serial: $0[0], shortCode: $0[1], productID: batch.productID, lot: batch.lot,
                                                    seq: entry.seq) }, done)
                }
            }
            let record = try db.fetchOne("SELECT * FROM batch WHERE product_id = ? AND lot = ?", [batch.productID, batch.lot])
                .map(RowDecoding.batch(from:))!
            let units = try db.fetchAll("SELECT * FROM unit WHERE product_id = ? AND lot = ? ORDER BY seq, position",
                                        [batch.productID, batch.lot]).map(RowDecoding.unit(from:))
            return IssuedBatch(batch: record, units: units)
        }
    }

    public func batches(productID: String?) throws(StoreError) -> [BatchRecord] {
        try read { db in
            let rows = if let productID {
                try db.fetchAll("SELECT * FROM batch WHERE product_id = ? ORDER BY seq", [productID])
            } else {
                try db.fetchAll("SELECT * FROM batch ORDER BY seq")
            }
            return try rows.map(RowDecoding.batch(from:))
        }
    }

    public func batch(productID: String, lot: String) throws(StoreError) -> BatchRecord? {
        try read { db in
            try db.batchRow(productID: productID, lot: lot)
        }
    }

    public func batches(lot: String) throws(StoreError) -> [BatchRecord] {
        try read { db in try db.fetchAll("SELECT * FROM batch WHERE lot = ? ORDER BY seq", [lot]).map(RowDecoding.batch(from:)) }
    }

    public func units(productID: String, lot: String) throws(StoreError) -> [UnitRecord] {
        try read { db in
            // Issue order: log seq, then the order within each logged chunk.
            try db.fetchAll("SELECT * FROM unit WHERE product_id = ? AND lot = ? ORDER BY seq, position", [productID, lot])
                .map(RowDecoding.unit(from:))
        }
    }

    public func unit(serial: String) throws(StoreError) -> UnitRecord? {
        try read { db in try db.fetchOne("SELECT * FROM unit WHERE serial = ?", [serial]).map(RowDecoding.unit(from:)) }
    }

    public func unit(shortCode: String) throws(StoreError) -> UnitRecord? {
        try read { db in try db.fetchOne("SELECT * FROM unit WHERE short_code = ?", [shortCode]).map(RowDecoding.unit(from:)) }
    }

    // MARK: - Chain events

    public func addChainEvent(_ event: ChainEvent, actor: LogAuthor) throws(StoreError) -> LogEntry {
        try write(as: actor) { db in try db.insertChainEvent(event, actor: actor.id) }
    }

    /// Appends many chain events in one transaction (each still its own chained log entry), with
    /// the same checks as `addChainEvent`: all land, or none. For imports of scanned events and
    /// for building large stores.
    public func addChainEvents(_ events: [ChainEvent], actor: LogAuthor) throws(StoreError) -> Int {
        try write(as: actor) { db in
            for event in events { try db.insertChainEvent(event, actor: actor.id) }
            return events.count
        }
    }

    public func history(productID: String, lot: String, serial: String?) throws(StoreError) -> [ChainEventRecord] {
        try read { db in try db.historyRows(productID: productID, lot: lot, serial: serial) }
    }

    public func batchEvents(productID: String, lot: String) throws(StoreError) -> [ChainEventRecord] {
        try read { db in
            try db.fetchAll("SELECT seq, actor, payload FROM chain_event WHERE product_id = ? AND lot = ? ORDER BY seq",
                            [productID, lot]).map(RowDecoding.chainEvent(from:)).inTimeOrder()
        }
    }

    public func chainEvents(after seq: Int64) throws(StoreError) -> [ChainEventRecord] {
        try read { db in
            try db.fetchAll("SELECT seq, actor, payload FROM chain_event WHERE seq > ? ORDER BY seq", [seq])
                .map(RowDecoding.chainEvent(from:))
        }
    }
}

extension SQLSession {
    /// A unit's chain (or, with no serial, a batch's batch-level events) in time order.
    func historyRows(productID: String, lot: String, serial: String?) throws -> [ChainEventRecord] {
        try CodesSQL.historyRecords(fetchAll(CodesSQL.history(productID: productID, lot: lot, serial: serial)))
    }

    func batchRow(productID: String, lot: String) throws -> BatchRecord? {
        try fetchAll(CodesSQL.batch(productID: productID, lot: lot)).first.map(RowDecoding.batch(from:))
    }

    @discardableResult
    func insertChainEvent(_ event: ChainEvent, actor: String) throws -> LogEntry {
        guard try exists("SELECT 1 FROM batch WHERE product_id = ? AND lot = ?", [event.productID, event.lot]) else {
            throw StoreError.notFound(what: "lot", id: "\(event.lot) of product \(event.productID)")
        }
        if let serial = event.serial {
            guard try exists("SELECT 1 FROM unit WHERE serial = ? AND product_id = ? AND lot = ?",
                             [serial, event.productID, event.lot]) else {
                throw StoreError.notFound(what: "unit", id: serial)
            }
        }
        try requireRegistered(event)
        return try append(.chainEvent, event, actor: actor)
    }

    /// `count` new [serial, short code] pairs. Serials and short codes are unique store-wide:
    /// a whole chunk is checked in one query, and the rare clash is drawn again.
    func drawFreshCodes(_ count: Int, using generator: inout some RandomNumberGenerator) throws -> [[String]] {
        var pairs: [[String]] = []
        pairs.reserveCapacity(count)
        var chunkShortCodes = Set<String>()
        while pairs.count < count {
            var candidates: [[String]] = []
            while pairs.count + candidates.count < count {
                let serial = Serial(using: &generator).text
                let shortCode = ShortCode(using: &generator).compact
                if chunkShortCodes.insert(shortCode).inserted { candidates.append([serial, shortCode]) }
            }
            let taken = try takenCodes(candidates)
            pairs += candidates.filter { !taken.contains($0[0]) && !taken.contains($0[1]) }
        }
        return pairs
    }

    private func takenCodes(_ candidates: [[String]]) throws -> Set<String> {
        let marks = Array(repeating: "?", count: candidates.count).joined(separator: ", ")
        let rows = try fetchAll("""
            SELECT serial AS taken FROM unit WHERE serial IN (\(marks))
            UNION ALL
            SELECT short_code AS taken FROM unit WHERE short_code IN (\(marks))
            """, candidates.map { SQLValue.text($0[0]) } + candidates.map { SQLValue.text($0[1]) })
        return Set(rows.map { $0.string("taken") })
    }
}

extension Array where Element == ChainEventRecord {
    /// Time order; entries recorded later for the same moment keep log order.
    func inTimeOrder() -> [ChainEventRecord] {
        enumerated().sorted { a, b in
            a.element.event.at == b.element.event.at ? a.offset < b.offset : a.element.event.at < b.element.event.at
        }.map(\.element)
    }
}

/// Batch and chain reads also sent among a verdict's reads (`UnitReads`).
enum CodesSQL {
    static func unit(serial: String) -> SQLStatement {
        SQLStatement("SELECT * FROM unit WHERE serial = ?", [serial])
    }

    static func batch(productID: String, lot: String) -> SQLStatement {
        SQLStatement("SELECT * FROM batch WHERE product_id = ? AND lot = ?", [productID, lot])
    }

    /// Two index lookups (the unit's own events, the batch-level ones) instead of a scan of
    /// every event of the batch: `serial IS NULL OR serial = ?` cannot use an index.
    static func history(productID: String, lot: String, serial: String?) -> SQLStatement {
        SQLStatement("""
            SELECT seq, actor, payload FROM chain_event WHERE product_id = ? AND lot = ? AND serial = ?
            UNION ALL
            SELECT seq, actor, payload FROM chain_event WHERE product_id = ? AND lot = ? AND serial IS NULL
            ORDER BY seq
            """, [productID, lot, serial, productID, lot])
    }

    /// A unit's chain (or a batch's batch-level events) in time order.
    static func historyRecords(_ rows: [SQLRow]) throws -> [ChainEventRecord] {
        try rows.map(RowDecoding.chainEvent(from:)).inTimeOrder()
    }
}
