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
}
