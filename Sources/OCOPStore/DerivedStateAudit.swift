import GRDB
import OCOPDomain

/// One derived row that does not match what the log says it should be.
public struct DerivedDifference: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The log says the row exists; the table lacks it.
        case missing
        /// The table holds a row the log never made.
        case extra
        /// The row exists but a column differs.
        case differs
    }
    public let table: String
    /// The row's key, as `column=value` pairs.
    public let key: String
    public let kind: Kind
    /// The first differing column, for `differs`.
    public let column: String?

    public var description: String {
        switch kind {
        case .missing: return "\(table) \(key): missing (the log has it)"
        case .extra: return "\(table) \(key): not made by the log"
        case .differs: return "\(table) \(key): column \(column ?? "?") differs from the log"
        }
    }
}

/// `log verify --deep`: replays the whole log into a scratch copy of the derived tables (an
/// in-memory SQLite database, whatever the store's engine) and compares it, row by row, with
/// the store's own tables, so an edit of any derived row is found even where no verdict reads it.
public enum DerivedStateAudit {
    /// Each derived table and the columns that key its rows, in the order they are compared.
    static let keys: [(table: String, key: [String])] = [
        ("meta", ["key"]), ("producer", ["id"]), ("product", ["id"]), ("rating", ["seq"]), ("batch", ["product_id", "lot"]),
        ("unit", ["serial"]), ("chain_event", ["seq"]), ("stamp", ["product_id"]), ("scan", ["seq"]),
        ("product_details", ["product_id"]), ("location", ["id"]),
    ]
    static let pageSize = 5000

    /// Every difference (at most `limit`; `total` counts them all).
    public static func run(_ store: any SessionTraceStore, limit: Int = 1000) throws(StoreError) -> (differences: [DerivedDifference], total: Int) {
        do {
            let scratch = try DatabaseQueue()
            try scratch.write { db in try Schema.createDerivedTables(db) }
            return try store.read { live in
                try scratch.inDatabase { db in
                    let replay = GRDBSession(db: db)
                    try db.inTransaction {
                        try live.forEachLogEntry(pageSize: 1000) { entry in
                            try DerivedState.apply(entry, replay)
                            return true
                        }
                        return .commit
                    }
                    var found: [DerivedDifference] = []
                    var total = 0
                    for (table, key) in keys {
                        try compare(table: table, key: key, expected: replay, actual: live) { difference in
                            total += 1
                            if found.count < limit { found.append(difference) }
                        }
                    }
                    return (found, total)
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .engine("log verify --deep: \(error)")
        }
    }

    /// A merge of both tables in key order, a page at a time.
    static func compare(table: String, key: [String], expected: any SQLSession, actual: any SQLSession,
                        report: (DerivedDifference) -> Void) throws {
        var left = PagedRows(table: table, key: key, session: expected)
        var right = PagedRows(table: table, key: key, session: actual)
        var a = try left.next(), b = try right.next()
        while a != nil || b != nil {
            let order: Int
            if let a, let b { order = compareKeys(a.keyValues(key), b.keyValues(key)) } else { order = a == nil ? 1 : -1 }
            if order < 0, let row = a {
                report(DerivedDifference(table: table, key: describe(row, key), kind: .missing, column: nil))
                a = try left.next()
            } else if order > 0, let row = b {
                report(DerivedDifference(table: table, key: describe(row, key), kind: .extra, column: nil))
                b = try right.next()
            } else if let rowA = a, let rowB = b {
                if let column = rowA.columns.first(where: { rowA[$0] != rowB[$0] }) {
                    report(DerivedDifference(table: table, key: describe(rowA, key), kind: .differs, column: column))
                }
                a = try left.next()
                b = try right.next()
            }
        }
    }

    static func describe(_ row: SQLRow, _ key: [String]) -> String {
        key.map { column in
            switch row[column] {
            case let .text(text): return "\(column)=\(text)"
            case let .integer(number): return "\(column)=\(number)"
            case .null: return "\(column)=NULL"
            }
        }.joined(separator: " ")
    }

    /// Byte order for text (both engines sort their keys so), numeric order for integers.
    static func compareKeys(_ a: [SQLValue], _ b: [SQLValue]) -> Int {
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case let (.integer(i), .integer(j)) where i != j: return i < j ? -1 : 1
            case let (.text(s), .text(t)) where s != t: return Array(s.utf8).lexicographicallyPrecedes(Array(t.utf8)) ? -1 : 1
            default: continue
            }
        }
        return 0
    }
}

/// The rows of a table in key order, fetched a page at a time (keyset paging).
struct PagedRows {
    let table: String
    let key: [String]
    let session: any SQLSession
    private var page: [SQLRow] = []
    private var index = 0
    private var last: [SQLValue]?
    private var exhausted = false

    init(table: String, key: [String], session: any SQLSession) {
        self.table = table
        self.key = key
        self.session = session
    }

    mutating func next() throws -> SQLRow? {
        if index == page.count {
            guard !exhausted else { return nil }
            let order = key.joined(separator: ", ")
            let after = last.map { _ in key.count == 1 ? " WHERE \(key[0]) > ?" : " WHERE (\(order)) > (\(key.map { _ in "?" }.joined(separator: ", ")))" } ?? ""
            page = try session.fetchAll("SELECT * FROM \(table)\(after) ORDER BY \(order) LIMIT \(DerivedStateAudit.pageSize)", last ?? [])
            index = 0
            exhausted = page.count < DerivedStateAudit.pageSize
            guard let final = page.last else { return nil }
            last = final.keyValues(key)
        }
        defer { index += 1 }
        return page[index]
    }
}

extension SQLRow {
    func keyValues(_ key: [String]) -> [SQLValue] { key.map { self[$0] } }
}
