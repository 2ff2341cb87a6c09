import Foundation
import OCOPDomain

extension SessionTraceStore {
    public func recordScan(serial: String, client: String, interval: Double, actor: LogAuthor) throws(StoreError) -> LogEntry? {
        try write(as: actor) { db in
            guard try db.exists("SELECT 1 FROM unit WHERE serial = ?", [serial]) else {
                throw StoreError.notFound(what: "unit", id: serial)
            }
            return try db.appendScan(ScanRequest(serial: serial, client: client), interval: interval, actor: actor.id)
        }
    }

    public func recordScans(_ scans: [ScanRequest], interval: Double, actor: LogAuthor) throws(StoreError) -> [LogEntry] {
        guard !scans.isEmpty else { return [] }
        return try write(as: actor) { db in
            try scans.compactMap { scan in
                guard try db.exists("SELECT 1 FROM unit WHERE serial = ?", [scan.serial]) else { return nil }
                return try db.appendScan(scan, interval: interval, actor: actor.id)
            }
        }
    }

    public func scanSummary(serial: String) throws(StoreError) -> ScanSummary {
        try read { db in
            let row = try db.fetchOne("""
                SELECT COUNT(*) AS scans, COUNT(DISTINCT client) AS clients, MIN(time) AS first, MAX(time) AS last
                FROM scan WHERE serial = ?
                """, [serial])
            return ScanSummary(scans: row?.int("scans") ?? 0, distinctClients: row?.int("clients") ?? 0,
                               first: row?.stringOrNil("first"), last: row?.stringOrNil("last"))
        }
    }
}

extension SQLSession {
    /// Appends a `code_scanned` entry unless the client's last logged scan of the serial is
    /// younger than `interval` seconds.
    fileprivate func appendScan(_ scan: ScanRequest, interval: Double, actor: String) throws -> LogEntry? {
        // Log times of one shape sort as text in time order: no date parsing per scan.
        if interval > 0, let last = try fetchOne("""
            SELECT time FROM scan WHERE serial = ? AND client = ? ORDER BY seq DESC LIMIT 1
            """, [scan.serial, scan.client]), last.string("time") > Timestamp.fromNow(seconds: -interval) {
            return nil
        }
        return try append(.codeScanned, LogPayload.CodeScanned(serial: scan.serial, client: scan.client), actor: actor)
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
