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
