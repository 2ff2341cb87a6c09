import Foundation
import Logging
import NIOCore
import NIOPosix
import OCOPDomain
import OCOPStore
import PostgresNIO

/// The shared store: the same log, hash chain and derived tables as the SQLite store, in a
/// PostgreSQL database that many sites write to at once. The issuer's private key never goes
/// into the database: it stays in a local key folder (`--keys`); the public keys are in the log.
///
/// Every writing transaction first takes one advisory lock, then reads the log's head and
/// appends: concurrent writers queue up and the log stays one linear chain.
public final class PostgresTraceStore: SessionTraceStore, @unchecked Sendable {
    public let url: PostgresURL
    public let keyFolder: StoreFolder
    public let settings: StoreSettings

    /// The key of the store-wide writer lock (`pg_advisory_xact_lock`): "OCOPLOG" in ASCII.
    static let writerLock: Int64 = 0x4F43_4F50_4C4F_47
    /// How long a writer waits for the writer lock before giving up (exit 69), like SQLite's
    /// busy timeout but longer: a 100,000-unit issue holds the lock for several seconds.
    static let lockTimeoutSeconds = 120

    static let connectTimeout: TimeAmount = .seconds(10)
    /// The connections: a pool that reconnects after the server restarts.
    private let pool: PostgresPool
    /// Set once by `rememberReads` before the store is shared (the resolver's store threads).
    private var memo: ReadMemo?
    /// Set once by `keepOneConnectionPerThread` before the store is shared.
    private var threadConnection: ThreadConnection?
    private let logger = Logger(label: "ocop-trace.postgres")

    /// Opens an existing store.
    public init(url: PostgresURL, keyFolder: StoreFolder,
                options: PostgresConnectionOptions = .command) throws(StoreError) {
        let logger = self.logger
        let pool = PostgresPool(url: url, options: options, lockTimeoutSeconds: Self.lockTimeoutSeconds, logger: logger)
        self.pool = pool
        self.url = url
        self.keyFolder = keyFolder
        do {
            settings = try pool.withConnection { connection in
                let session = PostgresSession(connection: connection, logger: logger)
                guard try session.exists("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'log'") else {
                    throw StoreError.notInitialized(folder: url.description)
                }
                try PostgresSchema.upgrade(session)
                return try session.storeSettings(where: url.description)
            }
        } catch {
            throw Self.failure(error, url, options)
        }
    }

    /// How this store waits for its server.
    public var connectionOptions: PostgresConnectionOptions { pool.options }

    /// Creates a store in an empty database: the tables, the key pair in `keyFolder` (private key
    /// 0600 in a 0700 folder) and the log's first entry, holding the public key.
    public static func create(url: PostgresURL, keyFolder: StoreFolder, resolver: String, actor: String) throws(StoreError) -> PostgresTraceStore {
        try createSchema(url) { session in
            try prepareKeyFolder(keyFolder)
            let key = try KeyFiles.create(privatePath: keyFolder.privateKeyPath, publicPath: keyFolder.publicKeyPath)
            do {
                try session.appendStoreCreated(resolver: resolver, key: key, actor: actor)
            } catch {
                // The database rolls back; the keys must not outlive it.
                try? FileManager.default.removeItem(atPath: keyFolder.privateKeyPath)
                try? FileManager.default.removeItem(atPath: keyFolder.publicKeyPath)
                throw error
            }
        }
        return try PostgresTraceStore(url: url, keyFolder: keyFolder)
    }

    /// Creates the tables in an empty database and runs `fill` in the same transaction: a
    /// failure leaves the database as empty as it was.
    static func createSchema(_ url: PostgresURL, fill: (PostgresSession) throws -> Void) throws(StoreError) {
        let logger = Logger(label: "ocop-trace.postgres")
        let pool = PostgresPool(url: url, options: .command, lockTimeoutSeconds: lockTimeoutSeconds, logger: logger)
        do {
            try pool.withConnection { connection in
                let session = PostgresSession(connection: connection, logger: logger)
                try session.inTransaction {
                    try session.lockWriters()
                    if try session.exists("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename IN ('log', 'meta')") {
                        throw StoreError.alreadyInitialized(folder: url.description)
                    }
                    try session.executeScript(PostgresSchema.log)
                    try session.executeScript(LogSubjectIndex.postgres)
                    try session.executeScript(TrustIndex.sql)
                    try session.executeScript(RestampRun.indexSQL)
                    try session.executeScript(PinIndex.postgres)
                    try session.executeScript(ProductDetailsTables.images)
                    try session.execute("INSERT INTO ocop_schema (version) VALUES (?)", [PostgresSchema.version])
                    try session.executeScript(PostgresSchema.derived)
                    try fill(session)
                }
            }
        } catch {
            throw failure(error, url, .command)
        }
    }

