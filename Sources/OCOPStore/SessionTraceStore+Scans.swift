import Foundation
import OCOPDomain

extension SessionTraceStore {
    public func recordScan(serial: String, client: String, interval: Double, actor: LogAuthor) throws(StoreError) -> LogEntry? {
        try write(as: actor) { db in
            guard try db.exists("SELECT 1 FROM unit WHERE serial = ?", [serial]) else {
                throw StoreError.notFound(what: "unit", id: serial)
            }
            return try db.appendScans([ScanRequest(serial: serial, client: client)], interval: interval, actor: actor.id).first?.entry
        }
    }

    public func recordScans(_ scans: [ScanRequest], interval: Double, actor: LogAuthor,
                            beforeCommit: ([LoggedScan]) -> Void) throws(StoreError) -> [LogEntry] {
        guard !scans.isEmpty else { return [] }
        return try write(as: actor) { db in
            let written = try db.appendScans(scans, interval: interval, actor: actor.id)
            beforeCommit(written.map { (serial: $0.scan.serial, seq: $0.entry.seq) })
            return written.map(\.entry)
        }
    }

    public func scanSummary(serial: String) throws(StoreError) -> ScanSummary {
        try read { db in
            let row = try db.fetchAll(Self.scanSummaryStatement(serial)).first
            return ScanSummary(scans: row?.int("scans") ?? 0, distinctClients: row?.int("clients") ?? 0,
                               first: row?.stringOrNil("first"), last: row?.stringOrNil("last"), lastSeq: row?.int64OrNil("last_seq"))
        }
    }
}

extension SessionTraceStore {
    static func scanSummaryStatement(_ serial: String) -> SQLStatement {
        SQLStatement("""
            SELECT COUNT(*) AS scans, COUNT(DISTINCT client) AS clients, MIN(time) AS first, MAX(time) AS last, MAX(seq) AS last_seq
            FROM scan WHERE serial = ?
            """, [serial])
    }

    /// A unit page's first reads in one go, when the store keeps a memo: its product (by GTIN),
    /// its unit row and its scans, with the store's commit mark (one round trip on PostgreSQL).
    public func warmUnitPage(gtin: String?, serial: String) throws(StoreError) {
        try warm((gtin.map { [RegistrySQL.product(gtin: $0)] } ?? []) + [CodesSQL.unit(serial: serial), Self.scanSummaryStatement(serial)])
    }
}

extension SQLSession {
    /// Appends a `code_scanned` entry for each scan unless the client's last logged scan of the
    /// serial is younger than `interval` seconds, in a constant number of statements (on
    /// PostgreSQL each one is a round trip): which serials exist and each client's last scan
    /// are read per slice of serials, the entries are chained in memory and inserted together.
    fileprivate func appendScans(_ scans: [ScanRequest], interval: Double, actor: String)
        throws -> [(entry: LogEntry, scan: LogPayload.CodeScanned)] {
        let serials = Array(Set(scans.map(\.serial))).sorted()
        var known = Set<String>()
        var lastScan: [ScanRequest: String] = [:]
        var start = 0
        while start < serials.count {
            let slice = Array(serials[start..<min(serials.count, start + 500)])
            let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
            let values = slice.map(SQLValue.text)
            for row in try fetchAll("SELECT serial FROM unit WHERE serial IN (\(marks))", values) { known.insert(row.string("serial")) }
            if interval > 0 {
                for row in try fetchAll("SELECT serial, client, MAX(time) AS time FROM scan WHERE serial IN (\(marks)) GROUP BY serial, client", values) {
                    lastScan[ScanRequest(serial: row.string("serial"), client: row.string("client"))] = row.string("time")
                }
            }
            start += slice.count
        }
        let cutoff = Timestamp.fromNow(seconds: -interval)
        let head = try fetchOne("SELECT seq, hash FROM log ORDER BY seq DESC LIMIT 1")
        var previous = head.map { ($0.int64("seq"), $0.string("hash")) }
        var entries: [(entry: LogEntry, scan: LogPayload.CodeScanned)] = []
        let time = Timestamp.now()
        for scan in scans where known.contains(scan.serial) {
            // Log times of one shape sort as text in time order: no date parsing per scan.
            if interval > 0, let last = lastScan[scan], last > cutoff { continue }
            let payload = LogPayload.CodeScanned(serial: scan.serial, client: scan.client)
            let entry = LogEntry.next(after: previous, kind: .codeScanned, payload: try CanonicalPayload.encode(payload),
                                      actor: actor, time: time)
            entries.append((entry, payload))
            previous = (entry.seq, entry.hash)
            lastScan[scan] = time
        }
        guard !entries.isEmpty else { return [] }
        try insertMany(into: "log", columns: ["seq", "time", "kind", "actor", "payload", "prev_hash", "hash"],
                       rows: entries.map(\.entry).map { [.integer($0.seq), .text($0.time), .text($0.kind), .text($0.actor),
                                                           .text($0.payload), .text($0.previousHash), .text($0.hash)] })
        try DerivedState.insertScans(entries, self)
        return entries
    }
}

