import Foundation
import GRDB
@testable import OCOPStore
import Testing

@Suite struct StoreSettingsTests {
    @Test func walWithFullSynchronousOnEveryConnection() throws {
        let fixture = try LibraryStore("pragmas")
        defer { fixture.remove() }
        let reopened = try SQLiteTraceStore(folder: fixture.store.folder)
        let (journal, synchronous) = try reopened.queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2, "synchronous must be FULL (2), not NORMAL (1)")
    }

    /// Every verify reads the signing keys from the log; in a store of a million entries a scan
    /// of the log cost 200 ms and 250 MB per code.
    @Test func signingKeysAreReadThroughTheirIndex() throws {
        let fixture = try LibraryStore("key-index")
        defer { fixture.remove() }
        let plan = try fixture.store.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + IssuerKeyQuery.sql).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING INDEX log_key_entries") }, "\(plan)")
        #expect(!plan.contains { $0 == "SCAN log" }, "\(plan)")
        #expect(try fixture.store.issuerKeys().count == 1)
    }
}
