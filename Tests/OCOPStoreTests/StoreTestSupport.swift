import Foundation
import OCOPDomain
import OCOPKit
import OCOPStore
import TestSupport

/// A store built through the library API, for tests that check thousands of codes in-process.
struct LibraryStore {
    let folder: URL
    let store: SQLiteTraceStore
    let book: CodeBook
    let product: Product

    init(_ name: String, resolver: String = "id.example.vn") throws {
        folder = try ProjectPaths.scratch(name)
        let storeFolder = StoreFolder(path: folder.appendingPathComponent("store").path)
        store = try SQLiteTraceStore.create(folder: storeFolder, resolver: resolver, actor: "test")
        let producer = try Producer(id: "TV-P002", name: "Hợp tác xã Đặc sản Đại Phước", kind: .cooperative,
                                    province: "Trà Vinh", commune: "Đại Phước", district: "Càng Long")
        product = try Product(id: "TV-0002", producerID: "TV-P002", name: "Kẹo dừa Đại Phước", group: .food, gtin: "9528400000020")
        _ = try store.addProducer(producer, actor: try store.creatorAuthor())
        _ = try store.addProduct(product, actor: try store.creatorAuthor())
        let rating = try Rating(stars: .four, score: 81, decisionNumber: DecisionNumber("2180/QĐ-UBND"),
                                decisionDate: CalendarDate(parsing: "2026-10-15"))
        _ = try store.rate(rating, productID: product.id, actor: try store.creatorAuthor())
        book = try CodeBook(folder: storeFolder, settings: store.settings)
    }

    func issue(lot: String, units: Int) throws -> [(uri: String, short: String)] {
        let issued = try store.issueBatch(try Batch(productID: product.id, lot: lot, units: units), actor: try store.creatorAuthor(), progress: nil)
        return try issued.units.map { unit in
            (try book.unitLink(unit, product: product).uri, try ShortCode(parsing: unit.shortCode).display)
        }
    }

    func checker() throws -> VerifyCode {
        VerifyCode(store: store)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

let today = try! CalendarDate(parsing: "2026-11-23")
