import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OCOPDomain
import OCOPServe
import OCOPStore
import Testing
import TestSupport

/// The page, verdict first (issue 16): the fact that matters inside the verdict box, then the
/// product's photo, the producer's phone and map link, the certificate, and "Báo hàng giả".
@Suite struct VerdictFirstPageTests {
    /// The verdict box's HTML: from its `<section class="verdict` to the next `</section>`.
    static func box(_ html: String) -> String {
        guard let start = html.range(of: "<section class=\"verdict") else { return "" }
        let rest = html[start.lowerBound...]
        return String(rest[..<(rest.range(of: "</section>")?.upperBound ?? rest.endIndex)])
    }

    @Test func theBoxCarriesTheFactThatMatters() async throws {
        let fixture = try ServeFixture("page-facts")
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let sold = Self.box(try await client.get(ServeFixture.path(fixture.sold)).text)
            #expect(sold.contains("data-verdict=\"ALREADY_SOLD\"") && sold.contains("data-fact>Đã bán lúc ") && sold.contains("tại Điểm bán OCOP Ao Bà Om"), "\(sold)")
            let soldEN = Self.box(try await client.get(ServeFixture.path(fixture.sold) + "&lang=en").text)
            #expect(soldEN.contains("Sold on ") && soldEN.contains("at Điểm bán OCOP Ao Bà Om"))
            let recalled = Self.box(try await client.get(ServeFixture.path(fixture.recalled)).text)
            #expect(recalled.contains("Thu hồi từ ") && recalled.contains("Lý do: bao bì bị phồng"), "\(recalled)")
            let lapsed = Self.box(try await client.get(ServeFixture.path(fixture.lapsed)).text)
            #expect(lapsed.contains("bị thu hồi theo quyết định 99/QĐ-UBND ngày 01/11/2026"), "\(lapsed)")
            let genuine = Self.box(try await client.get(ServeFixture.path(fixture.genuine)).text)
            #expect(!genuine.contains("data-fact"), "a genuine unit needs no extra fact")

            // A mistyped short code: the input to correct, in the box, and the answer above the form.
            var typo = Array(fixture.genuineShortCode)
            typo[0] = typo[0] == "7" ? "8" : "7"
            let (type, body) = ResolverTests.multipart([("label", nil, []), ("code", nil, Array(String(typo).utf8))])
            let answer = String(buffer: try await client.execute(uri: "/verify", method: .post, headers: .with([("Content-Type", type)]),
                                                                 body: body).body)
            let mistyped = Self.box(answer)
            #expect(mistyped.contains("data-verdict=\"MISTYPED\"") && mistyped.contains(String(typo)), "\(mistyped)")
            let verdictAt = try #require(answer.range(of: "data-verdict")).lowerBound
            let formAt = try #require(answer.range(of: "<form")).lowerBound
            #expect(verdictAt < formAt, "/verify answers with the verdict first")
        }
    }

    @Test func photoPhoneMapAndCertificateFollowTheVerdict() async throws {
        let fixture = try ServeFixture("page-details")
        defer { fixture.remove() }
        let creator = try fixture.store.creatorAuthor()
        _ = try fixture.store.addLocation(try Location(id: "XUONG-DP", name: "Xưởng kẹo Đại Phước", province: "Vĩnh Long",
                                                       commune: "xã Đại Phước", geo: "9.9861,106.3208"), actor: creator)
        let png = try ResolverTests.qrPNG("ảnh sản phẩm")
        let image = try ProductImage.of(png, name: "keo.png")
        _ = try fixture.store.setProductDetails(try ProductDetails(productID: "TV-0002", image: image, phone: "0294 3855 123",
                                                                   locationID: "XUONG-DP"), image: png, actor: creator)
        try await fixture.app().test(.router) { client in
            let page = try await client.get(ServeFixture.path(fixture.genuine)).text
            #expect(page.contains("<img class=\"photo\" src=\"/image/\(image.sha256)\""))
            #expect(page.contains("<a href=\"tel:02943855123\">0294 3855 123</a>"))
            #expect(page.contains("href=\"geo:9.9861,106.3208\"") && page.contains("https://www.openstreetmap.org/?mlat=9.9861&amp;mlon=106.3208"))
            #expect(page.contains("Xưởng kẹo Đại Phước, xã Đại Phước, tỉnh Vĩnh Long"))
            #expect(page.contains("UBND cấp tỉnh") && page.contains("2180/QĐ-UBND"), "the certificate: level and decision")
            let order = ["data-verdict", "class=\"photo\"", "tel:", "2180/QĐ-UBND", "class=\"timeline\"", "data-report"].map { page.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil } && zip(order, order.dropFirst()).allSatisfy { $0! < $1! }, "verdict, photo, producer, certificate, timeline, report")
            let served = try await client.execute(uri: "/image/" + image.sha256, method: .get) { $0 }
            #expect(served.status == .ok && served.headers[.contentType] == "image/png" && Array(buffer: served.body) == png)
        }
    }

    @Test func reportingAFakeIsLoggedAndRateLimited() async throws {
        let fixture = try ServeFixture("page-report")
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let page = try await client.get(ServeFixture.path(fixture.forged)).text
            #expect(page.contains("data-report") && page.contains("action=\"/report\""), "a forged code can be reported too")
            func send(_ code: String, note: String, from address: String) async throws -> (HTTPResponse.Status, String) {
                let (type, body) = ResolverTests.multipart([("code", nil, Array(code.utf8)), ("note", nil, Array(note.utf8))])
                let answer = try await client.execute(uri: "/report", method: .post,
                                                      headers: .with([("Content-Type", type), ("X-Forwarded-For", address)]), body: body)
                return (answer.status, String(buffer: answer.body))
            }
            let first = try await send(fixture.forged, note: "Mua ở chợ Trà Vinh,\ngiá 20.000 đ", from: "203.0.113.9")
            #expect(first.0 == .ok && first.1.contains("Cảm ơn bạn"), "\(first)")
            #expect(try await send("https://elsewhere.example/01/09528400000020", note: "", from: "203.0.113.10").0 == .badRequest)
            #expect(try await send(fixture.genuine, note: String(repeating: "a", count: 501), from: "203.0.113.11").0 == .badRequest)
            _ = try await send(fixture.genuine, note: "", from: "203.0.113.9")
            _ = try await send(fixture.genuine, note: "", from: "203.0.113.9")
            #expect(try await send(fixture.genuine, note: "", from: "203.0.113.9").0 == .tooManyRequests, "a burst of 3 per client")
        }
        let reports = try fixture.store.fakeReports()
        #expect(reports.count == 3)
        #expect(reports[0].report.serial == (try DigitalLink(parsing: fixture.forged).serial) && reports[0].report.note == "Mua ở chợ Trà Vinh, giá 20.000 đ")
        #expect(reports.allSatisfy { $0.report.client.count >= 16 && !$0.report.client.contains("203.0.113") }, "a salted hash, never the address")
        #expect(try fixture.store.verifyLog().firstBadSeq == nil, "reports are signed entries of the log")
    }
}
