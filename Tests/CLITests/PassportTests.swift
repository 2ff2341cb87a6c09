import Foundation
import TestSupport
import Testing

/// The digital product passport (Decree 37/2026/NĐ-CP, Article 32) and the Circular 02 details
/// a producer fills in with `product set` (issue 14). Both engines.
@Suite struct PassportTests {
    static func json(_ result: ProcessResult) throws -> Any {
        try JSONSerialization.jsonObject(with: result.stdout)
    }

    @Test func checkNamesWhatIsMissingAndSetFillsItIn() throws {
        let fixture = try StoreFixture("passport")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "PP-1", units: 2)
        try fixture.expectSuccess(["event", "add", "--batch", "PP-1", "--step", "packing", "--location", "HTX Đại Phước, xã Đại Phước"])

        let before = try Self.json(try fixture.expectSuccess(["passport", "check", "--json"])) as? [[String: Any]] ?? []
        let candy = try #require(before.first { ($0["product"] as? String) == "Kẹo dừa Đại Phước" })
        let missing = Set(candy["missing"] as? [String] ?? [])
        #expect(missing.isSuperset(of: ["image", "safety warnings", "standards", "shelf life", "producer tax id"]), "\(missing)")
        #expect(!missing.contains("gtin") && !missing.contains("certificate in force"))

        // A file that is no image is refused, nothing written.
        let text = fixture.folder.appendingPathComponent("not-an-image.png")
        try Data("hello".utf8).write(to: text)
        let digest = try fixture.digest()
        let refused = try fixture.run(["product", "set", "TV-0002", "--image", text.path])
        #expect(refused.status == 65 && refused.stderrText.contains("neither PNG nor JPEG"), "\(refused.stderrText)")
        #expect(try fixture.digest() == digest)

        let image = fixture.folder.appendingPathComponent("keo-dua.png")
        #expect(try ocopTrace(["qr", "Kẹo dừa Đại Phước", "--out", image.path]).status == 0)
        try fixture.expectSuccess(["product", "set", "TV-0002", "--brand", "Đại Phước", "--shelf-life", "180", "--standard", "ISO 22000:2018",
                                   "--standard", "VietGAP", "--warning", "Không dùng cho người tiểu đường", "--image", image.path])
        let after = try Self.json(try fixture.expectSuccess(["passport", "check", "--product", "TV-0002", "--json"])) as? [[String: Any]] ?? []
        #expect(Set(after.first?["missing"] as? [String] ?? []) == ["producer tax id"], "\(after)")
        // A later set keeps what it does not name.
        try fixture.expectSuccess(["product", "set", "TV-0002", "--model", "hộp 400 g"])

        let unit = try Self.json(try fixture.expectSuccess(["passport", "show", codes[0].uri, "--json"])) as? [String: Any] ?? [:]
        #expect(unit["identifier"] as? String == String(codes[0].uri.prefix { $0 != "?" }), "the unit's Digital Link, without its signature")
        #expect(unit["product_name"] as? String == "Kẹo dừa Đại Phước" && unit["gtin"] as? String == "09528400000020")
        #expect(unit["brand"] as? String == "Đại Phước" && unit["model"] as? String == "hộp 400 g" && unit["shelf_life_days"] as? Int == 180)
        #expect(unit["standards"] as? [String] == ["ISO 22000:2018", "VietGAP"])
        #expect(unit["origin"] as? String == "HTX Đại Phước, xã Đại Phước", "the last finishing stage")
        let producer = unit["producer"] as? [String: Any] ?? [:]
        #expect(producer["address"] as? String == "Đại Phước, tỉnh Vĩnh Long" && producer["former_address"] as? String == "Đại Phước, Càng Long, Trà Vinh")
        let certificate = (unit["certificates"] as? [[String: Any]])?.first ?? [:]
        #expect(certificate["stars"] as? Int == 4 && certificate["level"] as? String == "province" && certificate["decision_no"] as? String == "2180/QĐ-UBND")
        #expect((unit["stages"] as? [[String: Any]])?.first?["step"] as? String == "packing")
        #expect((unit["image"] as? String)?.count == 64)

        // A forged code gets no passport: its verdict and exit code.
        let forged = codes[1].uri.replacingOccurrences(of: "?s=", with: "?s=A")
        #expect(try fixture.run(["passport", "show", forged]).status == 10)

        // The resolver shows the same passport: a section of the page, `ocop.passport` in its
        // JSON and a gs1:traceability link in the linkset.
        let server = try ServeProcess(fixture)
        defer { server.stop() }
        let path = String(codes[0].uri.dropFirst("https://id.example.vn".count))
        let body = try server.request(path, accept: "application/json").body
        let answer = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] ?? [:]
        let ocop = answer["ocop"] as? [String: Any] ?? [:]
        let served = ocop["passport"] as? [String: Any] ?? [:]
        #expect(served["identifier"] as? String == unit["identifier"] as? String && served["brand"] as? String == "Đại Phước", "\(ocop)")
        let linkset = (answer["linkset"] as? [[String: Any]])?.first ?? [:]
        #expect((linkset["https://gs1.org/voc/traceability"] as? [[String: Any]])?.first?["href"] as? String
                == "https://id.example.vn/trace" + codes[0].uri.dropFirst("https://id.example.vn".count), "the unit's trace: \(linkset)")
        #expect(served["traceability"] as? String == "https://id.example.vn/trace" + codes[0].uri.dropFirst("https://id.example.vn".count))
        let page = try server.request(path).body
        #expect(page.contains("data-passport") && page.contains("Hộ chiếu số sản phẩm") && page.contains("ISO 22000:2018"))

        let out = fixture.folder.appendingPathComponent("passports.json")
        try fixture.expectSuccess(["export", "passport", "--out", out.path])
        let exported = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [[String: Any]] ?? []
        #expect(exported.count == 2)
        #expect(try fixture.run(["log", "verify", "--deep"]).status == 0)
        try fixture.expectSuccess(["reindex"])
        #expect(try fixture.run(["passport", "show", "--product", "TV-0002"]).stdoutText.contains("sha256"), "the image survives a reindex")
    }
}
