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

    /// A verdict reads the unit's facts from the log itself: each of those lookups is a range of
    /// the `log_by_subject` / `log_by_registry_id` expression indexes, never a scan of the log.
    @Test func logFactsAreReadThroughTheSubjectIndex() throws {
        let fixture = try LibraryStore("subject-index")
        defer { fixture.remove() }
        let queries = try fixture.store.queue.read { db in
            let session = GRDBSession(db: db)
            return [LogSubjectQuery.subject(session, lotIsNull: false, serialIsNull: true),
                    LogSubjectQuery.subject(session, lotIsNull: false, serialIsNull: false),
                    LogSubjectQuery.subject(session, lotIsNull: true, serialIsNull: true),
                    LogSubjectQuery.registry(session)]
        }
        for query in queries {
            let plan = try fixture.store.queue.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query, arguments: StatementArguments(Array(repeating: "x", count: query.filter { $0 == "?" }.count))).map { $0["detail"] as String }
            }
            #expect(plan.contains { $0.contains("USING INDEX log_by_subject") || $0.contains("USING INDEX log_by_registry_id") }, "\(query): \(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN log") }, "\(plan)")
        }
    }
}
