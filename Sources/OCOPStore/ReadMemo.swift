import Foundation

/// The results of a store's reads, kept for as long as nothing has been committed to the
/// database since they were read. The resolver reads the same product, producer, batch, ratings,
/// trust entries and seals for every unit page of a batch; with this, a page sends only its
/// unit's own statements (on PostgreSQL, each one a round trip fewer).
///
/// Validity rests on the engine's own commit mark (`SQLSession.commitMarkSQL`), read first in
/// each read: SQLite's `data_version` (moves when any other connection commits) with the
/// connection's own `total_changes()`, PostgreSQL's current snapshot (moves when any transaction
/// starts writing or ends). Any edit to the database, the tool's or anyone else's, changes the
/// mark, so the next read starts afresh and an edited log entry is read and checked again.
/// Results are never older than the mark they are kept under: a read takes its mark before its
/// statements run.
public final class ReadMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var mark: String?
    private var results: [SQLStatement: [SQLRow]] = [:]
    /// Most results kept for one mark; past it the memo starts again (unit pages add one or two
    /// results each, so a busy second fills it and a commit clears it).
    let limit: Int
    /// Larger results (a walk of the log, say) are not kept.
    let maximumRows: Int

    public init(limit: Int = 20_000, maximumRows: Int = 64) {
        self.limit = limit
        self.maximumRows = maximumRows
    }

    /// A session over `base` whose reads are answered from the memo while the mark holds. The
    /// mark is read with the read's first statements, in the same round trip.
    public func session(over base: any SQLSession) -> any SQLSession {
        let pins = Thread.current.threadDictionary[Self.pinsKey] as? MarkPins
        return MemoizedSession(base: base, memo: self, mark: pins?.marks[ObjectIdentifier(self)], pins: pins)
    }

    /// The mark a read found: a new one starts the memo afresh.
    fileprivate func adopt(_ current: String, pins: MarkPins?) {
        pins?.marks[ObjectIdentifier(self)] = current
        lock.lock()
        if mark != current {
            mark = current
            results.removeAll(keepingCapacity: true)
        }
        lock.unlock()
    }

    /// Runs `body` with one mark for every read it makes on this thread: a page's few reads see
    /// the store as it stood at the first of them (as if they were one read), and only that
    /// first one asks the database for its mark.
    public static func sharingOneMark<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
        let dictionary = Thread.current.threadDictionary
        guard dictionary[pinsKey] == nil else { return try body() }
        dictionary[pinsKey] = MarkPins()
        defer { dictionary[pinsKey] = nil }
        return try body()
    }

    private static let pinsKey = "ocop-trace.read-marks"

    fileprivate final class MarkPins {
        var marks: [ObjectIdentifier: String] = [:]
    }

    /// Forgets everything (after a write through the same store).
    public func clear() {
        lock.lock()
        mark = nil
        results.removeAll(keepingCapacity: true)
        lock.unlock()
    }

    /// How many results are kept (tests).
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return results.count
    }

    fileprivate func rows(_ statement: SQLStatement, mark: String) -> [SQLRow]? {
        lock.lock()
        defer { lock.unlock() }
        guard self.mark == mark else { return nil }
        return results[statement]
    }

    fileprivate func keep(_ rows: [SQLRow], _ statement: SQLStatement, mark: String) {
        guard rows.count <= maximumRows else { return }
        lock.lock()
        defer { lock.unlock() }
        // Another read may have seen a newer mark meanwhile: these rows belong to the old one.
        guard self.mark == mark else { return }
        if results.count >= limit { results.removeAll(keepingCapacity: true) }
        results[statement] = rows
    }
}

/// A read-only session answering repeated statements from its memo.
private final class MemoizedSession: SQLSession {
    let base: any SQLSession
    let memo: ReadMemo
    /// Unknown until the first statement goes out (unless the thread's reads share one).
    var mark: String?
    let pins: ReadMemo.MarkPins?

    init(base: any SQLSession, memo: ReadMemo, mark: String?, pins: ReadMemo.MarkPins?) {
        self.base = base
        self.memo = memo
        self.mark = mark
        self.pins = pins
    }

    var commitMarkSQL: String { base.commitMarkSQL }

    func fetchAll(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        try fetchEach([SQLStatement(sql: sql, arguments: arguments)])[0]
    }

    /// Only the statements the memo cannot answer go to the database, still together; the
    /// first time, with the mark in front of them (read first, so no result is older than it).
    func fetchEach(_ statements: [SQLStatement]) throws -> [[SQLRow]] {
        guard let mark else {
            let results = try base.fetchEach([SQLStatement(sql: base.commitMarkSQL, arguments: [])] + statements)
            let current = results[0].first?.stringOrNil("mark") ?? ""
            memo.adopt(current, pins: pins)
            self.mark = current
            for (statement, rows) in zip(statements, results.dropFirst()) { memo.keep(rows, statement, mark: current) }
            return Array(results.dropFirst())
        }
        var results = statements.map { memo.rows($0, mark: mark) }
        let missing = results.indices.filter { results[$0] == nil }
        guard !missing.isEmpty else { return results.map { $0! } }
        for (index, rows) in zip(missing, try base.fetchEach(missing.map { statements[$0] })) {
            memo.keep(rows, statements[index], mark: mark)
            results[index] = rows
        }
        return results.map { $0! }
    }

    // A read has no business writing; should one ever, the memo is dropped with it.
    func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        memo.clear()
        try base.execute(sql, arguments)
    }

    func insertMany(into table: String, columns: [String], rows: [[SQLValue]]) throws {
        memo.clear()
        try base.insertMany(into: table, columns: columns, rows: rows)
    }

    func payloadField(_ key: String) -> String { base.payloadField(key) }
}
