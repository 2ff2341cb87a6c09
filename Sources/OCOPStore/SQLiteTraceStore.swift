import Foundation
import GRDB
import OCOPDomain

/// The embedded default store: one SQLite file (WAL, synchronous=FULL) through GRDB.
/// Writers take IMMEDIATE transactions and wait up to `busyTimeout` for each other, so two
/// clerks issuing at once queue up instead of failing.
public final class SQLiteTraceStore: TraceStore, @unchecked Sendable {
    public let folder: StoreFolder
    public let settings: StoreSettings
    let queue: DatabaseQueue

    static let busyTimeout: TimeInterval = 30

    /// Opens an existing store.
    public init(folder: StoreFolder) throws(StoreError) {
        self.folder = folder
        guard FileManager.default.fileExists(atPath: folder.databasePath) else {
            throw .notInitialized(folder: folder.path)
        }
        queue = try Self.openQueue(folder.databasePath)
        do {
            let values = try queue.read { db in
                try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM meta").map {
                    (row: Row) in (row["key"] as String, row["value"] as String)
                })
            }
            guard let resolver = values["resolver"], let publicKey = values["public_key"] else {
                throw StoreError.io("\(folder.databasePath) has no store settings; run `ocop-trace reindex`")
            }
            settings = StoreSettings(resolver: resolver, publicKey: publicKey)
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Creates a store: folder, key pair (private key 0600) and the log's first entry.
    public static func create(folder: StoreFolder, resolver: String, actor: String) throws(StoreError) -> SQLiteTraceStore {
        let manager = FileManager.default
        if manager.fileExists(atPath: folder.databasePath) || manager.fileExists(atPath: folder.privateKeyPath) {
            throw .alreadyInitialized(folder: folder.path)
        }
        do {
            try manager.createDirectory(atPath: folder.path, withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io("cannot create \(folder.path): \(error.localizedDescription)")
        }
        let key = try KeyFiles.create(privatePath: folder.privateKeyPath, publicPath: folder.publicKeyPath)
        let publicKey = Base64URL.encode(Array(key.publicKey.rawRepresentation))
        do {
            let queue = try openQueue(folder.databasePath)
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let created = LogPayload.StoreCreated(format: 1, resolver: resolver, publicKey: publicKey)
                    _ = try append(.storeCreated, created, actor: actor, db)
                    return .commit
                }
            }
        } catch {
            // Leave nothing half-made: a store without its first entry is no store.
            try? manager.removeItem(atPath: folder.databasePath)
            try? manager.removeItem(atPath: folder.databasePath + "-wal")
            try? manager.removeItem(atPath: folder.databasePath + "-shm")
            try? manager.removeItem(atPath: folder.privateKeyPath)
            try? manager.removeItem(atPath: folder.publicKeyPath)
            throw storeError(error)
        }
        return try SQLiteTraceStore(folder: folder)
    }

    static func openQueue(_ path: String) throws(StoreError) -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        // WAL is set here rather than through GRDB's `journalMode = .wal`, which lowers
        // synchronous to NORMAL and creates and drops a table on every open (rewriting the file
        // header even for read-only commands).
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // A million-unit store has ~100 MB of indexes; serial and short-code uniqueness checks
            // touch them at random, so keep them in memory instead of re-reading pages.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try Schema.migrator().migrate(queue)
            return queue
        } catch {
            throw storeError(error)
        }
    }

    /// Runs `body` in one IMMEDIATE transaction: all of it lands, or none.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            var result: T?
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
            }
            return result!
        } catch {
            throw Self.storeError(error)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.read { db in try body(db) }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Appends one entry to the log, chained to the last, and applies it to the derived tables.
    @discardableResult
    static func append<Payload: Encodable>(_ kind: LogEventKind, _ payload: Payload, actor: String,
                                           _ db: Database) throws -> LogEntry {
        let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM log ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (head?["seq"] ?? 0) + 1
        let previous: String = head?["hash"] ?? LogHash.genesis
        let time = Timestamp.now()
        let text = try CanonicalPayload.encode(payload)
        let hash = LogHash.hash(previousHash: previous, seq: seq, time: time, kind: kind.rawValue, actor: actor, payload: text)
        try db.execute(sql: "INSERT INTO log (seq, time, kind, actor, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       arguments: [seq, time, kind.rawValue, actor, text, previous, hash])
        let entry = LogEntry(seq: seq, time: time, kind: kind.rawValue, actor: actor, payload: text,
                             previousHash: previous, hash: hash)
        try DerivedState.apply(entry, db)
        return entry
    }

    /// Turns GRDB and file-system failures into one-line store errors.
    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DomainError { return .invalid(error) }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .io("the store stayed locked by another process for \(Int(busyTimeout)) s; try again")
            case .SQLITE_FULL: return .io("the disk is full; nothing was written")
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN, .SQLITE_AUTH:
                return .io("cannot write the store (\(error.message ?? "read-only")); check the folder's permissions")
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .io("the database file is damaged: \(error.message ?? "corrupt")")
            case .SQLITE_IOERR: return .io("input/output error: \(error.message ?? "I/O")")
            default: return .io(error.message ?? "\(error.resultCode)")
            }
        }
        return .io(String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error")
    }
}

/// Wall-clock time of log entries: UTC, ISO 8601, milliseconds (`2026-11-20T03:04:05.678Z`).
/// Formatted by hand: an ISO8601DateFormatter per entry cost more than the entry's hash.
enum Timestamp {
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int(spec.tv_nsec) / 1_000_000
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(millis, 3))Z"
    }
}

/// Encodes a payload as canonical JSON: sorted keys, no whitespace, minimal escaping.
enum CanonicalPayload {
    static func encode<Payload: Encodable>(_ payload: Payload) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(payload)
        return try CanonicalJSON(parsingBytes: [UInt8](data)).canonicalText
    }
}
