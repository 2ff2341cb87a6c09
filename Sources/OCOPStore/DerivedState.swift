import Foundation
import OCOPDomain

/// Applies one log entry to the derived tables. The same code serves appends and `reindex`,
/// so rebuilt state cannot drift from live state.
public enum DerivedState {
    /// Rebuilds the producer and rating rows from the log: stores made before two-level
    /// addresses and deciding levels get the rows a replay of their log gives today
    /// (`log verify --deep` compares with such a replay). Runs inside the upgrade's transaction.
    public static func rebuildProducersAndRatings(_ db: any SQLSession) throws {
        try rebuild(["producer", "rating"], from: [.producerAdded, .productRated, .ratingWithdrawn], db)
    }

    /// Fills `product_details` from the log (a store made before the table).
    public static func rebuildProductDetails(_ db: any SQLSession) throws {
        try rebuild(["product_details"], from: [.productDetails], db)
    }

    /// Fills `location` from the log (a store made before the location register).
    public static func rebuildLocations(_ db: any SQLSession) throws {
        try rebuild(["location"], from: [.locationAdded], db)
    }

    /// Empties `tables` and replays the log's entries of `kinds` into them, in log order.
    static func rebuild(_ tables: [String], from kinds: [LogEventKind], _ db: any SQLSession) throws {
        for table in tables { try db.execute("DELETE FROM \(table)") }
        let list = kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        for entry in try db.fetchAll("SELECT \(LogEntry.columns) FROM log WHERE kind IN (\(list)) ORDER BY seq").map(LogEntry.init(row:)) {
            try apply(entry, db)
        }
    }

    /// The `scan` rows of `code_scanned` entries, in one multi-row insert for a queue of scans.
    static func insertScans(_ scans: [(entry: LogEntry, scan: LogPayload.CodeScanned)], _ db: any SQLSession) throws {
        try db.insertMany(into: "scan", columns: ["seq", "serial", "client", "time"],
                          rows: scans.map { [.integer($0.entry.seq), .text($0.scan.serial), .text($0.scan.client), .text($0.entry.time)] })
    }

    static func apply(_ entry: LogEntry, _ db: any SQLSession) throws {
        let payload = Data(entry.payload.utf8)
        let decoder = JSONDecoder()
        switch LogEventKind(rawValue: entry.kind) {
        case .storeCreated:
            let created = try decoder.decode(LogPayload.StoreCreated.self, from: payload)
            try db.execute("INSERT INTO meta (key, value) VALUES ('resolver', ?), ('public_key', ?)", [created.resolver, created.publicKey])
        case .producerAdded:
            let p = try decoder.decode(Producer.self, from: payload)
            try db.execute("""
                INSERT INTO producer (id, name, kind, province, district, commune, tax_id, seq, former_address)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [p.id, p.name, p.kind.rawValue, p.province, p.formerAddress?.district ?? "", p.commune, p.taxID, entry.seq,
                      try p.formerAddress.map { try CanonicalPayload.encode($0) }])
        case .productAdded:
            let p = try decoder.decode(Product.self, from: payload)
            try db.execute("INSERT INTO product (id, producer_id, name, product_group, gtin, seq) VALUES (?, ?, ?, ?, ?, ?)", [p.id, p.producerID, p.name, p.group.rawValue, p.gtin, entry.seq])
        case .productRated:
            let r = try decoder.decode(LogPayload.RatingGranted.self, from: payload)
            try db.execute("""
                INSERT INTO rating (seq, product_id, action, stars, score, decision_no, decision_date, valid_until, level)
                VALUES (?, ?, 'rate', ?, ?, ?, ?, ?, ?)
                """, [entry.seq, r.product, r.stars, r.score, r.decisionNo, r.decisionDate.description, r.validUntil.description,
                      r.level?.rawValue])
        case .ratingWithdrawn:
            let w = try decoder.decode(LogPayload.RatingWithdrawn.self, from: payload)
            try db.execute("""
                INSERT INTO rating (seq, product_id, action, decision_no, decision_date, reason)
                VALUES (?, ?, 'withdraw', ?, ?, ?)
                """, [entry.seq, w.product, w.decisionNo, w.decisionDate.description, w.reason])
        case .batchIssued:
            let b = try decoder.decode(LogPayload.BatchIssued.self, from: payload)
            try db.execute("""
                INSERT INTO batch (product_id, lot, units, produced, expires, rating_seq, seq) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [b.product, b.lot, b.units, b.produced?.description, b.expires?.description, b.ratingSeq, entry.seq])
        case .unitsIssued:
            let chunk = try decoder.decode(LogPayload.UnitsIssued.self, from: payload)
            let rows = chunk.units.enumerated().compactMap { position, pair -> [SQLValue]? in
                guard pair.count == 2 else { return nil }
                return [.text(pair[0]), .text(pair[1]), .text(chunk.product), .text(chunk.lot), .integer(entry.seq), .integer(Int64(position))]
            }
            try db.insertMany(into: "unit", columns: ["serial", "short_code", "product_id", "lot", "seq", "position"], rows: rows)
        case .chainEvent:
            let e = try decoder.decode(ChainEvent.self, from: payload)
            try db.execute("""
                INSERT INTO chain_event (seq, product_id, lot, serial, step, disposition, at, location, note, actor, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [entry.seq, e.productID, e.lot, e.serial, e.step.rawValue, e.disposition?.rawValue,
                      e.at.text, e.location, e.note, entry.actor, entry.payload])
        case .stampRendered, .stampWithdrawn:
            let stamp = try decoder.decode(StampRecord.self, from: payload)
            // Delete then insert: the latest stamp record replaces the product's previous one.
            try db.execute("DELETE FROM stamp WHERE product_id = ?", [stamp.productID])
            try db.execute("""
                INSERT INTO stamp (product_id, seq, action, rating_seq, stars, valid_until, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [stamp.productID, entry.seq, stamp.action.rawValue, stamp.ratingSeq, stamp.stars,
                      stamp.validUntil?.description, entry.payload])
        case .keyRotated:
            let rotated = try decoder.decode(LogPayload.KeyRotated.self, from: payload)
            try db.execute("UPDATE meta SET value = ? WHERE key = 'public_key'", [rotated.publicKey])
        case .codeScanned:
            let scan = try decoder.decode(LogPayload.CodeScanned.self, from: payload)
            try insertScans([(entry, scan)], db)
        case .productDetails:
            let details = try decoder.decode(ProductDetails.self, from: payload)
            try db.execute("DELETE FROM product_details WHERE product_id = ?", [details.productID])
            try db.execute("INSERT INTO product_details (product_id, seq, payload) VALUES (?, ?, ?)", [details.productID, entry.seq, entry.payload])
        case .locationAdded:
            let location = try decoder.decode(Location.self, from: payload)
            try db.execute("INSERT INTO location (id, seq, payload) VALUES (?, ?, ?)", [location.id, entry.seq, entry.payload])
        case .actorAdded, .actorRevoked, .logSealed, .tokenIssued, .tokenRevoked, .restampRun, .fakeReported, .pinsIssued, .pinClaimed:
            break  // read from the log itself (LogTrust): no derived table to edit behind its back
        case nil:
            throw StoreError.corrupt("log entry \(entry.seq) has unknown kind '\(entry.kind)'")
        }
    }
}
