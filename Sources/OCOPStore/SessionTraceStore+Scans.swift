import Foundation
import OCOPDomain

extension SessionTraceStore {
    public func recordScan(serial: String, client: String, interval: Double, actor: String) throws(StoreError) -> LogEntry? {
        try write { db in
            guard try db.exists("SELECT 1 FROM unit WHERE serial = ?", [serial]) else {
                throw StoreError.notFound(what: "unit", id: serial)
            }
            if interval > 0, let last = try db.fetchOne("""
                SELECT time FROM scan WHERE serial = ? AND client = ? ORDER BY seq DESC LIMIT 1
                """, [serial, client]), let lastDate = ScanTime.date(last.string("time")),
               Date().timeIntervalSince(lastDate) < interval {
                return nil
            }
            return try db.append(.codeScanned, LogPayload.CodeScanned(serial: serial, client: client), actor: actor)
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

/// Log times are written by `Timestamp.now()`: UTC with milliseconds.
enum ScanTime {
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
