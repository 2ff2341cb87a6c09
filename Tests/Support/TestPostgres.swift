import Foundation

/// The PostgreSQL server of a test run: `make test` (scripts/postgres-test.sh) starts a real one
/// on a temporary data directory and exports its address. Tests that need it fail without it.
public enum TestPostgres {
    public static let environmentVariable = "OCOP_TEST_POSTGRES"

    /// `postgres://postgres@127.0.0.1:PORT/postgres`, the server's maintenance database.
    public static func serverURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[environmentVariable], !url.isEmpty else {
            throw SubprocessError(description: "\(environmentVariable) is not set: these tests need a PostgreSQL server; run `make test` "
                                  + "(or scripts/postgres-test.sh swift test …), which starts one")
        }
        return url
    }

    /// The same server, another database.
    public static func url(database: String) throws -> String {
        let server = try serverURL()
        guard let slash = server.range(of: "/", options: .backwards) else { return server }
        return String(server[..<slash.upperBound]) + database
    }

    /// A fresh, empty database with a name unique to this test.
    public static func createDatabase(_ name: String) throws -> String {
        let cleaned = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        let database = "ocop_" + String(cleaned.prefix(40)) + "_" + UUID().uuidString.prefix(8).lowercased()
        let result = try psql(serverURL(), "CREATE DATABASE \(database)")
        guard result.status == 0 else { throw SubprocessError(description: "CREATE DATABASE \(database): \(result.stderrText)") }
        return try url(database: database)
    }

    public static func dropDatabase(_ url: String) {
        guard let name = url.split(separator: "/").last, let server = try? serverURL() else { return }
        _ = try? psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs psql with output shaped like the sqlite3 CLI's (no header, `|` between columns),
    /// stopping at the first error.
    public static func psql(_ url: String, _ sql: String) throws -> ProcessResult {
        guard let psql = which("psql") else { throw SubprocessError(description: "psql is missing: run `make test`") }
        return try run(psql, ["-X", "-q", "-A", "-t", "-F", "|", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
    }
}
