import OCOPDomain

extension SessionTraceStore {
    /// Walks the whole chain, a page of entries at a time (a log of big unit chunks does not
    /// fit in memory at once on every machine).
    public func verifyLog() throws(StoreError) -> LogVerification {
        try read { db in
            var walk = LogChainWalk()
            var seals = LogSealWalk(trust: try db.logTrust())
            try db.forEachLogEntry { entry in walk.take(entry) && seals.take(entry) }
            let chain = walk.result
            // Entries after a break are not read: no "unsealed tail" for them.
            if chain.firstBadSeq == nil { seals.finish() }
            guard let failure = seals.failure, chain.firstBadSeq.map({ failure.seq < $0 }) ?? true else { return chain }
            return LogVerification(entries: max(0, failure.seq - 1), headHash: chain.headHash, firstBadSeq: failure.seq,
                                   problem: failure.problem)
        }
    }

    public func logEntries(after seq: Int64, limit: Int) throws(StoreError) -> [LogEntry] {
        try read { db in
            try db.fetchAll("SELECT \(LogEntry.columns) FROM log WHERE seq > ? ORDER BY seq LIMIT ?", [seq, limit])
                .map(LogEntry.init(row:))
        }
    }

    public func lastLogEntry() throws(StoreError) -> LogEntry? {
        try read { db in
            try db.fetchOne("SELECT \(LogEntry.columns) FROM log ORDER BY seq DESC LIMIT 1").map(LogEntry.init(row:))
        }
    }

    /// Drops the derived tables and replays the log into fresh ones, in one transaction.
    public func reindex() throws(StoreError) -> Int64 {
        try write { db in
            try recreateDerivedTables(db)
            return try db.replayLog()
        }
    }
}

extension SQLSession {
    /// Calls `body` with every log entry in seq order, a page at a time, until it returns false.
    public func forEachLogEntry(pageSize: Int = 256, _ body: (LogEntry) throws -> Bool) throws {
        var after: Int64 = 0
        while true {
            let page = try fetchAll("SELECT \(LogEntry.columns) FROM log WHERE seq > ? ORDER BY seq LIMIT ?", [after, pageSize])
            for row in page {
                let entry = LogEntry(row: row)
                guard try body(entry) else { return }
            }
            guard page.count == pageSize, let last = page.last else { return }
            after = last.int64("seq")
        }
    }

    /// Applies every log entry to empty derived tables; returns how many there were.
    public func replayLog() throws -> Int64 {
        var count: Int64 = 0
        try forEachLogEntry { entry in
            try DerivedState.apply(entry, self)
            count += 1
            return true
        }
        return count
    }
}
