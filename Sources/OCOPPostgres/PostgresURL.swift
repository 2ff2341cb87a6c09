import Foundation
import OCOPStore

/// A `postgres://user[:password]@host[:port]/database` store address. Its description never
/// shows the password, so it is safe in error messages.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public let user: String
    public let password: String?
    public let host: String
    public let port: Int
    public let database: String

    /// True for `postgres://` and `postgresql://` addresses (anything else is a store folder).
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(parsing text: String) throws(StoreError) {
        guard Self.isPostgres(text), let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw .invalid(.init(field: "store", rule: "'\(Self.redacted(text))' is not a postgres://user@host:port/database address"))
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalid(.init(field: "store", rule: "'\(Self.redacted(text))' names no database (postgres://user@host:port/database)"))
        }
        self.user = components.user.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        self.password = components.password.flatMap { $0.removingPercentEncoding }
        self.host = host
        self.port = components.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
    }

    public init(user: String, password: String?, host: String, port: Int, database: String) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
    }

    /// The same server, another database (tests make one per store).
    public func with(database: String) -> PostgresURL {
        PostgresURL(user: user, password: password, host: host, port: port, database: database)
    }

    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The text with any password replaced, for messages about an address that did not parse.
    static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
