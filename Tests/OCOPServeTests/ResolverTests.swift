import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OCOPDomain
import OCOPQR
import OCOPRender
import OCOPServe
import OCOPStore
import Testing
import TestSupport

@Suite struct ResolverTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let verdict: String
        let vietnamese: String
        let english: String
        var testDescription: String { verdict }
    }

    static let cases: [Case] = [
        Case(verdict: "GENUINE", vietnamese: "Hàng thật", english: "Genuine"),
        Case(verdict: "FORGED", vietnamese: "Hàng giả", english: "Forged"),
        Case(verdict: "UNKNOWN", vietnamese: "Không rõ nguồn gốc", english: "Unknown"),
        Case(verdict: "RECALLED", vietnamese: "Đã thu hồi", english: "Recalled"),
        Case(verdict: "ALREADY_SOLD", vietnamese: "Đã bán", english: "Already sold"),
        Case(verdict: "RATING_LAPSED", vietnamese: "Hết hạn sao", english: "Rating lapsed"),
        Case(verdict: "TAMPERED", vietnamese: "Dữ liệu bị sửa", english: "Tampered"),
    ]

    static func uri(_ fixture: ServeFixture, _ verdict: String) -> String {
        switch verdict {
        case "GENUINE": return fixture.genuine
        case "FORGED": return fixture.forged
        case "UNKNOWN": return fixture.unknown
        case "RECALLED": return fixture.recalled
        case "ALREADY_SOLD": return fixture.sold
        case "RATING_LAPSED": return fixture.lapsed
        default: return fixture.tampered
        }
    }

    @Test(arguments: cases)
    func everyVerdictInBothLanguagesAndAsJSON(_ c: Case) async throws {
        let fixture = try ServeFixture("serve-verdict")
        defer { fixture.remove() }
        if c.verdict == "TAMPERED" { try fixture.tamper() }
        let path = ServeFixture.path(Self.uri(fixture, c.verdict))
        let app = try fixture.app()
        try await app.test(.router) { client in
            let vi = try await client.get(path)
            #expect(vi.status == .ok)
            #expect(vi.headers[.contentType] == "text/html; charset=utf-8")
            #expect(vi.text.contains("<html lang=\"vi\">"))
            #expect(vi.text.contains("data-verdict=\"\(c.verdict)\""))
            #expect(vi.text.contains("<h1>\(c.vietnamese)</h1>"), "\(vi.text)")

            let en = try await client.get(path + "&lang=en")
            #expect(en.text.contains("<html lang=\"en\">"))
            #expect(en.text.contains("<h1>\(c.english)</h1>"))

            let browser = try await client.get(path, headers: .with([("Accept-Language", "en-US,en;q=0.9,vi;q=0.8")]))
            #expect(browser.text.contains("<h1>\(c.english)</h1>"))

            let json = try await client.get(path, headers: .with([("Accept", "application/json")]))
            #expect(json.headers[.contentType] == "application/json; charset=utf-8")
            let object = try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any]
            let ocop = object?["ocop"] as? [String: Any]
            #expect(ocop?["verdict"] as? String == c.verdict)
            #expect((object?["linkset"] as? [[String: Any]])?.first?["anchor"] as? String != nil)

            let linkType = try await client.get(path + "&linkType=all")
            #expect(linkType.text.contains("\"verdict\" : \"\(c.verdict)\""))
        }
    }

    @Test func genuinePageShowsTheFactsAndNothingInternal() async throws {
        let fixture = try ServeFixture("serve-facts")
        defer { fixture.remove() }
        let app = try fixture.app()
        let head = try fixture.store.verifyLog().headHash
        try await app.test(.router) { client in
            let page = try await client.get(ServeFixture.path(fixture.genuine))
            for fact in ["Kẹo dừa Đại Phước", "Hợp tác xã Đặc sản Đại Phước", "Hợp tác xã", "Đại Phước, Càng Long, Trà Vinh",
                         "2180/QĐ-UBND", "15/10/2029", "★★★★☆", "KD-2026-11", "20/11/2026", "20/05/2027",
                         "09528400000020", fixture.genuineShortCode, "Vận chuyển".lowercased().isEmpty ? "" : "Càng Long"] {
                #expect(page.text.contains(fact), "missing \(fact)")
            }
            // Another unit's sale must not show on this unit's page; no ids, actors, keys or hashes.
            #expect(!page.text.contains("Ao Bà Om"))
            for secret in ["TV-P002", "TV-0002", "clerk-7", "shop-1", fixture.store.settings.publicKey, head, "seq"] {
                #expect(!page.text.contains(secret), "leaks \(secret)")
            }
            #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src") == false)
            #expect(page.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
            #expect(page.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(!page.text.contains("<script"))

            let sold = try await client.get(ServeFixture.path(fixture.sold))
            #expect(sold.text.contains("Điểm bán OCOP Ao Bà Om"))
            let recalled = try await client.get(ServeFixture.path(fixture.recalled) + "&lang=en")
            #expect(recalled.text.contains("bao bì bị phồng"))
            let lapsed = try await client.get(ServeFixture.path(fixture.lapsed) + "&lang=en")
            #expect(lapsed.text.contains("Withdrawn"))
            let json = try await client.get(ServeFixture.path(fixture.genuine), headers: .with([("Accept", "application/json")]))
            for secret in ["TV-P002", "TV-0002", "clerk-7", fixture.store.settings.publicKey, head] {
                #expect(!json.text.contains(secret), "JSON leaks \(secret)")
            }
        }
    }

    @Test func productNamesAreEscaped() async throws {
        let fixture = try ServeFixture("serve-escape")
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let page = try await client.get(ServeFixture.path(fixture.noGTINUnit))
            #expect(page.text.contains("Kẹo dừa Hiệp Hòa &lt;b&gt;&amp;&lt;/b&gt;"))
            #expect(!page.text.contains("<b>&</b>"))
            #expect(page.text.contains("<h1>Hàng thật</h1>"))
            #expect(page.text.contains("TV-0004"))  // printed in a /p/ code's own URI
        }
    }

    @Test func negotiation() async throws {
        let fixture = try ServeFixture("serve-negotiation")
        defer { fixture.remove() }
        let path = ServeFixture.path(fixture.genuine)
        try await fixture.app().test(.router) { client in
            let browser = try await client.get(path, headers: .with([("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")]))
            #expect(browser.headers[.contentType]?.hasPrefix("text/html") == true)
            let linkset = try await client.get(path, headers: .with([("Accept", "application/linkset+json")]))
            #expect(linkset.headers[.contentType] == "application/linkset+json")
            #expect(linkset.text.contains("https://gs1.org/voc/pip"))
            let preferJSON = try await client.get(path, headers: .with([("Accept", "text/html;q=0.5, application/json")]))
            #expect(preferJSON.headers[.contentType]?.hasPrefix("application/json") == true)
            let vietnamese = try await client.get(path, headers: .with([("Accept-Language", "vi-VN,vi;q=0.9,en;q=0.8")]))
            #expect(vietnamese.text.contains("<h1>Hàng thật</h1>"))
            let override = try await client.get(path + "&lang=vi", headers: .with([("Accept-Language", "en")]))
            #expect(override.text.contains("<h1>Hàng thật</h1>"))
            let unknownLanguage = try await client.get(path, headers: .with([("Accept-Language", "fr")]))
            #expect(unknownLanguage.text.contains("<h1>Hàng thật</h1>"))
        }
    }

    @Test func productAndBatchPagesHaveNoVerdict() async throws {
        let fixture = try ServeFixture("serve-product")
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let product = try await client.get("/01/09528400000020")
            #expect(product.status == .ok)
            #expect(product.text.contains("Kẹo dừa Đại Phước") && !product.text.contains("data-verdict"))
            let batch = try await client.get("/01/09528400000020/10/KD-2026-11?lang=en")
            #expect(batch.text.contains("KD-2026-11") && batch.text.contains("Shipping"))
            #expect(!batch.text.contains("Ao Bà Om"))  // a unit's sale is not a batch event
            let json = try await client.get("/01/09528400000020/10/KD-2026-11?linkType=all")
            #expect(json.text.contains("\"level\" : \"batch\"") && !json.text.contains("\"verdict\""))
            let noGTIN = try await client.get("/p/TV-0004/10/HH-2026-03")
            #expect(noGTIN.status == .ok)
            let r1 = try await client.get("/01/09528400000037/10/NO-SUCH-LOT")
            #expect(r1.status == .notFound)
            let r2 = try await client.get("/01/09521234500001")
            #expect(r2.status == .notFound)
            // A GTIN product is not reachable under its internal id.
            let r3 = try await client.get("/p/TV-0002")
            #expect(r3.status == .notFound)
        }
    }

    @Test(arguments: [
        ("/", HTTPResponse.Status.ok), ("/verify", .ok), ("/nothing-here", .notFound), ("/favicon.ico", .notFound),
        ("/../../etc/passwd", .notFound), ("/Templates/web/style.css", .notFound), ("/style.css", .notFound),
        ("/01/123", .badRequest), ("/01/09528400000021", .badRequest), ("/01/09528400000020/21/X/10/Y", .badRequest),
        ("/01/09528400000020/10/A%2F..%2F..", .notFound), ("/01/09528400000020/10/%ZZ", .badRequest),
        ("/01/09528400000020/10/" + String(repeating: "L", count: 21), .badRequest), ("/p/", .badRequest),
        ("/p/TV-0004/22/V/10/X", .badRequest), ("/01//10/X", .badRequest), ("/01/09528400000020/99/X", .badRequest),
        ("/00/123456789012345678", .notFound), ("/01/09528400000020/10/KD-2026-11/21/" + String(repeating: "Z", count: 600), .notFound),
    ])
    func pathsAreValidated(_ path: String, _ status: HTTPResponse.Status) async throws {
        let fixture = try ServeFixture("serve-paths")
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let response = try await client.get(path)
            #expect(response.status == status, "\(path): \(response.status)")
            if status != .ok {
                #expect(response.text.contains("/verify"), "the error page points to the check page")
                #expect(response.headers[.contentSecurityPolicy] != nil)
            }
            let json = try await client.get(path, headers: .with([("Accept", "application/json")]))
            #expect(json.status == status)
        }
    }

    @Test func unitPathsKeepTheirSignatureBinding() async throws {
        let fixture = try ServeFixture("serve-binding")
        defer { fixture.remove() }
        let path = ServeFixture.path(fixture.genuine)
        try await fixture.app().test(.router) { client in
            // Extra GS1 parameters or a re-spelled escape are not codes as issued.
            let r4 = try await client.get(path + "&17=271231")
            #expect(r4.text.contains("data-verdict=\"FORGED\""))
            // Without its signature the path is the unit's compact code (small labels): judged
            // against the log, and said to be; with a GS1 parameter added it is not as issued.
            let compact = String(path.prefix { $0 != "?" })
            let r5 = try await client.get(compact)
            #expect(r5.text.contains("data-verdict=\"GENUINE\"") && r5.text.contains("data-code-kind=\"compact\""))
            let r5b = try await client.get(compact + "?17=271231")
            #expect(r5b.text.contains("data-verdict=\"FORGED\""))
            let r6 = try await client.get(path.replacingOccurrences(of: "?s=", with: "?&s="))
            #expect(r6.text.contains("data-verdict=\"FORGED\""))
            // The resolver's own parameters are not part of the code.
            let r7 = try await client.get(path + "&lang=en&linkType=all")
            #expect(r7.text.contains("\"verdict\" : \"GENUINE\""))
            let r8 = try await client.execute(uri: path, method: .delete)
            #expect(r8.status == .methodNotAllowed)
            let r9 = try await client.execute(uri: path, method: .post)
            #expect(r9.status == .methodNotAllowed)
        }
    }

    @Test func scansAreCountedRateLimitedAndWarnedAbout() async throws {
        let fixture = try ServeFixture("serve-scans")
        defer { fixture.remove() }
        let path = ServeFixture.path(fixture.genuine)
        let serial = try DigitalLink(parsing: fixture.genuine).serial!
        let app = try fixture.app(threshold: 3)
        try await app.test(.router) { client in
            for _ in 0..<3 {
                _ = try await client.get(path, headers: .with([("X-Forwarded-For", "203.0.113.7")]))
            }
            await app.responder.flushScans()
            let once = try fixture.store.scanSummary(serial: serial)
            #expect(once.scans == 1 && once.distinctClients == 1)
            // A scan still queued counts on the page already.
            let second = try await client.get(path, headers: .with([("X-Forwarded-For", "198.51.100.2")]))
            #expect(!second.text.contains("role=\"alert\""))
            #expect(second.text.contains("2 lượt quét từ 2 thiết bị"))
            // The client is the right-most hop: what the proxy saw, not what the client wrote.
            let third = try await client.get(path + "&lang=en", headers: .with([("X-Forwarded-For", "10.9.9.9, 192.0.2.99")]))
            #expect(third.text.contains("role=\"alert\""))
            #expect(third.text.contains("scanned from 3 different devices"))
            let json = try await client.get(path, headers: .with([("Accept", "application/json"), ("X-Forwarded-For", "192.0.2.99")]))
            #expect(json.text.contains("\"warning\" : true"))
            // Other units are untouched; forged codes are not counted.
            _ = try await client.get(ServeFixture.path(fixture.forged), headers: .with([("X-Forwarded-For", "192.0.2.1")]))
            await app.responder.flushScans()
        }
        #expect(try fixture.store.scanSummary(serial: serial).distinctClients == 3)
        #expect(try fixture.store.scanSummary(serial: try DigitalLink(parsing: fixture.forged).serial!).scans == 0)
        // Scans are log entries (no raw address), hash-chained and rebuilt by reindex.
        let entries = try fixture.store.logEntries(after: 0, limit: 10_000).filter { $0.kind == "code_scanned" }
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { !$0.payload.contains("203.0.113") && !$0.payload.contains("192.0.2") && $0.payload.contains(serial) })
        #expect(try fixture.store.verifyLog().isIntact)
        _ = try fixture.store.reindex()
        #expect(try fixture.store.scanSummary(serial: serial).distinctClients == 3)
    }

    @Test func scanIntervalIsEnforcedByTheStore() throws {
        let fixture = try ServeFixture("serve-scan-store")
        defer { fixture.remove() }
        let serial = try DigitalLink(parsing: fixture.genuine).serial!
        #expect(try fixture.store.recordScan(serial: serial, client: "abc", interval: 600, actor: try fixture.store.creatorAuthor()) != nil)
        #expect(try fixture.store.recordScan(serial: serial, client: "abc", interval: 600, actor: try fixture.store.creatorAuthor()) == nil)
        #expect(try fixture.store.recordScan(serial: serial, client: "abc", interval: 0, actor: try fixture.store.creatorAuthor()) != nil)
        #expect(try fixture.store.recordScan(serial: serial, client: "def", interval: 600, actor: try fixture.store.creatorAuthor()) != nil)
        #expect(try fixture.store.scanSummary(serial: serial).scans == 3)
        #expect(throws: StoreError.self) { _ = try fixture.store.recordScan(serial: "0000000000000", client: "x", interval: 1, actor: try fixture.store.creatorAuthor()) }
    }

    // MARK: /verify

    static func multipart(_ fields: [(name: String, filename: String?, bytes: [UInt8])]) -> (String, ByteBuffer) {
        let boundary = "----ocop\(UInt32.random(in: 0 ... .max))"
        var body: [UInt8] = []
        for field in fields {
            var header = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field.name)\""
            if let filename = field.filename { header += "; filename=\"\(filename)\"\r\nContent-Type: image/png" }
            header += "\r\n\r\n"
            body += Array(header.utf8) + field.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(bytes: body))
    }

    static func qrPNG(_ text: String) throws -> [UInt8] {
        try QRRenderer(options: QRRenderOptions(modulePixels: 4)).png(for: QREncoder().encode(text))
    }

    @Test func verifyReadsAnUploadedLabel() async throws {
        let fixture = try ServeFixture("serve-verify")
        defer { fixture.remove() }
        let png = try Self.qrPNG(fixture.genuine)
        let recalledPNG = try Self.qrPNG(fixture.recalled)
        try await fixture.app().test(.router) { client in
            let form = try await client.get("/verify")
            #expect(form.text.contains("enctype=\"multipart/form-data\"") && form.text.contains("type=\"file\""))
            let (type, body) = Self.multipart([("label", "label.png", png)])
            let page = try await client.execute(uri: "/verify", method: .post, headers: .with([("Content-Type", type)]), body: body)
            #expect(page.status == .ok)
            let text = String(buffer: page.body)
            #expect(text.contains("<h1>Hàng thật</h1>"), "\(text)")
            #expect(text.contains("Kẹo dừa Đại Phước"))
            #expect(text.contains("href=\"\(ServeFixture.path(fixture.genuine))\""))

            let (type2, body2) = Self.multipart([("label", "r.png", recalledPNG)])
            let recalled = try await client.execute(uri: "/verify?lang=en", method: .post, headers: .with([("Content-Type", type2)]), body: body2)
            #expect(String(buffer: recalled.body).contains("<h1>Recalled</h1>"))

            let (type3, body3) = Self.multipart([("label", nil, []), ("code", nil, Array(fixture.genuineShortCode.utf8))])
            let typed = try await client.execute(uri: "/verify", method: .post, headers: .with([("Content-Type", type3)]), body: body3)
            #expect(String(buffer: typed.body).contains("<h1>Hàng thật</h1>"))

            let (type4, body4) = Self.multipart([("label", "x.png", try Self.qrPNG("hello"))])
            let notACode = try await client.execute(uri: "/verify", method: .post, headers: .with([("Content-Type", type4)]), body: body4)
            #expect(String(buffer: notACode.body).contains("<h1>Hàng giả</h1>"))

            let (type5, body5) = Self.multipart([("label", "x.gif", Array("GIF89a....".utf8))])
            let gif = try await client.execute(uri: "/verify", method: .post, headers: .with([("Content-Type", type5)]), body: body5)
            #expect(gif.status == .unprocessableContent)
            #expect(String(buffer: gif.body).contains("JPEG, PNG hoặc HEIC"))

            let json = try await client.execute(uri: "/verify", method: .post,
                                                headers: .with([("Content-Type", type), ("Accept", "application/json")]), body: body)
            #expect(String(buffer: json.body).contains("\"verdict\" : \"GENUINE\""))
        }
        // Shop checks are not consumer scans.
        #expect(try fixture.store.scanSummary(serial: try DigitalLink(parsing: fixture.genuine).serial!).scans == 0)
    }

    @Test func verifyRefusesOversizeUploads() async throws {
        let fixture = try ServeFixture("serve-oversize")
        defer { fixture.remove() }
        try await fixture.app(maxUpload: 200_000).test(.router) { client in
            let big = [UInt8](repeating: 0x41, count: 300_000)
            let (type, body) = Self.multipart([("label", "big.png", big)])
            let response = try await client.execute(uri: "/verify", method: .post, headers: .with([("Content-Type", type)]), body: body)
            #expect(response.status == .contentTooLarge)
            #expect(String(buffer: response.body).contains("Tệp quá lớn"))
            let notMultipart = try await client.execute(uri: "/verify", method: .post,
                                                        headers: .with([("Content-Type", "text/plain")]), body: ByteBuffer(string: "x"))
            #expect(notMultipart.status == .unsupportedMediaType)
        }
        // The default limit is 15 MB (a 12 MP phone photo is 3-8 MB).
        #expect(ResolverConfiguration(templatesFolder: "", fingerprintSalt: []).maxUploadBytes == 15 * 1024 * 1024)
        let (type, body) = Self.multipart([("label", "big.jpg", [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0x41, count: 15 * 1024 * 1024 + 100_000))])
        try await fixture.app { $0.maxUploadBytes = ResolverConfiguration(templatesFolder: "", fingerprintSalt: []).maxUploadBytes }.test(.router) { client in
            let response = try await client.execute(uri: "/verify", method: .post, headers: .with([("Content-Type", type)]), body: body)
            #expect(response.status == .contentTooLarge)
        }
    }
}
