import GRDB
import GRDBSQLite

/// A GRDB connection as an engine-neutral session. Statements are cached by their text, so the
/// per-unit inserts of a big batch compile once.
struct GRDBSession: SQLSession {
    let db: Database

    func execute(_ sql: String, _ arguments: [SQLValue]) throws {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
    }

    /// Binds and steps the cached statement through SQLite's C API: GRDB's `Row` and
    /// `StatementArguments` boxed every value, a tenth of a resolver page's time.
    func fetchAll(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        // Left reset, as GRDB expects its cached statements.
        defer { sqlite3_reset(handle) }
        guard Int(sqlite3_bind_parameter_count(handle)) == arguments.count else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(arguments.count) arguments for \(sqlite3_bind_parameter_count(handle)) parameters", sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch argument {
            case .null: code = sqlite3_bind_null(handle, index)
            case let .integer(number): code = sqlite3_bind_int64(handle, index, number)
            case let .text(text):
                code = text.utf8.withContiguousStorageIfAvailable { bytes in
                    sqlite3_bind_text(handle, index, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                      Int32(bytes.count), Self.transient)
                } ?? sqlite3_bind_text(handle, index, text, -1, Self.transient)
            }
            guard code == SQLITE_OK else { throw error(code, sql) }
        }
        var rows: [SQLRow] = []
        let count = sqlite3_column_count(handle)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw error(code, sql) }
            var values: [SQLValue] = []
            values.reserveCapacity(Int(count))
            for column in 0..<count {
                switch sqlite3_column_type(handle, column) {
                case SQLITE_NULL: values.append(.null)
                case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(handle, column)))
                case SQLITE_FLOAT: values.append(.text(String(sqlite3_column_double(handle, column))))
                default:
                    // Text, and blobs read as UTF-8 text (as `value(_:)` reads them).
                    let bytes = sqlite3_column_blob(handle, column)
                    let length = Int(sqlite3_column_bytes(handle, column))
                    let text = bytes.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: length), as: UTF8.self) } ?? ""
                    values.append(.text(text))
                }
            }
            rows.append(SQLRow(columns: columns, values: values))
        }
    }

    private func error(_ code: Int32, _ sql: String) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }

    /// SQLite copies bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

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
