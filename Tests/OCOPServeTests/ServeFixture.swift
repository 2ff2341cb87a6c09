import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OCOPDomain
import OCOPServe
import OCOPKit
import OCOPStore
import TestSupport

/// A store built through the library API with one unit of every verdict, and the resolver app on it.
struct ServeFixture {
    let folder: URL
    let storeFolder: StoreFolder
    let store: SQLiteTraceStore
    let book: CodeBook
    let candy: Product
    let lapsedProduct: Product
    let noGTIN: Product

    /// Signed unit URIs, by the verdict they must get.
    var genuine = "", forged = "", unknown = "", recalled = "", sold = "", lapsed = "", tampered = "", noGTINUnit = ""
    var genuineShortCode = ""

    static let resolver = "id.example.vn"

    init(_ name: String) throws {
        folder = try ProjectPaths.scratch(name)
        storeFolder = StoreFolder(path: folder.appendingPathComponent("store").path)
        store = try SQLiteTraceStore.create(folder: storeFolder, resolver: Self.resolver, actor: "clerk-7")
        let producer = try Producer(id: "TV-P002", name: "Hợp tác xã Đặc sản Đại Phước", kind: .cooperative,
                                    province: "Trà Vinh", commune: "Đại Phước", district: "Càng Long")
        candy = try Product(id: "TV-0002", producerID: "TV-P002", name: "Kẹo dừa Đại Phước", group: .food, gtin: "9528400000020")
        lapsedProduct = try Product(id: "TV-0003", producerID: "TV-P002", name: "Mật ong Cầu Kè", group: .food, gtin: "9528400000037")
        noGTIN = try Product(id: "TV-0004", producerID: "TV-P002", name: "Kẹo dừa Hiệp Hòa <b>&</b>", group: .food)
        _ = try store.addProducer(producer, actor: try store.creatorAuthor())
        for product in [candy, lapsedProduct, noGTIN] { _ = try store.addProduct(product, actor: try store.creatorAuthor()) }
        let rating = try Rating(stars: .four, score: 81, decisionNumber: DecisionNumber("2180/QĐ-UBND"),
                                decisionDate: CalendarDate(parsing: "2026-10-15"))
        _ = try store.rate(rating, productID: candy.id, actor: try store.creatorAuthor())
        _ = try store.rate(rating, productID: lapsedProduct.id, actor: try store.creatorAuthor())
        book = try CodeBook(folder: storeFolder, settings: store.settings)

        let main = try issue(candy, lot: "KD-2026-11", units: 6)
        genuine = main[0]
        genuineShortCode = try ShortCode(parsing: store.units(productID: candy.id, lot: "KD-2026-11")[0].shortCode).display
        let last = main[1].last!
        forged = String(main[1].dropLast()) + (last == "A" ? "B" : "A")
        sold = main[2]
        let soldSerial = try DigitalLink(parsing: sold).serial!
        let now = Date()
        _ = try store.addChainEvent(ChainEvent(productID: candy.id, lot: "KD-2026-11", step: .shipping, disposition: .inTransit,
                                               at: EventTime(date: now.addingTimeInterval(-7200)), location: "Càng Long"),
                                    actor: try store.creatorAuthor())
        _ = try store.addChainEvent(ChainEvent(productID: candy.id, lot: "KD-2026-11", serial: soldSerial, step: .retailSelling,
                                               at: EventTime(date: now.addingTimeInterval(-3600)),
                                               location: "Điểm bán OCOP Ao Bà Om"), actor: try store.creatorAuthor())

        recalled = try issue(candy, lot: "R-2026-01", units: 2)[0]
        _ = try store.addChainEvent(ChainEvent(productID: candy.id, lot: "R-2026-01", step: .holding, disposition: .recalled,
                                               at: EventTime(date: now.addingTimeInterval(-600)), note: "bao bì bị phồng"),
                                    actor: try store.creatorAuthor())

        lapsed = try issue(lapsedProduct, lot: "MO-2026-01", units: 2)[0]
        _ = try store.withdrawRating(productID: lapsedProduct.id, decisionNumber: "99/QĐ-UBND",
                                     date: CalendarDate(parsing: "2026-11-01"), reason: "kiểm tra lại", actor: try store.creatorAuthor())

        tampered = try issue(candy, lot: "T-2026-01", units: 2)[0]
        noGTINUnit = try issue(noGTIN, lot: "HH-2026-03", units: 2)[0]

        // Signed with the store's own key, but for a serial the store never issued.
        let key = try KeyFiles.loadPrivate(storeFolder.privateKeyPath)
        let signer = try CodeSigner(privateKey: Array(key.rawRepresentation))
        unknown = signer.sign(try DigitalLink.unit(host: Self.resolver, key: .gtin(GTIN("9528400000020")), lot: "KD-2026-11",
                                                   serial: Serial(parsing: "0000000000000"))).uri
    }

    private func issue(_ product: Product, lot: String, units: Int) throws -> [String] {
        let issued = try store.issueBatch(try Batch(productID: product.id, lot: lot, units: units,
                                                    produced: CalendarDate(parsing: "2026-11-20"),
                                                    expires: CalendarDate(parsing: "2027-05-20")),
                                          actor: try store.creatorAuthor(), progress: nil)
        return try issued.units.map { try book.unitLink($0, product: product).uri }
    }

    /// Edits the log entry that issued lot T-2026-01 behind the store's back.
    func tamper() throws {
        guard let sqlite3 = which("sqlite3") else { throw FixtureError(message: "sqlite3 is missing: run `make test`") }
        let result = try run(sqlite3, [storeFolder.databasePath, """
            DROP TRIGGER log_refuses_update; UPDATE log SET actor = 'mallory'
            WHERE kind = 'units_issued' AND payload LIKE '%"lot":"T-2026-01"%';
            """])
        guard result.status == 0 else { throw FixtureError(message: result.stderrText) }
    }

    func configuration(threshold: Int = 5, trustForwardedFor: Bool = true, maxUpload: Int = 15 * 1024 * 1024) -> ResolverConfiguration {
        ResolverConfiguration(templatesFolder: ProjectPaths.root.appendingPathComponent("Templates/web").path,
                              scanWarningThreshold: threshold, fingerprintSalt: Array("test-salt".utf8),
                              maxUploadBytes: maxUpload,
                              // Generous: an image decode on a loaded 2-core CI machine took 11.6 s.
                              requestTimeout: .seconds(60), trustForwardedFor: trustForwardedFor,
                              today: { try! CalendarDate(parsing: "2026-11-23") })
    }

    func app(threshold: Int = 5, maxUpload: Int = 15 * 1024 * 1024,
             _ adjust: (inout ResolverConfiguration) -> Void = { _ in }) throws -> ResolverApplication {
        var configuration = configuration(threshold: threshold, maxUpload: maxUpload)
        adjust(&configuration)
        return try ResolverApp.make(store: store, configuration: configuration)
    }

    /// The path and query of a code, as a phone sends them to the resolver.
    static func path(_ uri: String) -> String {
        String(uri.dropFirst("https://\(resolver)".count))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, text: String) {
        try await execute(uri: uri, method: .get, headers: headers) { response in
            (response.status, response.headers, String(buffer: response.body))
        }
    }
}

extension HTTPFields {
    static func with(_ pairs: [(String, String)]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs { fields[HTTPField.Name(name)!] = value }
        return fields
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
