import GRDB
import OCOPDomain

extension SQLiteTraceStore {
    /// Walks the whole chain: seqs must run 1, 2, 3, … with no gap, each entry's prev_hash must
    /// be the previous entry's hash, and each hash must match a fresh computation.
    public func verifyLog() throws(StoreError) -> LogVerification {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, time, kind, actor, payload, prev_hash, hash FROM log ORDER BY seq")
            var expectedSeq: Int64 = 1
            var previous = LogHash.genesis
            var count: Int64 = 0
            while let row = try rows.next() {
                let entry = Self.entry(from: row)
                if entry.seq != expectedSeq {
                    let problem = entry.seq > expectedSeq ? "seq \(expectedSeq) is missing" : "seq \(entry.seq) is out of order"
                    return LogVerification(entries: count, headHash: previous, firstBadSeq: expectedSeq, problem: problem)
                }
                if entry.previousHash != previous {
                    return LogVerification(entries: count, headHash: previous, firstBadSeq: entry.seq,
                                           problem: "prev_hash does not match the hash of seq \(entry.seq - 1)")
                }
                if !LogHash.verify(entry) {
                    return LogVerification(entries: count, headHash: previous, firstBadSeq: entry.seq,
                                           problem: "hash does not match the entry's content")
                }
                previous = entry.hash
                expectedSeq += 1
                count += 1
            }
            return LogVerification(entries: count, headHash: previous, firstBadSeq: nil, problem: nil)
        }
    }

    public func issuingEntryIntact(for unit: UnitRecord) throws(StoreError) -> Bool {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT seq, time, kind, actor, payload, prev_hash, hash FROM log WHERE seq IN (?, ?) ORDER BY seq
                """, arguments: [unit.seq, unit.seq + 1])
            guard let first = rows.first.map(Self.entry(from:)), first.seq == unit.seq,
                  first.kind == LogEventKind.unitsIssued.rawValue, LogHash.verify(first),
                  first.payload.contains("\"\(unit.serial)\",\"\(unit.shortCode)\"") else { return false }
            if rows.count == 2 {
                return Self.entry(from: rows[1]).previousHash == first.hash
            }
            return true
        }
    }

    public func logEntries(after seq: Int64, limit: Int) throws(StoreError) -> [LogEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT seq, time, kind, actor, payload, prev_hash, hash FROM log WHERE seq > ? ORDER BY seq LIMIT ?
                """, arguments: [seq, limit]).map(Self.entry(from:))
        }
    }

    public func lastLogEntry() throws(StoreError) -> LogEntry? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT seq, time, kind, actor, payload, prev_hash, hash FROM log ORDER BY seq DESC LIMIT 1")
                .map(Self.entry(from:))
        }
    }

    /// Drops the derived tables and replays the log into fresh ones, in one transaction.
    public func reindex() throws(StoreError) -> Int64 {
        try write { db in
            try Schema.dropDerivedTables(db)
            try Schema.createDerivedTables(db)
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, time, kind, actor, payload, prev_hash, hash FROM log ORDER BY seq")
            var count: Int64 = 0
            while let row = try rows.next() {
                try DerivedState.apply(Self.entry(from: row), db)
                count += 1
            }
            return count
        }
    }

    /// Reads columns as optional: a row edited behind the tool's back may hold NULLs, and that
    /// must show up as a hash mismatch, not a crash.
    static func entry(from row: Row) -> LogEntry {
        LogEntry(seq: row["seq"] ?? 0, time: row["time"] ?? "", kind: row["kind"] ?? "", actor: row["actor"] ?? "",
                 payload: row["payload"] ?? "", previousHash: row["prev_hash"] ?? "", hash: row["hash"] ?? "")
    }
}
