import GRDB

/// A GRDB connection as an engine-neutral session. Statements are cached by their text, so the
/// per-unit inserts of a big batch compile once.
struct GRDBSession: SQLSession {
    let db: Database

    func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
    }

    func fetchAll(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        return try Row.fetchAll(statement, arguments: Self.arguments(arguments)).map { row in
            SQLRow(columns: columns, values: row.databaseValues.map(Self.value))
        }
    }

    // In-process: one statement after another costs no round trips.
    func fetchEach(_ statements: [SQLStatement]) throws -> [[SQLRow]] {
        try statements.map { try fetchAll($0.sql, $0.arguments) }
    }

    func insertMany(into table: String, columns: [String], rows: [[SQLValue]]) throws {
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(marks))")
        for row in rows { try statement.execute(arguments: Self.arguments(row)) }
    }

    func payloadField(_ key: String) -> String { "json_extract(payload, '$.\(key)')" }

    // `data_version` moves when another connection commits; `total_changes()` when this one writes.
    var commitMarkSQL: String { "SELECT (SELECT data_version FROM pragma_data_version()) || ':' || total_changes() AS mark" }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { value -> DatabaseValue in
            switch value {
            case .null: return .null
            case let .integer(number): return number.databaseValue
            case let .text(text): return text.databaseValue
            }
        })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: return .null
        case let .int64(number): return .integer(number)
        case let .double(number): return .text(String(number))
        case let .string(text): return .text(text)
        case let .blob(data): return .text(String(decoding: data, as: UTF8.self))
        }
    }
}