/// One unit's scans and sale, for `scans report`.
public struct UnitScanStatistics: Sendable, Equatable {
    public let serial: String
    public let shortCode: String
    public let productID: String
    public let lot: String
    public let summary: ScanSummary
    /// When the unit's first sale was recorded (the event's time, as written), if ever.
    public let soldAt: String?
}

extension SessionTraceStore {
    public func scanStatistics(productID: String?, lot: String?) throws(StoreError) -> [UnitScanStatistics] {
        try read { db in
            let batch = productID != nil && lot != nil
            let rows = try db.fetchAll(batch ? """
                SELECT u.serial, u.short_code, u.product_id, u.lot, COUNT(s.seq) AS scans, COUNT(DISTINCT s.client) AS clients,
                       MIN(s.time) AS first, MAX(s.time) AS last
                FROM unit u LEFT JOIN scan s ON s.serial = u.serial
                WHERE u.product_id = ? AND u.lot = ? GROUP BY u.serial, u.short_code, u.product_id, u.lot
                """ : """
                SELECT u.serial, u.short_code, u.product_id, u.lot, COUNT(s.seq) AS scans, COUNT(DISTINCT s.client) AS clients,
                       MIN(s.time) AS first, MAX(s.time) AS last
                FROM scan s JOIN unit u ON u.serial = s.serial GROUP BY u.serial, u.short_code, u.product_id, u.lot
                """, batch ? [.text(productID!), .text(lot!)] : [])
            var sales: [String: String] = [:]
            let saleRows = try db.fetchAll(batch ? """
                SELECT serial, at FROM chain_event WHERE step = 'retail_selling' AND serial IS NOT NULL AND product_id = ? AND lot = ? ORDER BY seq
                """ : "SELECT serial, at FROM chain_event WHERE step = 'retail_selling' AND serial IS NOT NULL ORDER BY seq",
                batch ? [.text(productID!), .text(lot!)] : [])
            for row in saleRows where sales[row.string("serial")] == nil { sales[row.string("serial")] = row.string("at") }
            return rows.map { row in
                UnitScanStatistics(serial: row.string("serial"), shortCode: row.string("short_code"), productID: row.string("product_id"),
                                   lot: row.string("lot"),
                                   summary: ScanSummary(scans: row.int("scans"), distinctClients: row.int("clients"),
                                                        first: row.stringOrNil("first"), last: row.stringOrNil("last")),
                                   soldAt: sales[row.string("serial")])
            }
        }
    }
}

extension TraceStore {
    /// `recordScans` with nobody to tell before the commit.
    public func recordScans(_ scans: [ScanRequest], interval: Double, actor: LogAuthor) throws(StoreError) -> [LogEntry] {
        try recordScans(scans, interval: interval, actor: actor, beforeCommit: { _ in })
    }
}
