import Foundation
import TestSupport
import Testing

/// What only the shared store has: `migrate` from SQLite with the chain re-verified, the private
/// key kept out of the database, and clear errors for a server that is not there. These need the
/// PostgreSQL server `make test` starts, and fail (never skip) without it.
@Suite struct PostgresStoreTests {
    @Test func migrateCopiesTheChainEntryByEntry() throws {
        let source = try StoreFixture("migrate-source", engine: .sqlite)
        defer { source.remove() }
        let codes = try source.issue(lot: "M-1", units: 1200)
        try source.expectSuccess(["event", "add", "--batch", "M-1", "--step", "shipping", "--disposition", "in_transit"])
        try source.expectSuccess(["event", "add", codes[3].short, "--step", "retail_selling"])
        let sourceHead = try source.expectSuccess(["log", "verify"]).stdoutText

        let target = try TestPostgres.createDatabase("migrate-target")
        defer { TestPostgres.dropDatabase(target) }
        let keys = source.folder.appendingPathComponent("pg-keys").path
        let migrate = try ocopTrace(["migrate", "--from", source.store, "--to", target, "--keys", keys], in: source.folder)
        #expect(migrate.status == 0, "\(migrate.stderrText)")
        #expect(migrate.stdoutText.contains("copied 18 log entries") && migrate.stdoutText.contains("--keys \(keys)"), "\(migrate.stdoutText)")

        // Same entries, same hashes: the heads agree and every row is the same.
        let copied = try TestPostgres.psql(target, "SELECT seq, time, kind, actor, payload, prev_hash, hash FROM log ORDER BY seq")
        let original = try source.sql("SELECT seq, time, kind, actor, payload, prev_hash, hash FROM log ORDER BY seq")
        #expect(copied.stdoutText == original.stdoutText && !copied.stdoutText.isEmpty)
        var environment = ProcessInfo.processInfo.environment
        environment["OCOP_TRACE_KEYS"] = keys
        let onPostgres = { (arguments: [String]) in
            try ocopTrace(arguments + ["--store", target], environment: environment, in: source.folder)
        }
        #expect(try onPostgres(["log", "verify"]).stdoutText == sourceHead)
        // Derived state rebuilt: the codes verify, the history is there, new codes can be signed.
        #expect(try onPostgres(["verify", codes[3].uri]).status == 13)
        #expect(try onPostgres(["verify", codes[4].short]).status == 0)
        #expect(try onPostgres(["batch", "issue", "--product", "TV-0002", "--lot", "M-2", "--units", "5"]).status == 0)
        #expect((try FileManager.default.attributesOfItem(atPath: keys + "/issuer-key.pem")[.posixPermissions] as? Int) == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: keys)[.posixPermissions] as? Int) == 0o700)

        // A target that holds a store already is refused, and left as it was.
        let again = try ocopTrace(["migrate", "--from", source.store, "--to", target, "--keys", keys + "-2"], in: source.folder)
        #expect(again.status == 67 && again.stderrText.contains("already holds a store"), "\(again.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: keys + "-2"))
    }

    @Test func migrateRefusesABrokenChainAndCopiesNothing() throws {
        let source = try StoreFixture("migrate-broken", engine: .sqlite)
        defer { source.remove() }
        _ = try source.issue(lot: "B-1", units: 10)
        #expect(try source.sqlBypassingTriggers("UPDATE log SET actor = 'mallory' WHERE seq = 3").status == 0)
        let target = try TestPostgres.createDatabase("migrate-broken-target")
        defer { TestPostgres.dropDatabase(target) }
        let keys = source.folder.appendingPathComponent("pg-keys").path
        let result = try ocopTrace(["migrate", "--from", source.store, "--to", target, "--keys", keys], in: source.folder)
        #expect(result.status == 65 && result.stderrText.contains("breaks at seq 3"), "\(result.stderrText)")
        #expect(result.stderrText.split(separator: "\n").count == 1)
        // Rolled back: no table, no key.
        #expect(try TestPostgres.psql(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").stdoutText == "0\n")
        #expect(!FileManager.default.fileExists(atPath: keys + "/issuer-key.pem"))
    }

