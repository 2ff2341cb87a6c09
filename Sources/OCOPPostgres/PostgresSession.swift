import Logging
import NIOCore
import OCOPStore
import PostgresNIO

/// A PostgreSQL connection as an engine-neutral session. Each statement is sent and waited for
/// on the caller's thread; the connection's I/O runs on the store's own event loop, never on
/// the caller's, so a caller inside Swift concurrency cannot deadlock it.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger

    /// PostgreSQL takes at most 65,535 parameters per statement.
    static let maxParameters = 65_535

    func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        _ = try run(sql, arguments)
    }

    func fetchAll(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let rows = try run(sql, arguments).rows
        guard let first = rows.first else { return [] }
        let columns = first.map(\.columnName)
        return try rows.map { row in SQLRow(columns: columns, values: try row.map(Self.value)) }
    }

    /// One multi-row INSERT per slice: a chunk of 1,000 units is one round trip, not 1,000.
    func insertMany(into table: String, columns: [String], rows: [[SQLValue]]) throws {
        let perStatement = max(1, Self.maxParameters / columns.count)
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(rows.count, start + perStatement)]
            let tuples = slice.indices.map { index in
                let base = (index - start) * columns.count
                return "(" + (1...columns.count).map { "$\(base + $0)" }.joined(separator: ", ") + ")"
            }
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + tuples.joined(separator: ", ")
            _ = try send(PostgresQuery(unsafeSQL: sql, binds: Self.bindings(slice.flatMap { $0 })))
            start += slice.count
        }
    }

    func payloadField(_ key: String) -> String { "(payload::jsonb ->> '\(key)')" }

    // The snapshot (xmin:xmax:in-progress) moves when a transaction takes an id (starts writing)
    // and when one ends: equal snapshots see the same committed rows.
    var commitMarkSQL: String { "SELECT pg_current_snapshot()::text AS mark" }

    /// Runs `body` between `begin` (BEGIN with its options) and COMMIT; any error rolls back.
    func inTransaction<T>(_ begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
        try execute(begin, [SQLValue]())
        do {
            let result = try body()
            try execute("COMMIT", [SQLValue]())
            return result
        } catch {
            try? execute("ROLLBACK", [SQLValue]())
            throw error
        }
    }

    /// Takes the store-wide writer lock until the transaction ends: writers queue here, so each
    /// reads the head of the log only when no other can append after it.
    func lockWriters() throws {
        try execute("SELECT pg_advisory_xact_lock(?)", [PostgresTraceStore.writerLock])
    }

    /// Runs a whole script (DDL), statement by statement.
    func executeScript(_ script: String) throws {
        for statement in PostgresSchema.statements(script) { try execute(statement, [SQLValue]()) }
    }

    private func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
        try send(PostgresQuery(unsafeSQL: Self.numberedPlaceholders(sql), binds: Self.bindings(arguments)))
    }

    private func send(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try connection.query(query, logger: logger).wait()
    }

    static func bindings(_ values: [SQLValue]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: bindings.appendNull()
            case let .integer(number): bindings.append(number)
            case let .text(text): bindings.append(text)
            }
        }
        return bindings
    }

    /// `?` placeholders (the neutral form) become `$1`, `$2`, …; quoted text is left alone.
    static func numberedPlaceholders(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?", !quoted {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        default: return .text(try cell.decode(String.self))
        }
    }
}
