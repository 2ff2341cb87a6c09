import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OCOPDomain
import OCOPServe
import OCOPStore
import Testing
import TestSupport

/// GS1 Conformant Resolver (1.2) points, each as an HTTP exchange: status, headers and body
/// (issue 16). The README's conformance table lists what these cover.
@Suite struct GS1ConformanceTests {
    static let product = "/01/09528400000020"
    static let batch = "/01/09528400000020/10/KD-2026-11"

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    static func expectCORSAndLinks(_ headers: HTTPFields, _ where: String) {
        #expect(headers[.accessControlAllowOrigin] == "*", "\(`where`): CORS")
        #expect(headers[.vary]?.contains("Accept") == true, "\(`where`): Vary")
        let link = headers[HTTPField.Name("Link")!] ?? ""
        #expect(link.contains("rel=\"linkset\"; type=\"application/linkset+json\"") && link.contains("rel=\"https://gs1.org/voc/"),
                "\(`where`): Link header \(link)")
    }

    @Test func theDescriptionFileSaysWhoAnswers() async throws {
        let fixture = try ServeFixture("gs1-description")
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let answer = try await client.get("/.well-known/gs1resolver")
            #expect(answer.status == .ok && answer.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(answer.headers[.accessControlAllowOrigin] == "*")
            let body = try Self.json(answer.text)
            #expect(body["resolverRoot"] as? String == "https://id.example.vn" && body["supportedPrimaryKeys"] as? [String] == ["01"])
            #expect((body["name"] as? String)?.isEmpty == false && body["linkTypeDefaultCanBeLinkset"] as? Bool == false)
            #expect((body["supportedLinkType"] as? [[String: String]])?.first == ["namespace": "https://gs1.org/voc/", "prefix": "gs1:"])
        }
    }

    @Test func everyKeyLevelAnswersWithLinksetLinkHeaderAndCORS() async throws {
        let fixture = try ServeFixture("gs1-levels")
        defer { fixture.remove() }
        let unit = ServeFixture.path(fixture.genuine)
        let noGTIN = ServeFixture.path(fixture.noGTINUnit)
        let anchors = [Self.product: "https://id.example.vn/01/09528400000020", Self.batch: "https://id.example.vn/01/09528400000020/10/KD-2026-11",
                       unit: String(fixture.genuine.prefix { $0 != "?" }), noGTIN: String(fixture.noGTINUnit.prefix { $0 != "?" })]
        try await fixture.app().test(.router) { client in
            for (path, anchor) in anchors {
                let page = try await client.get(path)
                #expect(page.status == .ok && page.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                Self.expectCORSAndLinks(page.headers, path)

                for (query, accept) in [("linkType=all", nil), ("linkType=linkset", nil), (nil, "application/linkset+json")] as [(String?, String?)] {
                    let uri = query.map { path + (path.contains("?") ? "&" : "?") + $0 } ?? path
                    let answer = try await client.get(uri, headers: accept.map { .with([("Accept", $0)]) } ?? [:])
                    #expect(answer.status == .ok && answer.headers[.contentType] == "application/linkset+json", "\(uri)")
                    let set = (try Self.json(answer.text)["linkset"] as? [[String: Any]])?.first ?? [:]
                    #expect(set["anchor"] as? String == anchor, "the uncompressed Digital Link, without signature: \(set)")
                    let defaults = set["https://gs1.org/voc/defaultLink"] as? [[String: Any]] ?? []
                    #expect(defaults.count == 1 && (defaults.first?["title"] as? String)?.isEmpty == false)
                    for (key, value) in set where key != "anchor" {
                        for link in value as? [[String: Any]] ?? [] {
                            #expect((link["href"] as? String)?.hasPrefix("https://") == true && link["type"] != nil && link["title"] != nil, "\(key): \(link)")
                        }
                    }
                    Self.expectCORSAndLinks(answer.headers, uri)
                }
                // A trailing slash is tolerated.
                if !path.contains("?") { #expect(try await client.get(path + "/").status == .ok, "\(path)/") }
            }
        }
    }

    @Test func linkTypesRedirectWithTheQueryOrAnswer404() async throws {
        let fixture = try ServeFixture("gs1-linktype")
        defer { fixture.remove() }
        let unit = ServeFixture.path(fixture.genuine)
        try await fixture.app().test(.router) { client in
            let cert = try await client.get(unit + "&linkType=gs1:certificationInfo&lang=en")
            #expect(cert.status == .temporaryRedirect && cert.headers[.location] == "https://id.example.vn/cert/01/09528400000020?lang=en",
                    "the query string passed on: \(cert.headers)")
            Self.expectCORSAndLinks(cert.headers, "307")
            let pip = try await client.get(unit + "&linkType=https://gs1.org/voc/pip")
            #expect(pip.status == .temporaryRedirect && pip.headers[.location] == "https://id.example.vn" + Self.product)
            let trace = try await client.get(unit + "&linkType=gs1:traceability")
            #expect(trace.status == .temporaryRedirect && trace.headers[.location] == "https://id.example.vn/trace" + unit)
            let recall = try await client.get(Self.batch + "?linkType=gs1:recallStatus")
            #expect(recall.status == .temporaryRedirect && recall.headers[.location] == "https://id.example.vn/recall" + Self.batch)
            #expect(try await client.get(Self.product + "?linkType=gs1:traceability").status == .notFound, "a product has no unit trace")
            #expect(try await client.get(unit + "&linkType=gs1:productSustainabilityInfo").status == .notFound, "not set yet")
            #expect(try await client.get(unit + "&linkType=gs1:nonsense").status == .notFound)
            // A forged code shows no facts, so it has no certificate link.
            #expect(try await client.get(ServeFixture.path(fixture.forged) + "&linkType=gs1:certificationInfo").status == .notFound)
            // The default link is the page itself: no redirect.
            #expect(try await client.get(unit + "&linkType=gs1:defaultLink").status == .ok)
        }

        // The producer's own page, once set: https only.
        let details = try ProductDetails(productID: "TV-0002", links: ["productSustainabilityInfo": "https://htxdaiphuoc.vn/ben-vung"])
        _ = try fixture.store.setProductDetails(details, image: nil, actor: try fixture.store.creatorAuthor())
        #expect(throws: DomainError.self) { try ProductLinkType.parse("gs1:productSustainabilityInfo=http://htxdaiphuoc.vn") }
        #expect(throws: DomainError.self) { try ProductLinkType.parse("gs1:certificationInfo=https://elsewhere.example") }
        try await fixture.app().test(.router) { client in
            let own = try await client.get(unit + "&linkType=gs1:productSustainabilityInfo")
            #expect(own.status == .temporaryRedirect && own.headers[.location] == "https://htxdaiphuoc.vn/ben-vung")
            let set = (try Self.json(try await client.get(Self.product + "?linkType=all").text)["linkset"] as? [[String: Any]])?.first ?? [:]
            #expect(set["https://gs1.org/voc/productSustainabilityInfo"] != nil)
        }
    }

    @Test func errorsAreNever200AndOptionsAndHeadWork() async throws {
        let fixture = try ServeFixture("gs1-errors")
        defer { fixture.remove() }
        try await fixture.app().test(.live) { client in
            for path in ["/01/09528400000021", "/01/0952840000002", "/01/09528400000020/21/X/10/Y"] {
                let answer = try await client.get(path)
                #expect(answer.status == .badRequest, "malformed Digital Link \(path): \(answer.status)")
                let json = try await client.get(path, headers: .with([("Accept", "application/json")]))
                #expect(json.status == .badRequest)
            }
            #expect(try await client.get("/01/09528400000099").status == .notFound, "a valid GTIN this resolver does not know")

            let options = try await client.execute(uri: Self.product, method: .options) { $0 }
            #expect(options.status == .noContent && options.headers[.allow] == "GET, HEAD, OPTIONS")
            #expect(options.headers[.accessControlAllowOrigin] == "*" && options.headers[.accessControlAllowMethods]?.contains("GET") == true)
            let api = try await client.execute(uri: "/api/v1/sales", method: .options) { $0 }
            #expect(api.headers[.accessControlAllowOrigin] == nil, "the write API stays same-origin")

            let head = try await client.execute(uri: ServeFixture.path(fixture.genuine), method: .head) { $0 }
            #expect(head.status == .ok && head.body.readableBytes == 0 && head.headers[HTTPField.Name("Link")!] != nil)
        }
    }

    @Test func certificatesRecallStatusAndTraceAnswerForThemselves() async throws {
        let fixture = try ServeFixture("gs1-resources")
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let cert = try await client.get("/cert" + Self.product)
            #expect(cert.status == .ok && cert.text.contains("data-certificate") && cert.text.contains("2180/QĐ-UBND"))
            let certJSON = try Self.json(try await client.get("/cert" + Self.product, headers: .with([("Accept", "application/json")])).text)
            let facts = certJSON["certificate"] as? [String: Any] ?? [:]
            #expect(facts["stars"] as? Int == 4 && facts["level"] as? String == "province" && facts["status"] as? String == "valid", "\(facts)")

            // A withdrawn product: its codes' page still answers, its certificate is Gone.
            let lapsed = try await client.get(ServeFixture.path(fixture.lapsed))
            #expect(lapsed.status == .ok && lapsed.text.contains("data-verdict=\"RATING_LAPSED\""))
            let gone = try await client.get("/cert/01/09528400000037")
            #expect(gone.status == .gone && gone.text.contains("không còn hiệu lực"))
            #expect(try await client.get("/cert/p/TV-0004").status == .notFound, "never rated")

            let recalled = try Self.json(try await client.get("/recall/01/09528400000020/10/R-2026-01").text)
            #expect(recalled["recalled"] as? Bool == true && recalled["reason"] as? String == "bao bì bị phồng" && recalled["since"] != nil)
            #expect(try Self.json(try await client.get("/recall" + Self.batch).text)["recalled"] as? Bool == false)

            let unit = ServeFixture.path(fixture.genuine)
            let trace = try await client.get("/trace" + unit, headers: .with([("Accept", "application/json")]))
            let body = try Self.json(trace.text)
            #expect(trace.status == .ok && body["verdict"] as? String == "GENUINE")
            #expect((body["events"] as? [[String: Any]])?.first?["step"] as? String == "shipping", "\(body)")
            let page = try await client.get("/trace" + unit)
            #expect(page.status == .ok && page.text.contains("class=\"timeline\"") && !page.text.contains("data-passport"))
            #expect(try await client.get("/trace" + ServeFixture.path(fixture.forged)).text.contains("data-verdict=\"FORGED\""))
        }
    }
}
