import Foundation
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
    /// The connection's prepared reads, when a thread keeps it (`ThreadConnection`).
    var prepared: PreparedStatements?

    init(connection: PostgresConnection, logger: Logger, prepared: PreparedStatements? = nil) {
        self.connection = connection
        self.logger = logger
        self.prepared = prepared
    }

    /// PostgreSQL takes at most 65,535 parameters per statement.
    static let maxParameters = 65_535

    func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        _ = try run(sql, arguments)
    }

    func fetchAll(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let rows = try read(Self.numberedPlaceholders(sql, typedBy: arguments), arguments)
        guard let first = rows.first else { return [] }
        let columns = first.map(\.columnName)
        return try rows.map { row in SQLRow(columns: columns, values: try row.map(Self.value)) }
    }

    /// Several statements as one: each one's rows aggregated into a JSON array, one column per
    /// statement, so a verdict's nine reads are one round trip instead of nine. Values come
    /// back as they would from the statements themselves: integers as numbers, text as strings
    /// (JSON strings carry text exactly, so hashes over payloads still match).
    func fetchEach(_ statements: [SQLStatement]) throws -> [[SQLRow]] {
        guard statements.count > 1 else { return try statements.map { try fetchAll($0.sql, $0.arguments) } }
        var number = 0
        let columns = statements.enumerated().map { index, statement in
            let sql = Self.numberedPlaceholders(statement.sql, after: number, typedBy: statement.arguments)
            number += statement.arguments.count
            return "(SELECT coalesce(json_agg(q), '[]') FROM (\(sql)) q)::text AS r\(index)"
        }
        let sql = "SELECT " + columns.joined(separator: ", ")
        let rows = try read(sql, statements.flatMap(\.arguments))
        guard let row = rows.first else { return statements.map { _ in [] } }
        return try row.map { cell in try Self.jsonRows(cell.decode(String.self)) }
    }

    /// A JSON array of row objects (`json_agg`) as rows.
    static func jsonRows(_ text: String) throws -> [SQLRow] {
        guard let array = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw PostgresRowsUnreadable()
        }
        return array.map { object in
            let columns = Array(object.keys)
            return SQLRow(columns: columns, values: columns.map { column in
                switch object[column] {
                case let text as String: return .text(text)
                case let number as Int: return .integer(Int64(number))
                case let number as Int64: return .integer(number)
                case let number as NSNumber: return .integer(number.int64Value)
                default: return .null
                }
            })
        }
    }

    struct PostgresRowsUnreadable: Error {}

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

    func payloadField(_ key: String) -> String { Self.payloadField(key) }

    static func payloadField(_ key: String) -> String { "(payload::jsonb ->> '\(key)')" }

    var commitMarkSQL: String { Self.commitMarkSQL }

    // The snapshot (xmin:xmax:in-progress) moves when a transaction takes an id (starts writing)
    // and when one ends: equal snapshots see the same committed rows.
    static let commitMarkSQL = "SELECT pg_current_snapshot()::text AS mark"

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

    /// A read's rows: prepared when the connection keeps its statements, else sent as it is.
    private func read(_ sql: String, _ arguments: [SQLValue]) throws -> [[PostgresCell]] {
        if let prepared, let rows = try prepared.rows(sql, arguments, on: connection) { return rows }
        return try send(PostgresQuery(unsafeSQL: sql, binds: Self.bindings(arguments))).rows.map(Array.init)
    }

    private func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
        try send(PostgresQuery(unsafeSQL: Self.numberedPlaceholders(sql), binds: Self.bindings(arguments)))
    }

    private func send(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try BoundedWait.value(of: connection.query(query, logger: logger), on: connection)
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
    /// With `arguments` (a read's), each is cast to its value's type (`$1::int8`, `$2::text`;
    /// NULL left to the server): the types unprepared statements bind anyway, written into the
    /// text so a prepared statement gets them too (`PreparedStatements`).
    static func numberedPlaceholders(_ sql: String, after first: Int = 0, typedBy arguments: [SQLValue]? = nil) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = first
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?", !quoted {
                number += 1
                result += "$\(number)"
                if let arguments, number - first <= arguments.count {
                    switch arguments[number - first - 1] {
                    case .integer: result += "::int8"
                    case .text: result += "::text"
                    case .null: break
                    }
                }
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
