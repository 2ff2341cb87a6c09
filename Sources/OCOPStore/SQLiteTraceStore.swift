import Foundation
import GRDB
import OCOPDomain

/// The embedded default store: one SQLite file (WAL, synchronous=FULL) through GRDB.
/// Writers take IMMEDIATE transactions and wait up to `busyTimeout` for each other, so two
/// clerks issuing at once queue up instead of failing.
public final class SQLiteTraceStore: SessionTraceStore, @unchecked Sendable {
    public let folder: StoreFolder
    public let settings: StoreSettings
    let queue: DatabaseQueue
    /// Set once by `rememberReads` before the store is shared (the resolver's store threads).
    private var memo: ReadMemo?
    /// The session of a `readingTogether` in progress, for the reads of the thread running it.
    private let sharedRead = ThreadOwnedSession()

    static let busyTimeout: TimeInterval = 30

    public var keyFolder: StoreFolder { folder }

    /// Opens an existing store.
    public init(folder: StoreFolder) throws(StoreError) {
        self.folder = folder
        guard FileManager.default.fileExists(atPath: folder.databasePath) else {
            throw .notInitialized(folder: folder.path)
        }
        queue = try Self.openQueue(folder.databasePath)
        do {
            settings = try queue.read { db in try GRDBSession(db: db).storeSettings(where: folder.databasePath) }
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
        try folder.createPrivate(purpose: "store folder")
        let key = try KeyFiles.create(privatePath: folder.privateKeyPath, publicPath: folder.publicKeyPath)
        do {
            let queue = try openQueue(folder.databasePath)
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try GRDBSession(db: db).appendStoreCreated(resolver: resolver, key: key, actor: actor)
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
    public func write<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        // GRDB would stop the process on a write nested in the open read; say so instead.
        guard sharedRead.current == nil else { throw .engine("a write was attempted inside a read of the whole page") }
        do {
            var result: T?
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try body(GRDBSession(db: db))
                    return .commit
                }
            }
            memo?.clear()
            return result!
        } catch {
            throw Self.storeError(error)
        }
    }

    public func rememberReads(in memo: ReadMemo) {
        self.memo = memo
    }

    public func warm(_ statements: [SQLStatement]) throws(StoreError) {
        guard memo != nil else { return }
        _ = try read { db in try db.fetchEach(statements) }
    }

    public func read<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        if let shared = sharedRead.current {
            do { return try body(shared) } catch { throw Self.storeError(error) }
        }
        do {
            // One DEFERRED transaction (one snapshot) rather than GRDB's `read`: that toggles
            // `PRAGMA query_only`, which expires every cached statement of the connection, so
            // each resolver request re-compiled its ~25 statements.
            var result: T?
            try queue.inDatabase { db in
                try db.inTransaction(.deferred) {
                    let session = GRDBSession(db: db)
                    result = try body(memo?.session(over: session) ?? session)
                    return .commit
                }
            }
            return result!
        } catch {
            throw Self.storeError(error)
        }
    }

    public func readingTogether<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        if sharedRead.current != nil { return try body() }
        // One `read`, its session lent to this thread for the reads `body` makes.
        return try read { session in try sharedRead.during(session) { () throws(StoreError) -> T in try body() } }
    }

    public func recreateDerivedTables(_ session: any SQLSession) throws {
        guard let grdb = session as? GRDBSession else { preconditionFailure("a SQLite store runs GRDB sessions only") }
        try Schema.dropDerivedTables(grdb.db)
        try Schema.createDerivedTables(grdb.db)
    }

    /// Turns GRDB and file-system failures into one-line store errors.
    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DomainError { return .invalid(error) }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .busy("the store stayed locked by another process for \(Int(busyTimeout)) s; try again")
            case .SQLITE_FULL: return .diskFull("the disk is full; nothing was written")
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN, .SQLITE_AUTH:
                return .readOnly("cannot write the store (\(error.message ?? "read-only")); check the folder's permissions")
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return .corrupt("the database file is damaged (\(error.message ?? "corrupt")); restore it from a backup")
            case .SQLITE_IOERR: return .engine("input/output error: \(error.message ?? "I/O")")
            default: return .engine(error.message ?? "\(error.resultCode)")
            }
        }
        return .engine(String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error")
    }
}
