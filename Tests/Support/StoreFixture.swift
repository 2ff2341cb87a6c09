import Foundation

/// Which engine the store tests run on: SQLite (a folder), or PostgreSQL with
/// `OCOP_TEST_ENGINE=postgres` (a fresh database on the `make test` server per fixture).
public enum TestEngine: String, Sendable {
    case sqlite, postgres

    public static var current: TestEngine {
        ProcessInfo.processInfo.environment["OCOP_TEST_ENGINE"] == "postgres" ? .postgres : .sqlite
    }
}

/// A store made through the real CLI in a scratch folder, with one producer, one rated product
/// (GTIN) and one unrated product (no GTIN), ready for batches.
public struct StoreFixture: Sendable {
    public let folder: URL
    public let engine: TestEngine
    /// What `--store` says: the store folder, or the postgres:// address of this fixture's database.
    public let store: String

    /// `populated: false` gives an empty store (init only).
    public init(_ name: String, resolver: String = "id.example.vn", populated: Bool = true, engine: TestEngine = .current) throws {
        folder = try ProjectPaths.scratch(name)
        self.engine = engine
        switch engine {
        case .sqlite: store = folder.appendingPathComponent("store").path
        case .postgres: store = try TestPostgres.createDatabase(name)
        }
        try expectSuccess(["init", "--resolver", resolver])
        guard populated else { return }
        try expectSuccess(["producer", "add", "TV-P002", "--name", "Hợp tác xã Đặc sản Đại Phước", "--kind", "cooperative",
                           "--province", "Trà Vinh", "--district", "Càng Long", "--commune", "Đại Phước"])
        try expectSuccess(["product", "add", "TV-0002", "--producer", "TV-P002", "--name", "Kẹo dừa Đại Phước",
                           "--group", "food", "--gtin", "9528400000020"])
        try expectSuccess(["rate", "TV-0002", "--stars", "4", "--score", "81", "--decision", "2180/QĐ-UBND",
                           "--decision-date", "2026-10-15"])
        try expectSuccess(["product", "add", "TV-0004", "--producer", "TV-P002", "--name", "Kẹo dừa Hiệp Hòa",
                           "--group", "food"])
    }

    /// The folder holding the issuer's private key: the store folder, or the local key folder of
    /// a PostgreSQL store (the key never goes into the database).
    public var keyFolder: String {
        engine == .sqlite ? store : folder.appendingPathComponent("keys").path
    }

    /// The environment of every command: the key folder comes through `$OCOP_TRACE_KEYS`, which
    /// every command reads (also `verify`, which has no `--keys`).
    public var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["OCOP_TRACE_KEYS"] = engine == .postgres ? keyFolder : nil
        return environment
    }

    /// Runs `ocop-trace` against this store (the --store option is added).
    public func run(_ arguments: [String], input: Data? = nil) throws -> ProcessResult {
        try ocopTrace(arguments + ["--store", store], input: input, environment: environment, in: folder)
    }

    @discardableResult
    public func expectSuccess(_ arguments: [String]) throws -> ProcessResult {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw SubprocessError(description: "ocop-trace \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderrText)")
        }
        return result
    }

    /// Issues a batch and returns its signed codes as (uri, short code, serial).
    public func issue(product: String = "TV-0002", lot: String, units: Int) throws -> [(uri: String, short: String, serial: String)] {
        let codes = folder.appendingPathComponent("codes-\(lot.replacingOccurrences(of: "/", with: "_")).csv").path
        try expectSuccess(["batch", "issue", "--product", product, "--lot", lot, "--units", String(units), "--codes", codes])
        let text = try String(contentsOfFile: codes, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (cells[0], cells[1], cells[2])
        }
    }

    public var database: String { store + "/ocop-trace.sqlite" }

    /// Runs SQL on the store's database the way an admin edits behind the tool's back: the
    /// sqlite3 CLI on the file, or psql as the server's superuser. Output is the same shape.
    public func sql(_ sql: String) throws -> ProcessResult {
        switch engine {
        case .sqlite:
            guard let sqlite3 = which("sqlite3") else { throw SubprocessError(description: "sqlite3 is missing: run `make test`") }
            return try TestSupport.run(sqlite3, [database, sql])
        case .postgres:
            return try TestPostgres.psql(store, sql)
        }
    }

    /// SQL with the log's append-only triggers out of the way, as only the database's owner can:
    /// SQLite drops them, PostgreSQL disables them for the statement's transaction.
    public func sqlBypassingTriggers(_ statements: String) throws -> ProcessResult {
        switch engine {
        case .sqlite: return try sql("DROP TRIGGER log_refuses_update; DROP TRIGGER log_refuses_delete; \(statements);")
        case .postgres:
            return try sql("BEGIN; ALTER TABLE log DISABLE TRIGGER USER; \(statements); ALTER TABLE log ENABLE TRIGGER USER; COMMIT;")
        }
    }

    /// A fingerprint of everything the store holds (SHA-256 of its files; on PostgreSQL also every
    /// table's rows), to prove a refused command changed nothing.
    public func digest() throws -> String {
        guard let sha256sum = which("sha256sum") else { throw SubprocessError(description: "sha256sum is missing") }
        let files = try FileManager.default.contentsOfDirectory(atPath: keyFolder).sorted().map { keyFolder + "/" + $0 }
        let fileDigest = try TestSupport.run(sha256sum, files).stdoutText
        guard engine == .postgres else { return fileDigest }
        let tables = try sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").stdoutText
            .split(separator: "\n")
        let dumps = try tables.map { table in try sql("SELECT * FROM \(table) ORDER BY 1").stdoutText }
        return fileDigest + "\n" + tables.joined(separator: ",") + "\n" + dumps.joined(separator: "\n--\n")
    }

    public func remove() {
        if engine == .postgres { TestPostgres.dropDatabase(store) }
        try? FileManager.default.removeItem(at: folder)
    }
}