    @Test func thePrivateKeyNeverEntersTheDatabase() throws {
        let fixture = try StoreFixture("pg-keys", engine: .postgres)
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "K-1", units: 3)
        try fixture.expectSuccess(["key", "rotate"])
        let secret = try String(contentsOfFile: fixture.keyFolder + "/issuer-key.pem", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let everything = try fixture.digest()
        #expect(everything.contains("key_rotated") && !everything.contains(secret))
        #expect((try FileManager.default.attributesOfItem(atPath: fixture.keyFolder)[.posixPermissions] as? Int) == 0o700)
        // Any site verifies with the public keys from the log, without the key folder.
        let elsewhere = try ProjectPaths.scratch("pg-keys-elsewhere")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let code = try fixture.issue(lot: "K-2", units: 1)[0]
        #expect(try ocopTrace(["verify", code.uri, "--store", fixture.store], in: elsewhere).status == 0)
        #expect(try ocopTrace(["key", "list", "--store", fixture.store], in: elsewhere).stdoutText.contains("signing"))
        // Signing without the key folder is a key error, not a crash.
        let unsigned = try ocopTrace(["batch", "issue", "--product", "TV-0002", "--lot", "K-3", "--units", "1",
                                      "--store", fixture.store, "--keys", elsewhere.path + "/none"], in: elsewhere)
        #expect(unsigned.status == 77, "\(unsigned.stderrText)")
    }

    @Test func anUnreachableServerIsAOneLineErrorWithoutThePassword() throws {
        let folder = try ProjectPaths.scratch("pg-unreachable")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Port 1 on loopback: nothing listens there.
        let result = try ocopTrace(["log", "verify", "--store", "postgres://ocop:hunter2@127.0.0.1:1/ocop"], in: folder)
        #expect(result.status == 69, "\(result.stderrText)")
        #expect(result.stderrText.contains("cannot reach PostgreSQL at 127.0.0.1:1"))
        #expect(result.stderrText.split(separator: "\n").count == 1 && !result.stderrText.contains("hunter2"))
        // A database that does not exist, and one without a store.
        let server = try TestPostgres.serverURL()
        let missing = try ocopTrace(["product", "list", "--store", try TestPostgres.url(database: "no_such_db")], in: folder)
        #expect(missing.status == 69 && missing.stderrText.contains("no database 'no_such_db'"), "\(missing.stderrText)")
        let empty = try ocopTrace(["product", "list", "--store", server], in: folder)
        #expect(empty.status == 66 && empty.stderrText.contains("run `ocop-trace init`"), "\(empty.stderrText)")
    }

    @Test func storeAndKeysComeFromTheEnvironment() throws {
        let folder = try ProjectPaths.scratch("pg-env")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try TestPostgres.createDatabase("pg-env")
        defer { TestPostgres.dropDatabase(database) }
        var environment = ProcessInfo.processInfo.environment
        environment["OCOP_TRACE_STORE"] = database
        environment["OCOP_TRACE_KEYS"] = nil
        // Without --keys or $OCOP_TRACE_KEYS the key folder is ./.ocop-trace-keys.
        let created = try ocopTrace(["init", "--resolver", "id.example.vn"], environment: environment, in: folder)
        #expect(created.status == 0, "\(created.stderrText)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".ocop-trace-keys/issuer-key.pem").path))
        environment["OCOP_TRACE_KEYS"] = folder.appendingPathComponent("elsewhere").path
        #expect(try ocopTrace(["key", "rotate"], environment: environment, in: folder).status == 77)
        environment["OCOP_TRACE_KEYS"] = folder.appendingPathComponent(".ocop-trace-keys").path
        #expect(try ocopTrace(["key", "rotate"], environment: environment, in: folder).status == 0)
        let verified = try ocopTrace(["log", "verify"], environment: environment, in: folder).stdoutText
        #expect(verified.hasPrefix("OK: 4 entries"), "\(verified)")
    }
}
