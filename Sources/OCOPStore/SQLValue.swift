/// A value bound to or read from a statement, the same on every engine: the store's columns
/// hold only integers and text.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
}

/// A Swift value that can stand in a statement's `?`.
public protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }

extension Array where Element == (any SQLBindable)? {
    var sqlValues: [SQLValue] { map { $0?.sqlValue ?? .null } }
}

/// One result row, read by column name. Getters are lenient (NULL reads as "" or 0): a row
/// edited behind the tool's back must show up as a hash mismatch or a parse error, not a crash.
public struct SQLRow: Sendable {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ column: String) -> SQLValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }

    public func stringOrNil(_ column: String) -> String? {
        switch self[column] {
        case let .text(text): return text
        case let .integer(number): return String(number)
        case .null: return nil
        }
    }

    public func int64OrNil(_ column: String) -> Int64? {
        switch self[column] {
        case let .integer(number): return number
        case let .text(text): return Int64(text)
        case .null: return nil
        }
    }

    public func string(_ column: String) -> String { stringOrNil(column) ?? "" }
    public func int64(_ column: String) -> Int64 { int64OrNil(column) ?? 0 }
    public func intOrNil(_ column: String) -> Int? { int64OrNil(column).map { Int($0) } }
    public func int(_ column: String) -> Int { intOrNil(column) ?? 0 }
}