    /// The key folder is made 0700 (it holds the private key); an existing one must not be
    /// writable by others.
    static func prepareKeyFolder(_ folder: StoreFolder) throws(StoreError) {
        try folder.createPrivate(purpose: "key folder")
    }

    // MARK: - Sessions

    /// One transaction under the store-wide writer lock: all of it lands, or none. The lock wait
    /// is bounded by `lock_timeout`, not by the (shorter) statement timeout.
    public func write<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        let result = try withSession { session in
            try session.inTransaction {
                let statementLimit = PostgresPool.milliseconds(pool.options.statementTimeout)
                let lockLimit = Int64(Self.lockTimeoutSeconds) * 1000
                if statementLimit < lockLimit {
                    try session.execute("SET LOCAL statement_timeout = \(lockLimit + 1000)", [SQLValue]())
                    try session.lockWriters()
                    try session.execute("SET LOCAL statement_timeout = \(statementLimit)", [SQLValue]())
                } else {
                    try session.lockWriters()
                }
                return try body(session)
            }
        }
        memo?.clear()
        return result
    }

    public func rememberReads(in memo: ReadMemo) {
        self.memo = memo
    }

    public func keepOneConnectionPerThread() {
        threadConnection = ThreadConnection(pool: pool)
    }

    public func warm(_ statements: [SQLStatement]) throws(StoreError) {
        guard memo != nil else { return }
        _ = try read { db in try db.fetchEach(statements) }
    }

    /// Reads run without BEGIN/COMMIT (two round trips fewer per call: a third of a verify's
    /// time). Every statement sees committed state only, and the store's reads are single
    /// statements, except the paged walk of the log, which only ever grows at its end. A read
    /// that meets a connection the server closed (a restart) is tried once more on a fresh one.
    public func read<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        do {
            do {
                return try leasingOnUse(body)
            } catch where Self.isClosedConnection(error) {
                return try leasingOnUse(body)
            }
        } catch {
            throw Self.failure(error, url, pool.options)
        }
    }

    /// One read: a connection only if a statement goes to the server, the memo in front of it.
    private func leasingOnUse<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        let session: LeaseOnUse
        if let threadConnection {
            session = LeaseOnUse(acquire: threadConnection.lease, release: { _ in }, logger: logger)
        } else {
            let pool = self.pool
            session = LeaseOnUse(acquire: pool.lease, release: { $0.giveBack() }, logger: logger)
        }
        defer { session.giveBack() }
        return try droppingBrokenConnection { try body(memo?.session(over: session) ?? session) }
    }

    public func recreateDerivedTables(_ session: any SQLSession) throws {
        guard let session = session as? PostgresSession else { preconditionFailure("a PostgreSQL store runs its own sessions only") }
        try session.execute(PostgresSchema.dropDerived, [SQLValue]())
        try session.executeScript(PostgresSchema.derived)
    }

    private func withSession<T>(_ body: (PostgresSession) throws -> T) throws(StoreError) -> T {
        do {
            return try session(body)
        } catch {
            throw Self.failure(error, url, pool.options)
        }
    }

    /// One lease of a pooled connection for `body` (or the thread's own connection).
    private func session<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        guard let threadConnection else {
            return try pool.withConnection { connection in try body(PostgresSession(connection: connection, logger: logger)) }
        }
        return try droppingBrokenConnection {
            let lease = try threadConnection.lease()
            return try body(PostgresSession(connection: lease.connection, logger: logger, prepared: lease.prepared))
        }
    }

    /// Runs `body` on the thread's kept connection (if any); a failure after which that
    /// connection may be unusable drops it, so the next call leases a new one.
    private func droppingBrokenConnection<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            if Self.mayEndConnection(error) { threadConnection?.drop() }
            throw error
        }
    }

    /// A driver failure after which a connection may be unusable: anything but the server's
    /// own answer to a statement, and the server's answers that end the session. Other errors
    /// (an unknown serial, a row that does not decode) come after whole answers and leave the
    /// connection as it was.
    static func mayEndConnection(_ error: any Error) -> Bool {
        if let failure = error as? PreparedStatements.Failure { return !failure.isStatementError }
        if error is NoAnswer { return true }
        guard let driver = error as? PSQLError else { return false }
        guard let state = driver.serverInfo?[.sqlState] else { return true }
        return SQLState.endsSession(state)
    }

    /// A connection the server closed under us (a restart): before any answer of its own, or
    /// after saying it is shutting down (57P01-57P03).
    static func isClosedConnection(_ error: any Error) -> Bool {
        switch error as? PreparedStatements.Failure {
        case .closed: return true
        case let .server(state, _): return SQLState.isShutdown(state)
        case nil: break
        }
        guard let driver = error as? PSQLError else { return false }
        if let state = driver.serverInfo?[.sqlState] { return SQLState.isShutdown(state) }
        return [.serverClosedConnection, .uncleanShutdown, .connectionError].contains(driver.code)
    }

    // MARK: - Connection

    /// A pool that gave no connection in time is a server that cannot be reached; anything else
    /// is mapped by `storeError`.
    static func failure(_ error: any Error, _ url: PostgresURL, _ options: PostgresConnectionOptions) -> StoreError {
        if let failed = error as? PostgresPool.ConnectFailed {
            switch failed.sqlState {
            case "3D000": return .unreachable("PostgreSQL at \(url.host):\(url.port) has no database '\(url.database)'; create it first (createdb)")
            case "28000", "28P01": return .unreachable("PostgreSQL refused user '\(url.user)' on \(url): \(failed.message ?? "authentication failed")")
            case let state?: return .engine("PostgreSQL (\(url)): \(failed.message ?? state)")
            case nil:
                let timedOut = failed.detail.lowercased().contains("timeout")
                let cause = failed.detail.contains("refused") ? "connection refused"
                    : timedOut ? "no answer within \(options.connectTimeout)" : "connection failed"
                let text = "cannot reach PostgreSQL at \(url.host):\(url.port) (\(cause)); is the server running?"
                return timedOut ? .timeout(text) : .unreachable(text)
            }
        }
        if let timeout = error as? PostgresPool.LeaseTimeout {
            return .timeout("cannot reach PostgreSQL at \(url.host):\(url.port) (no connection within \(timeout.after)); is the server running?")
        }
        return storeError(error, url)
    }

    /// The driver's connection errors nest several layers deep: name the cause in a few words.
    static func connectionCause(_ error: PSQLError) -> String {
        let text = error.underlying.map { String(describing: $0) } ?? ""
        if text.contains("Connection refused") { return "connection refused" }
        if text.lowercased().contains("timeout") || text.lowercased().contains("timed out") {
            return "no answer within \(connectTimeout.nanoseconds / 1_000_000_000) s"
        }
        if text.contains("resolve") || text.contains("getaddrinfo") { return "unknown host" }
        return error.code == .connectionError ? "connection failed" : "connection closed"
    }

    /// Turns driver and server failures into one-line store errors that name the server (never
    /// its password).
    static func storeError(_ error: any Error, _ url: PostgresURL) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DomainError { return .invalid(error) }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return serverError(state: error.serverInfo?[.sqlState] ?? "", message: message, url)
            }
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
                let cause = connectionCause(error)
                let text = "cannot reach PostgreSQL at \(url.host):\(url.port) (\(cause)); is the server running?"
                return cause.hasPrefix("no answer") ? .timeout(text) : .unreachable(text)
            default:
                return .engine("PostgreSQL (\(url)): \(error.code)")
            }
        }
        if error is NoAnswer {
            return .timeout("PostgreSQL at \(url.host):\(url.port) did not answer within \(BoundedWait.limit); the connection was closed")
        }
        if let failure = error as? PreparedStatements.Failure {
            switch failure {
            case let .server(state, message): return serverError(state: state, message: message, url)
            case .closed: return .unreachable("cannot reach PostgreSQL at \(url.host):\(url.port) (connection closed); is the server running?")
            }
        }
        return .engine(String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error")
    }

    /// The server's own answer (SQLSTATE and message) as a store error.
    static func serverError(state: String, message: String, _ url: PostgresURL) -> StoreError {
        switch state {
        case "3D000": return .unreachable("PostgreSQL at \(url.host):\(url.port) has no database '\(url.database)'; create it first (createdb)")
        case "28000", "28P01": return .unreachable("PostgreSQL refused user '\(url.user)' on \(url): \(message)")
        case "53100": return .diskFull("the PostgreSQL server's disk is full; nothing was written")
        case "55P03", "40P01": return .busy("the store stayed locked by another writer for \(lockTimeoutSeconds) s; try again")
        case "57014": return .timeout("PostgreSQL (\(url)) did not finish the statement in time: \(message)")
        case "25006", "42501": return .readOnly("PostgreSQL (\(url)) refuses writes: \(message)")
        case "XX001", "XX002": return .corrupt("PostgreSQL (\(url)) reports damaged data: \(message)")
        case _ where SQLState.endsSession(state):
            return .unreachable("PostgreSQL (\(url)) dropped the connection: \(message)")
        default: return .engine("PostgreSQL (\(url)): \(message)")
        }
    }
}
