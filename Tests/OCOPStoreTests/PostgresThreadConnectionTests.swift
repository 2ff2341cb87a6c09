import Foundation
import OCOPPostgres
import OCOPStore
import TestSupport
import Testing

/// A PostgreSQL store whose threads keep their connection (the resolver's store threads): reads
/// are prepared once per connection, a statement the server types otherwise still answers, and
/// a connection the server ends is replaced on the next read. Needs the server `make test` starts.
@Suite struct PostgresThreadConnectionTests {
    @Test func aKeptConnectionPreparesEachReadOnceAndSurvivesItsEnd() throws {
        let url = try TestPostgres.createDatabase("thread-connection")
        defer { TestPostgres.dropDatabase(url) }
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("ocop-keys-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: keys) }
        let store = try PostgresTraceStore.create(url: PostgresURL(parsing: url), keyFolder: StoreFolder(path: keys),
                                                  resolver: "id.example.vn", actor: "test")
        store.keepOneConnectionPerThread()

        try onItsOwnThread {
            let head = "SELECT seq, hash FROM log WHERE seq = ?"
            let first = try store.read { db in try db.fetchAll(head, [1]) }
            let again = try store.read { db in try db.fetchAll(head, [1]) }
            #expect(first.count == 1 && again.count == 1 && again[0].string("hash") == first[0].string("hash"))
            // One prepared statement for the two reads, on the one connection both used.
            let prepared = try store.read { db in
                try db.fetchAll("SELECT statement FROM pg_prepared_statements WHERE statement LIKE ?", ["SELECT seq, hash FROM log WHERE seq =%"])
            }
            #expect(prepared.count == 1, "\(prepared.map { $0.string("statement") })")

            // Parameters are prepared with the type of their value, never the one the server
            // would guess from the context (INTEGER here, DOUBLE PRECISION for pg_sleep).
            let sum = try store.read { db in try db.fetchAll("SELECT CAST(? AS INTEGER) + 1 AS n", [41]) }
            #expect(sum.first?.int("n") == 42)
            let half = try store.read { db in try db.fetchAll("SELECT (? / 2.0)::text AS half", [7]) }
            #expect(half.first?.string("half").hasPrefix("3.5") == true, "\(half.first?.string("half") ?? "none")")
            // NULL is left to the server to type, and the statement still answers.
            let none = try store.read { db in try db.fetchAll("SELECT coalesce(?, 'none') AS v", [String?.none]) }
            #expect(none.first?.string("v") == "none")

            // The server ends the connection (a restart, an administrator): the next read answers
            // on a new one.
            let pid = try store.read { db in try db.fetchAll("SELECT pg_backend_pid() AS pid", []) }[0].int("pid")
            let ended = try TestPostgres.psql(url, "SELECT pg_terminate_backend(\(pid))")
            #expect(ended.status == 0 && ended.stdoutText.contains("t"), "\(ended.stderrText)")
            Thread.sleep(forTimeInterval: 0.2)
            let after = try store.read { db in try db.fetchAll(head, [1]) }
            #expect(after.first?.string("hash") == first[0].string("hash"))
            let newPID = try store.read { db in try db.fetchAll("SELECT pg_backend_pid() AS pid", []) }[0].int("pid")
            #expect(newPID != pid)
        }
    }

    @Test func aPreparedReadThatTimesOutIsATimeoutAndIsNotRunTwice() throws {
        let url = try TestPostgres.createDatabase("thread-connection-timeout")
        defer { TestPostgres.dropDatabase(url) }
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("ocop-keys-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: keys) }
        _ = try PostgresTraceStore.create(url: PostgresURL(parsing: url), keyFolder: StoreFolder(path: keys),
                                          resolver: "id.example.vn", actor: "test")
        // The resolver's waits: a statement may take 5 s.
        let store = try PostgresTraceStore(url: PostgresURL(parsing: url), keyFolder: StoreFolder(path: keys),
                                           options: .resolver(connections: 2))
        store.keepOneConnectionPerThread()
        try onItsOwnThread {
            let started = Date()
            let error = #expect(throws: StoreError.self) {
                _ = try store.read { db in try db.fetchAll("SELECT pg_sleep(?) AS slept", [7]) }
            }
            guard case .timeout = error else {
                Issue.record("expected a timeout, got \(String(describing: error))")
                return
            }
            // Cancelled once by the server after 5 s; not run again unprepared (another 5 s).
            let elapsed = Date().timeIntervalSince(started)
            #expect(elapsed > 4.5 && elapsed < 7.5, "\(elapsed) s")
            // The connection is still good for the next read.
            let next = try store.read { db in try db.fetchAll("SELECT 1 AS one", []) }
            #expect(next.first?.int("one") == 1)
        }
    }

    /// Runs `body` on a thread that ends with it, so the connection it kept goes back to the pool.
    private func onItsOwnThread(_ body: @escaping @Sendable () throws -> Void) throws {
        final class Outcome: @unchecked Sendable { var error: (any Error)? }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do { try body() } catch { outcome.error = error }
            done.signal()
        }
        thread.start()
        done.wait()
        if let error = outcome.error { throw error }
    }
}
