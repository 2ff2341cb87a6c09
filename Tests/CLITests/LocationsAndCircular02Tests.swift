import Crypto
import Foundation
import TestSupport
import Testing

/// The location register, handover parties, `trace back/forward` and the Circular 02 file for
/// the national portal (issue 14). Both engines.
@Suite struct LocationsAndCircular02Tests {
    /// A store whose batch went from the cooperative's warehouse (with a GLN) to a shop (without).
    static func chain(_ name: String) throws -> (fixture: StoreFixture, codes: [(uri: String, short: String, serial: String)]) {
        let fixture = try StoreFixture(name)
        try fixture.expectSuccess(["location", "add", "KHO-DP", "--name", "Kho HTX Đại Phước", "--province", "Vĩnh Long",
                                   "--commune", "xã Đại Phước", "--gln", "8930000000019", "--geo", "9.9861,106.3208"])
        try fixture.expectSuccess(["location", "add", "CH-TV1", "--name", "Điểm bán OCOP Ao Bà Om", "--province", "Trà Vinh",
                                   "--district", "TP Trà Vinh", "--commune", "Phường 8"])
        try fixture.expectSuccess(["batch", "issue", "--product", "TV-0002", "--lot", "KD-1", "--units", "3",
                                   "--produced", "2026-11-20", "--codes", fixture.folder.appendingPathComponent("codes.csv").path])
        let text = try String(contentsOf: fixture.folder.appendingPathComponent("codes.csv"), encoding: .utf8)
        let codes = text.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (uri: cells[0], short: cells[1], serial: cells[2])
        }
        try fixture.expectSuccess(["event", "add", "--batch", "KD-1", "--step", "shipping", "--disposition", "in_transit",
                                   "--location-id", "KHO-DP", "--from", "KHO-DP", "--to", "CH-TV1", "--at", "2026-11-21T07:30:00+07:00"])
        try fixture.expectSuccess(["event", "add", "--batch", "KD-1", "--step", "receiving", "--location-id", "CH-TV1",
                                   "--from", "location:KHO-DP", "--to", "location:CH-TV1", "--at", "2026-11-21T10:00:00+07:00"])
        return (fixture, codes)
    }

    @Test func badRegisterReferencesAreRefusedWithNothingWritten() throws {
        let fixture = try StoreFixture("locations-bad")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "L-1", units: 1)
        try fixture.expectSuccess(["location", "add", "KHO-1", "--name", "Kho", "--province", "Vĩnh Long", "--commune", "xã Kim Hòa"])
        // A location and a producer with one id: a bare id is ambiguous.
        try fixture.expectSuccess(["location", "add", "TV-P002", "--name", "Xưởng", "--province", "Vĩnh Long", "--commune", "xã Đại Phước"])
        let digest = try fixture.digest()
        let cases: [([String], Int32, String)] = [
            (["location", "add", "KHO-2", "--name", "Kho", "--province", "Vĩnh Long", "--commune", "x", "--gln", "8930000000012"], 65,
             "gln: check digit is 2, expected 9"),
            (["location", "add", "KHO-2", "--name", "Kho", "--province", "Vĩnh Long", "--commune", "x", "--gln", "89300"], 65, "gln: '89300' must be 13 digits"),
            (["location", "add", "KHO-2", "--name", "Kho", "--province", "Narnia", "--commune", "x"], 65, "province: 'Narnia' is not one of Vietnam's 34"),
            (["location", "add", "KHO-2", "--name", "Kho", "--province", "Vĩnh Long", "--commune", "x", "--geo", "91,106"], 65, "geo latitude"),
            (["location", "add", "kho-1", "--name", "Kho", "--province", "Vĩnh Long", "--commune", "x"], 67, "differs only in letter case"),
            (["event", "add", "--batch", "L-1", "--step", "shipping", "--location-id", "NOPE"], 66, "location: 'NOPE' does not exist"),
            (["event", "add", "--batch", "L-1", "--step", "shipping", "--to", "NOPE"], 66, "'NOPE' does not exist"),
            (["event", "add", "--batch", "L-1", "--step", "shipping", "--to", "TV-P002"], 65, "write producer:TV-P002 or location:TV-P002"),
            (["event", "add", "--batch", "L-1", "--step", "packing", "--from", "KHO-1"], 65, "from: names the parties of a handover; packing is none"),
            (["event", "add", "--batch", "L-1", "--step", "shipping", "--from", "KHO-1", "--to", "location:KHO-1"], 65, "the same party as --from"),
            (["event", "add", "--batch", "L-1", "--step", "shipping", "--to", "shop:X"], 65, "'shop' is no kind of party"),
        ]
        for (arguments, status, message) in cases {
            let result = try fixture.run(arguments)
            #expect(result.status == status && result.stderrText.contains(message), "\(arguments): \(result.status) \(result.stderrText)")
            #expect(result.stderrText.split(separator: "\n").count == 1, "one line: \(result.stderrText)")
        }
        #expect(try fixture.digest() == digest, "nothing written")
        try fixture.expectSuccess(["event", "add", "--batch", "L-1", "--step", "shipping", "--from", "producer:TV-P002", "--to", "KHO-1"])
    }

    @Test func traceBackAndForwardNameWhoHandedTheGoodsToWhom() throws {
        let (fixture, codes) = try Self.chain("trace")
        defer { fixture.remove() }
        try fixture.expectSuccess(["event", "add", codes[0].short, "--step", "retail_selling", "--location-id", "CH-TV1",
                                   "--at", "2026-11-22T09:00:00+07:00"])

        let back = try JSONSerialization.jsonObject(with: try fixture.expectSuccess(["trace", "back", codes[0].uri, "--json"]).stdout) as? [String: Any] ?? [:]
        let stages = back["stages"] as? [[String: Any]] ?? []
        #expect(stages.map { $0["step"] as? String } == ["retail_selling", "receiving", "shipping"], "newest first: \(stages)")
        let shipping = stages.last ?? [:]
        #expect((shipping["from"] as? [String: Any])?["trace_code"] as? String == "8930000000019", "the warehouse by its GLN")
        #expect((shipping["to"] as? [String: Any])?["address"] as? String == "Phường 8, tỉnh Vĩnh Long", "Trà Vinh is part of Vĩnh Long")
        #expect((back["producer"] as? [String: Any])?["id"] as? String == "TV-P002" && back["produced"] as? String == "2026-11-20")
        #expect(back["trace_code"] as? String == String(codes[0].uri.prefix { $0 != "?" }))

        let text = try fixture.expectSuccess(["trace", "back", codes[0].short]).stdoutText
        #expect(text.contains("KHO-DP (Kho HTX Đại Phước) → CH-TV1 (Điểm bán OCOP Ao Bà Om)"), "\(text)")

        let forward = try JSONSerialization.jsonObject(with: try fixture.expectSuccess(["trace", "forward", "--batch", "KD-1", "--json"]).stdout) as? [String: Any] ?? [:]
        #expect((forward["stages"] as? [[String: Any]])?.map { $0["step"] as? String } == ["shipping", "receiving", "retail_selling"])
        let holdings = (forward["holdings"] as? [[String: Any]] ?? []).map { "\($0["units"] as? Int ?? 0) \($0["sold"] as? Bool ?? false) \($0["holder"] as? String ?? "")" }
        #expect(holdings == ["2 false CH-TV1 (Điểm bán OCOP Ao Bà Om)", "1 true CH-TV1 (Điểm bán OCOP Ao Bà Om)"], "\(holdings)")
        #expect(try fixture.run(["trace", "forward"]).status == 64, "a code or --batch")

        // The registers come back from the log alone.
        #expect(try fixture.run(["log", "verify", "--deep"]).status == 0)
        try fixture.expectSuccess(["reindex"])
        #expect(try fixture.expectSuccess(["location", "list"]).stdoutText.contains("8930000000019"))

        // EPCIS names the registered place by its GLN and the parties of the handover; the
        // document stays valid and its event IDs agree with the reference implementation.
        let file = fixture.folder.appendingPathComponent("events.jsonld")
        try fixture.expectSuccess(["export", "epcis", "--out", file.path])
        let events = try EPCISExportTests.events(Data(contentsOf: file))
        let shipped = try #require(events.first { $0["bizStep"] as? String == "shipping" })
        #expect((shipped["readPoint"] as? [String: String])?["id"] == "https://id.gs1.org/414/8930000000019")
        #expect(shipped["ocop:from"] as? String == "https://id.gs1.org/414/8930000000019" && shipped["ocop:to"] as? String == "https://id.example.vn/location/CH-TV1")
        #expect(try EPCISExportTests.validate([file]) == ["VALID"])
        #expect(try EPCISExportTests.referenceHashes(file) == events.compactMap { $0["eventID"] as? String })
    }

    @Test func circular02OfAStoreWithShippingAndReceivingBetweenTwoLocationsHasEveryFieldFilled() throws {
        let (fixture, _) = try Self.chain("circular02")
        defer { fixture.remove() }
        let image = fixture.folder.appendingPathComponent("keo-dua.png")
        #expect(try ocopTrace(["qr", "Kẹo dừa Đại Phước", "--out", image.path]).status == 0)
        try fixture.expectSuccess(["product", "set", "TV-0002", "--brand", "Đại Phước", "--model", "hộp 400 g", "--shelf-life", "180",
                                   "--standard", "TCVN 5908:2009", "--standard", "ISO 22000:2018", "--image", image.path])

        let out = fixture.folder.appendingPathComponent("circular02.csv")
        let said = try fixture.expectSuccess(["export", "circular02", "--format", "csv", "--out", out.path]).stdoutText
        #expect(said.contains("1 products, 2 stages") || said.contains("2 products, 2 stages"), "\(said)")
        let bytes = try Data(contentsOf: out)
        let rows = CSV.rows(String(decoding: bytes, as: UTF8.self))
        let header = try #require(rows.first)
        func cells(_ row: [String]) -> [String: String] { Dictionary(uniqueKeysWithValues: zip(header, row)) }
        let records = rows.dropFirst().map(cells)
        let product = try #require(records.first { $0["record"] == "product" && $0["product_id"] == "TV-0002" })
        // Circular 02's ten fields.
        for field in ["product_name", "product_image", "producer_name", "producer_address", "stages", "production_time",
                      "traceability_code", "brand", "model", "shelf_life_days", "standards"] {
            #expect(!(product[field] ?? "").isEmpty, "product field \(field) is empty: \(product)")
        }
        #expect(product["producer_address"] == "Đại Phước, tỉnh Vĩnh Long" && product["traceability_code"] == "https://id.example.vn/01/09528400000020")
        #expect(product["standards"] == "TCVN 5908:2009; ISO 22000:2018" && product["production_time"] == "2026-11-20" && product["stages"] == "2")
        let stages = records.filter { $0["record"] == "stage" }
        #expect(stages.map { $0["step"] } == ["shipping", "receiving"])
        for stage in stages {
            for field in ["product_trace_code", "location_trace_code", "time", "step", "from", "from_name", "to", "to_name", "lot", "production_time"] {
                #expect(!(stage[field] ?? "").isEmpty, "stage field \(field) is empty: \(stage)")
            }
        }
        #expect(stages[0]["location_trace_code"] == "8930000000019" && stages[0]["from"] == "8930000000019" && stages[0]["to"] == "CH-TV1")
        #expect(stages[1]["location_trace_code"] == "CH-TV1" && stages[1]["product_trace_code"] == "https://id.example.vn/01/09528400000020/10/KD-1")

        // The same store, the same bytes; the JSON carries the same records.
        try fixture.expectSuccess(["export", "circular02", "--format", "csv", "--out", out.path])
        #expect(try Data(contentsOf: out) == bytes)
        let json = try JSONSerialization.jsonObject(with: try fixture.expectSuccess(["export", "circular02", "--format", "json"]).stdout) as? [String: Any] ?? [:]
        let products = json["products"] as? [[String: Any]] ?? []
        #expect(products.count == records.filter { $0["record"] == "product" }.count)
        #expect((products.first { $0["product_id"] as? String == "TV-0002" }?["stages"] as? [[String: Any]])?.count == 2)

        // --since: only what is new, with its product.
        let last = try #require(json["last_seq"] as? Int)
        try fixture.expectSuccess(["event", "add", "--batch", "KD-1", "--step", "stocking", "--location-id", "CH-TV1"])
        let since = try JSONSerialization.jsonObject(with: try fixture.expectSuccess(["export", "circular02", "--format", "json", "--since", String(last)]).stdout) as? [String: Any] ?? [:]
        let newer = since["products"] as? [[String: Any]] ?? []
        #expect(newer.count == 1 && (newer.first?["stages"] as? [[String: Any]])?.map { $0["step"] as? String } == ["stocking"], "\(newer)")

        // The product image the file names is served by the resolver, byte for byte.
        let server = try ServeProcess(fixture)
        defer { server.stop() }
        let url = try #require(product["product_image"])
        let fetched = fixture.folder.appendingPathComponent("fetched.png")
        let curl = try #require(which("curl"))
        let status = try run(curl, ["-s", "-o", fetched.path, "-w", "%{http_code}", server.base + url.dropFirst("https://id.example.vn".count)]).stdoutText
        #expect(status == "200")
        #expect(try Data(contentsOf: fetched) == Data(contentsOf: image))
        #expect(try server.request("/image/" + String(repeating: "0", count: 64)).status == 404)

        // A shopper reports a fake from the page; the province lists it.
        let unit = try String(contentsOf: fixture.folder.appendingPathComponent("codes.csv"), encoding: .utf8)
            .split(separator: "\n")[1].split(separator: ",")[0]
        let reported = try server.request("/report", method: "POST", form: [("code", String(unit)), ("note", "Tem mờ, giá rẻ bất thường")])
        #expect(reported.status == 200, "\(reported)")
        let listed = try JSONSerialization.jsonObject(with: try fixture.expectSuccess(["reports", "list", "--json"]).stdout) as? [[String: Any]] ?? []
        #expect(listed.count == 1 && listed.first?["note"] as? String == "Tem mờ, giá rẻ bất thường" && listed.first?["code"] as? String == String(unit))
        #expect(try fixture.run(["log", "verify"]).status == 0)
    }
}

/// RFC 4180 rows (quoted fields may hold commas, quotes and line breaks), for reading exports.
enum CSV {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
