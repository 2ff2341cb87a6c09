import Foundation
import GRDB
import OCOPDomain

extension SQLiteTraceStore {
    /// Issues the batch and all its unit codes in one transaction: a crash or a kill at any
    /// point leaves either the whole batch or no trace of it.
    public func issueBatch(_ batch: Batch, actor: String, progress: (@Sendable (Int) -> Void)?) throws(StoreError) -> IssuedBatch {
        try write { db in
            try Self.requireProduct(batch.productID, db)
            if try Row.fetchOne(db, sql: "SELECT 1 FROM batch WHERE product_id = ? AND lot = ?",
                                arguments: [batch.productID, batch.lot]) != nil {
                throw StoreError.duplicate(what: "lot", id: "\(batch.lot) of product \(batch.productID)")
            }
            let rating = try Self.ratingRows(batch.productID, db).last
            let issued = LogPayload.BatchIssued(product: batch.productID, lot: batch.lot, units: batch.units,
                                                produced: batch.produced, expires: batch.expires,
                                                ratingSeq: rating?.action == .rate ? rating?.seq : nil)
            try Self.append(.batchIssued, issued, actor: actor, db)

            var generator = SystemRandomNumberGenerator()
            let taken = try db.cachedStatement(sql: """
                SELECT EXISTS(SELECT 1 FROM unit WHERE serial = ?) OR EXISTS(SELECT 1 FROM unit WHERE short_code = ?)
                """)
            var remaining = batch.units
            var done = 0
            while remaining > 0 {
                let count = min(remaining, LogPayload.unitsPerEntry)
                var pairs: [[String]] = []
                pairs.reserveCapacity(count)
                var chunkShortCodes = Set<String>()
                while pairs.count < count {
                    let serial = Serial(using: &generator).text
                    let shortCode = ShortCode(using: &generator).compact
                    // Serials and short codes are unique store-wide: draw again on the rare clash.
                    if chunkShortCodes.contains(shortCode) { continue }
                    if try Bool.fetchOne(taken, arguments: [serial, shortCode]) == true { continue }
                    chunkShortCodes.insert(shortCode)
                    pairs.append([serial, shortCode])
                }
                try Self.append(.unitsIssued, LogPayload.UnitsIssued(product: batch.productID, lot: batch.lot, units: pairs),
                                actor: actor, db)
                remaining -= count
                done += count
                progress?(done)
            }
            let record = try Row.fetchOne(db, sql: "SELECT * FROM batch WHERE product_id = ? AND lot = ?",
                                          arguments: [batch.productID, batch.lot]).map(Self.batch(from:))!
            let units = try Row.fetchAll(db, sql: "SELECT * FROM unit WHERE product_id = ? AND lot = ? ORDER BY seq, position",
                                         arguments: [batch.productID, batch.lot]).map(Self.unit(from:))
            return IssuedBatch(batch: record, units: units)
        }
    }

    public func batches(productID: String?) throws(StoreError) -> [BatchRecord] {
        try read { db in
            let rows = if let productID {
                try Row.fetchAll(db, sql: "SELECT * FROM batch WHERE product_id = ? ORDER BY seq", arguments: [productID])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM batch ORDER BY seq")
            }
            return try rows.map(Self.batch(from:))
        }
    }

    public func batch(productID: String, lot: String) throws(StoreError) -> BatchRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM batch WHERE product_id = ? AND lot = ?", arguments: [productID, lot])
                .map(Self.batch(from:))
        }
    }

    public func batches(lot: String) throws(StoreError) -> [BatchRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM batch WHERE lot = ? ORDER BY seq", arguments: [lot]).map(Self.batch(from:))
        }
    }

    public func units(productID: String, lot: String) throws(StoreError) -> [UnitRecord] {
        try read { db in
            // Issue order: log seq, then the order within each logged chunk.
            try Row.fetchAll(db, sql: "SELECT * FROM unit WHERE product_id = ? AND lot = ? ORDER BY seq, position",
                             arguments: [productID, lot]).map(Self.unit(from:))
        }
    }

    public func unit(serial: String) throws(StoreError) -> UnitRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM unit WHERE serial = ?", arguments: [serial]).map(Self.unit(from:))
        }
    }

    public func unit(shortCode: String) throws(StoreError) -> UnitRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM unit WHERE short_code = ?", arguments: [shortCode]).map(Self.unit(from:))
        }
    }

    // MARK: - Chain events

    public func addChainEvent(_ event: ChainEvent, actor: String) throws(StoreError) -> LogEntry {
        try write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM batch WHERE product_id = ? AND lot = ?",
                                   arguments: [event.productID, event.lot]) != nil else {
                throw StoreError.notFound(what: "lot", id: "\(event.lot) of product \(event.productID)")
            }
            if let serial = event.serial {
                guard try Row.fetchOne(db, sql: "SELECT 1 FROM unit WHERE serial = ? AND product_id = ? AND lot = ?",
                                       arguments: [serial, event.productID, event.lot]) != nil else {
                    throw StoreError.notFound(what: "unit", id: serial)
                }
            }
            return try Self.append(.chainEvent, event, actor: actor, db)
        }
    }

    public func history(productID: String, lot: String, serial: String?) throws(StoreError) -> [ChainEventRecord] {
        try read { db in
            // Two index lookups (the unit's own events, the batch-level ones) instead of a scan
            // of every event of the batch: `serial IS NULL OR serial = ?` cannot use an index.
            let rows = try Row.fetchAll(db, sql: """
                SELECT seq, actor, payload FROM chain_event WHERE product_id = ?1 AND lot = ?2 AND serial = ?3
                UNION ALL
                SELECT seq, actor, payload FROM chain_event WHERE product_id = ?1 AND lot = ?2 AND serial IS NULL
                ORDER BY seq
                """, arguments: [productID, lot, serial])
            let decoder = JSONDecoder()
            let records = try rows.map { row in
                ChainEventRecord(seq: row["seq"], actor: row["actor"],
                                 event: try decoder.decode(ChainEvent.self, from: Data((row["payload"] as String).utf8)))
            }
            // Time order; entries recorded later for the same moment keep log order.
            return records.enumerated().sorted { a, b in
                a.element.event.at == b.element.event.at ? a.offset < b.offset : a.element.event.at < b.element.event.at
            }.map(\.element)
        }
    }

    public func chainEvents(after seq: Int64) throws(StoreError) -> [ChainEventRecord] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT seq, actor, payload FROM chain_event WHERE seq > ? ORDER BY seq",
                                        arguments: [seq])
            let decoder = JSONDecoder()
            return try rows.map { row in
                ChainEventRecord(seq: row["seq"], actor: row["actor"],
                                 event: try decoder.decode(ChainEvent.self, from: Data((row["payload"] as String).utf8)))
            }
        }
    }
}
