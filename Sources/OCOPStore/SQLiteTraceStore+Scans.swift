import Foundation
import GRDB
import OCOPDomain

extension SQLiteTraceStore {
    public func recordScan(serial: String, client: String, interval: Double, actor: String) throws(StoreError) -> LogEntry? {
        try write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM unit WHERE serial = ?", arguments: [serial]) != nil else {
                throw StoreError.notFound(what: "unit", id: serial)
            }
            if interval > 0, let last = try String.fetchOne(db, sql: """
                SELECT time FROM scan WHERE serial = ? AND client = ? ORDER BY seq DESC LIMIT 1
                """, arguments: [serial, client]), let lastDate = Self.scanDate(last),
               Date().timeIntervalSince(lastDate) < interval {
                return nil
            }
            return try Self.append(.codeScanned, LogPayload.CodeScanned(serial: serial, client: client), actor: actor, db)
        }
    }

    public func scanSummary(serial: String) throws(StoreError) -> ScanSummary {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS scans, COUNT(DISTINCT client) AS clients, MIN(time) AS first, MAX(time) AS last
                FROM scan WHERE serial = ?
                """, arguments: [serial])
            return ScanSummary(scans: row?["scans"] ?? 0, distinctClients: row?["clients"] ?? 0,
                               first: row?["first"], last: row?["last"])
        }
    }

    /// Log times are written by `Timestamp.now()`: UTC with milliseconds.
    static func scanDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
