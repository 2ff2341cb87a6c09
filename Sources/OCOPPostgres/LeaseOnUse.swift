import Logging
import OCOPStore

/// A read's session that takes a connection from the pool only when it first sends a statement,
/// and gives it back at the end of the read: a read the memo answers whole takes none (a lease
/// is a task and two thread hand-overs).
final class LeaseOnUse: SQLSession {
    private let pool: PostgresPool
    private let logger: Logger
    private var lease: PostgresPool.Lease?

    init(pool: PostgresPool, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    func giveBack() {
        lease?.giveBack()
        lease = nil
    }

    private func session() throws -> PostgresSession {
        if lease == nil { lease = try pool.lease() }
        return PostgresSession(connection: lease!.connection, logger: logger)
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
