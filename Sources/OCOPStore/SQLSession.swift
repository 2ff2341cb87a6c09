/// One open transaction (or read) on a store's database, whatever the engine. Statements use
/// `?` placeholders and SQL both SQLite and PostgreSQL accept; each engine adapts the rest.
public protocol SQLSession {
    func execute(_ sql: String, _ arguments: [SQLValue]) throws
    func fetchAll(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// Runs statements that do not depend on each other; an engine across a network sends them
    /// in one round trip. The results come back in the statements' order.
    func fetchEach(_ statements: [SQLStatement]) throws -> [[SQLRow]]
    /// Inserts rows of one shape: an engine across a network sends them in one statement.
    func insertMany(into table: String, columns: [String], rows: [[SQLValue]]) throws
    /// The SQL expression reading a top-level text field of the log's JSON `payload`, written
    /// exactly as the engine's `log_by_subject` index writes it.
    func payloadField(_ key: String) -> String
    /// A statement returning one row with a text column `mark` that changes whenever anything
    /// is committed to the database, by any connection (`ReadMemo`).
    var commitMarkSQL: String { get }
}

/// A statement with its arguments, for `fetchEach`.
public struct SQLStatement: Sendable, Hashable {
    public let sql: String
    public let arguments: [SQLValue]

    public init(_ sql: String, _ arguments: [(any SQLBindable)?] = []) {
        self.init(sql: sql, arguments: arguments.sqlValues)
    }

    public init(sql: String, arguments: [SQLValue]) {
        self.sql = sql
        self.arguments = arguments
    }
}

extension SQLSession {
    public func fetchAll(_ statement: SQLStatement) throws -> [SQLRow] {
        try fetchAll(statement.sql, statement.arguments)
    }

    public func execute(_ sql: String, _ arguments: [(any SQLBindable)?] = []) throws {
        try execute(sql, arguments.sqlValues)
    }

    public func fetchAll(_ sql: String, _ arguments: [(any SQLBindable)?] = []) throws -> [SQLRow] {
        try fetchAll(sql, arguments.sqlValues)
    }

    public func fetchOne(_ sql: String, _ arguments: [(any SQLBindable)?] = []) throws -> SQLRow? {
        try fetchAll(sql, arguments.sqlValues).first
    }

    /// Does the query return any row?
    public func exists(_ sql: String, _ arguments: [(any SQLBindable)?] = []) throws -> Bool {
        try fetchOne(sql, arguments) != nil
    }
}

/// A store whose operations run as SQL sessions: the engine supplies the sessions, the shared
/// code (registry, codes, chain events, log) is written once for every engine.
public protocol SessionTraceStore: TraceStore {
    /// Where the issuer's private key lives: the store folder (SQLite) or `--keys` (PostgreSQL).
    var keyFolder: StoreFolder { get }
    /// Runs `body` in one writing transaction, serialised with every other writer of the store.
    func write<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T
    func read<T>(_ body: (any SQLSession) throws -> T) throws(StoreError) -> T
    /// From now on, answers repeated reads from `memo` while nothing is committed (`ReadMemo`).
    func rememberReads(in memo: ReadMemo)
    /// From now on, each thread that calls the store keeps one connection for all its calls (the
    /// resolver's long-lived store threads), instead of taking one from a pool per call. Engines
    /// with one connection per store ignore it.
    func keepOneConnectionPerThread()
    /// With a memo, reads `statements` into it in one go (a page's reads, ahead of the page);
    /// without one, does nothing.
    func warm(_ statements: [SQLStatement]) throws(StoreError)
    /// Drops and recreates the derived tables (inside a `write`), for `reindex`.
    func recreateDerivedTables(_ session: any SQLSession) throws
}

extension SessionTraceStore {
    public func keepOneConnectionPerThread() {}
}
