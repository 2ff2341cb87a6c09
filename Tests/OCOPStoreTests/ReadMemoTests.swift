import Foundation
import GRDB
import OCOPDomain
import OCOPStore
import Testing
import TestSupport

/// The resolver's memo of reads: repeated reads come from it, and any commit, by this connection
/// or by anyone else's, makes the next read go to the database again.
@Suite struct ReadMemoTests {
    @Test func repeatedReadsAreAnsweredFromTheMemo() throws {
        let library = try LibraryStore("memo-repeat")
        defer { library.remove() }
        let serial = try library.store.issueBatch(try Batch(productID: "TV-0002", lot: "M-1", units: 2),
                                                  actor: try library.store.creatorAuthor(), progress: nil).units[0].serial
        let memo = ReadMemo()
        library.store.rememberReads(in: memo)
        let first = try #require(try library.store.unitRecords(.serial(serial)))
        let kept = memo.count
        #expect(kept > 5, "the unit page's statements are kept (\(kept))")
        let second = try #require(try library.store.unitRecords(.serial(serial)))
        #expect(memo.count == kept, "the second read added nothing: every statement came from the memo")
        #expect(second.product == first.product && second.log.issuing?.entry == first.log.issuing?.entry)
    }

    @Test func anEditByAnotherConnectionIsReadAgain() throws {
        let library = try LibraryStore("memo-edit")
        defer { library.remove() }
        let serial = try library.store.issueBatch(try Batch(productID: "TV-0002", lot: "M-2", units: 2),
                                                  actor: try library.store.creatorAuthor(), progress: nil).units[0].serial
        library.store.rememberReads(in: ReadMemo())
        #expect(try library.store.unitRecords(.serial(serial))?.product?.name == "Kẹo dừa Đại Phước")
        // Someone else edits the derived table with a tool of their own, behind the store's back.
        let other = try DatabaseQueue(path: library.folder.appendingPathComponent("store/ocop-trace.sqlite").path)
        try other.write { db in try db.execute(sql: "UPDATE product SET name = 'Kẹo dừa giả' WHERE id = 'TV-0002'") }
        #expect(try library.store.unitRecords(.serial(serial))?.product?.name == "Kẹo dừa giả",
                "the commit moved the mark: the edited row is read, so the verdict can compare it with the log")
    }

    /// A page's reads share the mark of the first: as if they were one read, taken at its start.
    @Test func readsSharingOneMarkSeeTheStoreAsAtTheFirst() throws {
        let library = try LibraryStore("memo-pinned")
        defer { library.remove() }
        let serial = try library.store.issueBatch(try Batch(productID: "TV-0002", lot: "M-4", units: 2),
                                                  actor: try library.store.creatorAuthor(), progress: nil).units[0].serial
        library.store.rememberReads(in: ReadMemo())
        let other = try DatabaseQueue(path: library.folder.appendingPathComponent("store/ocop-trace.sqlite").path)
        let names = try ReadMemo.sharingOneMark { () throws -> [String?] in
            let before = try library.store.unitRecords(.serial(serial))?.product?.name
            try other.write { db in try db.execute(sql: "UPDATE product SET name = 'Kẹo dừa giả' WHERE id = 'TV-0002'") }
            return [before, try library.store.unitRecords(.serial(serial))?.product?.name]
        }
        #expect(names == ["Kẹo dừa Đại Phước", "Kẹo dừa Đại Phước"])
        #expect(try library.store.unitRecords(.serial(serial))?.product?.name == "Kẹo dừa giả", "the next page reads the edit")
    }

    @Test func aWriteThroughTheStoreClearsTheMemo() throws {
        let library = try LibraryStore("memo-write")
        defer { library.remove() }
        let serial = try library.store.issueBatch(try Batch(productID: "TV-0002", lot: "M-3", units: 2),
                                                  actor: try library.store.creatorAuthor(), progress: nil).units[0].serial
        let memo = ReadMemo()
        library.store.rememberReads(in: memo)
        _ = try library.store.unitRecords(.serial(serial))
        #expect(memo.count > 0)
        _ = try library.store.addProducer(try Producer(id: "TV-P009", name: "Hộ kinh doanh Ba Lan", kind: .cooperative,
                                                       province: "Trà Vinh", commune: "Đại Phước", district: "Càng Long"),
                                          actor: try library.store.creatorAuthor())
        #expect(memo.count == 0)
    }

    @Test func largeResultsAndOverflowAreBounded() throws {
        let library = try LibraryStore("memo-bounds")
        defer { library.remove() }
        let memo = ReadMemo(limit: 3, maximumRows: 2)
        library.store.rememberReads(in: memo)
        _ = try library.store.read { db in try db.fetchAll("SELECT seq FROM log", [SQLValue]()) }
        #expect(memo.count == 0, "a result of more than two rows is not kept")
        for seq in 1...3 {
            _ = try library.store.read { db in try db.fetchAll("SELECT seq FROM log WHERE seq = ?", [SQLValue.integer(Int64(seq))]) }
        }
        #expect(memo.count == 3)
        _ = try library.store.read { db in try db.fetchAll("SELECT seq FROM log WHERE seq = 4", [SQLValue]()) }
        #expect(memo.count == 1, "past the limit the memo starts again")
    }
}
