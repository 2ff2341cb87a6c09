import Logging
import OCOPStore

/// A read's session that takes a connection only when it first sends a statement, and gives it
/// back at the end of the read: a read the memo answers whole takes none (a lease from the pool
/// is a task and two thread hand-overs). The connection comes from `acquire`: a fresh lease of
/// the pool, or the one the calling thread keeps (`ThreadConnection`).
final class LeaseOnUse: SQLSession {
    private let acquire: () throws -> PostgresPool.Lease
    private let release: (PostgresPool.Lease) -> Void
    private let logger: Logger
    private var lease: PostgresPool.Lease?

    init(acquire: @escaping () throws -> PostgresPool.Lease, release: @escaping (PostgresPool.Lease) -> Void, logger: Logger) {
        self.acquire = acquire
        self.release = release
        self.logger = logger
    }

    func giveBack() {
        if let lease { release(lease) }
        lease = nil
    }

    private func session() throws -> PostgresSession {
        if lease == nil { lease = try acquire() }
        return PostgresSession(connection: lease!.connection, logger: logger, prepared: lease!.prepared)
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        try session().execute(sql, arguments)
    }

    func fetchAll(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        try session().fetchAll(sql, arguments)
    }

    func fetchEach(_ statements: [SQLStatement]) throws -> [[SQLRow]] {
        try session().fetchEach(statements)
    }

    func insertMany(into table: String, columns: [String], rows: [[SQLValue]]) throws {
        try session().insertMany(into: table, columns: columns, rows: rows)
    }

    func payloadField(_ key: String) -> String { PostgresSession.payloadField(key) }

    var commitMarkSQL: String { PostgresSession.commitMarkSQL }
}
