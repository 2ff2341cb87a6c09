import OCOPDomain

extension SQLSession {
    /// Appends one entry to the log, chained to the last, and applies it to the derived tables.
    /// The caller's transaction must hold the store's writer lock, so the head cannot move.
    @discardableResult
    func append<Payload: Encodable>(_ kind: LogEventKind, _ payload: Payload, actor: String) throws -> LogEntry {
        let head = try fetchOne("SELECT seq, hash FROM log ORDER BY seq DESC LIMIT 1")
        let entry = try LogEntry.next(after: head.map { ($0.int64("seq"), $0.string("hash")) }, kind: kind,
                                      payload: CanonicalPayload.encode(payload), actor: actor, time: Timestamp.now())
        try insertLogEntry(entry)
        try DerivedState.apply(entry, self)
        return entry
    }

    /// Writes an entry as it is (its seq and hashes already computed).
    public func insertLogEntry(_ entry: LogEntry) throws {
        try execute("INSERT INTO log (seq, time, kind, actor, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [entry.seq, entry.time, entry.kind, entry.actor, entry.payload, entry.previousHash, entry.hash])
    }
}

extension LogEntry {
    /// The entry that follows `head` (seq and hash of the last entry; nil for an empty log).
    static func next(after head: (seq: Int64, hash: String)?, kind: LogEventKind, payload: String, actor: String,
                     time: String) -> LogEntry {
        let seq = (head?.seq ?? 0) + 1
        let previous = head?.hash ?? LogHash.genesis
        let hash = LogHash.hash(previousHash: previous, seq: seq, time: time, kind: kind.rawValue, actor: actor, payload: payload)
        return LogEntry(seq: seq, time: time, kind: kind.rawValue, actor: actor, payload: payload, previousHash: previous, hash: hash)
    }

    /// Reads a log row; NULLs (an edit behind the tool's back) read as empty and fail the hash.
    public init(row: SQLRow) {
        self.init(seq: row.int64("seq"), time: row.string("time"), kind: row.string("kind"), actor: row.string("actor"),
                  payload: row.string("payload"), previousHash: row.string("prev_hash"), hash: row.string("hash"))
    }

    public static let columns = "seq, time, kind, actor, payload, prev_hash, hash"
}
