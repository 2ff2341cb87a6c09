import Foundation
import TestSupport
import Testing

/// `export epcis` end to end: a store built through the CLI, exported, validated against GS1's
/// EPCIS 2.0 JSON schema by Python `jsonschema`, and every eventID recomputed by the reference
/// event hasher (PyPI `epcis-event-hash-generator`), both from the test venv. A missing package
/// fails the test: nothing here is skipped.
@Suite struct EPCISExportTests {
    static let epcis = ProjectPaths.shared.appendingPathComponent("epcis")
    static let schema = epcis.appendingPathComponent("EPCIS-JSON-Schema.json")

    /// Prints VALID or INVALID: … per document (draft-07, with format checks where available).
    static let validator = """
        import json, sys
        from jsonschema import Draft7Validator
        schema = json.load(open(sys.argv[1]))
        Draft7Validator.check_schema(schema)
        validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
        for path in sys.argv[2:]:
            errors = list(validator.iter_errors(json.load(open(path))))
            print("VALID" if not errors else "INVALID: " + errors[0].message[:300])
        """

    static func validate(_ files: [URL]) throws -> [String] {
        let result = try run(try QRDecoders.zxingPython(), ["-c", validator, schema.path] + files.map(\.path))
        guard result.status == 0 else {
            throw SubprocessError(description: "jsonschema validation could not run (\(result.status)): \(result.stderrText)")
        }
        return result.stdoutText.split(separator: "\n").map(String.init)
    }

    /// The reference implementation's hashes of every event of a document, in order.
    static func referenceHashes(_ file: URL) throws -> [String] {
        let result = try run(try QRDecoders.zxingPython(), ["-m", "epcis_event_hash_generator", file.path])
        guard result.status == 0 else {
            throw SubprocessError(description: "epcis-event-hash-generator failed (\(result.status)): \(result.stderrText)")
        }
        return result.stdoutText.split(separator: "\n").map(String.init).filter { $0.hasPrefix("ni:///") }
    }

    static func events(_ data: Data) throws -> [[String: Any]] {
        let document = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return ((document?["epcisBody"] as? [String: Any])?["eventList"] as? [[String: Any]]) ?? []
    }

    /// A store with two batches (one of a product without GTIN, one lot that needs
    /// percent-encoding), batch and unit events and a recall.
    static func populatedStore(_ name: String) throws -> (StoreFixture, [(uri: String, short: String, serial: String)]) {
        let fixture = try StoreFixture(name)
        try fixture.expectSuccess(["batch", "issue", "--product", "TV-0002", "--lot", "KD-2026-11", "--units", "3",
                                   "--produced", "2026-11-20", "--expires", "2027-05-20"])
        let codes = try fixture.issue(product: "TV-0004", lot: "HH/2026", units: 2)
        try fixture.expectSuccess(["event", "add", "--batch", "KD-2026-11", "--step", "shipping", "--disposition", "in_transit",
                                   "--location", "HTX Đại Phước, Càng Long", "--at", "2026-11-21T07:30:00+07:00"])
        try fixture.expectSuccess(["event", "add", "--batch", "KD-2026-11", "--step", "receiving", "--disposition", "in_progress",
                                   "--location", "OCOP shop Ao Bà Om", "--at", "2026-11-22T09:00:00+07:00", "--note", "đủ 3 hộp"])
        try fixture.expectSuccess(["event", "add", codes[0].short, "--step", "retail_selling", "--disposition", "retail_sold",
                                   "--location", "ocop  shop ao bà om", "--at", "2026-11-22T15:45:10+07:00"])
        try fixture.expectSuccess(["recall", "--batch", "KD-2026-11", "--reason", "bao bì bị phồng"])
        return (fixture, codes)
    }

    @Test func exportIsValidEPCISWithReferenceEventIDs() throws {
        let (fixture, codes) = try Self.populatedStore("epcis-export")
        defer { fixture.remove() }
        let file = fixture.folder.appendingPathComponent("events.jsonld")
        try fixture.expectSuccess(["export", "epcis", "--out", file.path])

        #expect(try Self.validate([file]) == ["VALID"])

        let events = try Self.events(Data(contentsOf: file))
        #expect(events.count == 6)  // 2 commissioning + shipping, receiving, retail_selling, recall
        let ids = events.compactMap { $0["eventID"] as? String }
        #expect(ids.count == events.count && Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("ni:///sha-256;") && $0.hasSuffix("?ver=CBV2.0") })
        #expect(try Self.referenceHashes(file) == ids)

        // Commissioning: ADD, active, the batch's units without signatures, lot and dates in ilmd.
        let commissioning = events[0]
        #expect(commissioning["action"] as? String == "ADD")
        #expect(commissioning["bizStep"] as? String == "commissioning")
        #expect(commissioning["disposition"] as? String == "active")
        let units = commissioning["epcList"] as? [String] ?? []
        #expect(units.count == 3)
        #expect(units.allSatisfy { $0.hasPrefix("https://id.example.vn/01/09528400000020/10/KD-2026-11/21/") && !$0.contains("?") })
        let ilmd = commissioning["ilmd"] as? [String: String]
        #expect(ilmd == ["cbvmda:lotNumber": "KD-2026-11", "cbvmda:productionDate": "2026-11-20",
                         "cbvmda:itemExpirationDate": "2027-05-20"])
        #expect((commissioning["eventTime"] as? String)?.hasSuffix("+07:00") == true)
        #expect(commissioning["eventTimeZoneOffset"] as? String == "+07:00")
        // The product without GTIN uses this tool's /p/ form; the lot is percent-encoded.
        #expect(events[1]["epcList"] as? [String] == codes.map { String($0.uri.split(separator: "?")[0]) })
        #expect(codes[0].uri.contains("/p/TV-0004/10/HH%2F2026/21/"))

        let shipping = events[2]
        #expect(shipping["action"] as? String == "OBSERVE")
        #expect(shipping["bizStep"] as? String == "shipping" && shipping["disposition"] as? String == "in_transit")
        #expect(shipping["eventTime"] as? String == "2026-11-21T07:30:00+07:00")
        #expect(shipping["epcList"] as? [String] == units)
        #expect(shipping["bizLocation"] == nil)  // goods on their way
        #expect(shipping["ocop:location"] as? String == "HTX Đại Phước, Càng Long")
        let readPoint = (shipping["readPoint"] as? [String: String])?["id"] ?? ""
        #expect(readPoint.hasPrefix("https://id.example.vn/loc/") && readPoint.count == "https://id.example.vn/loc/".count + 16)

        let receiving = events[3]
        #expect(receiving["ocop:note"] as? String == "đủ 3 hộp")
        let shop = (receiving["bizLocation"] as? [String: String])?["id"]
        #expect(shop != nil && shop == (receiving["readPoint"] as? [String: String])?["id"])

        // A unit event lists that unit only; the same place spelt differently gets the same id.
        let sale = events[4]
        #expect(sale["bizStep"] as? String == "retail_selling" && sale["disposition"] as? String == "retail_sold")
        #expect(sale["epcList"] as? [String] == [String(codes[0].uri.split(separator: "?")[0])])
        #expect((sale["readPoint"] as? [String: String])?["id"] == shop)

        let recall = events[5]
        #expect(recall["disposition"] as? String == "recalled" && recall["bizStep"] as? String == "holding")
        #expect(recall["epcList"] as? [String] == units)

        // Bare CBV words only: the urn:epcglobal:cbv: forms fail GS1's schema.
        #expect(!(try String(contentsOf: file, encoding: .utf8)).contains("urn:epcglobal:cbv"))
    }

    @Test func validatorAcceptsGS1ExamplesAndRejectsABadAction() throws {
        let folder = try ProjectPaths.scratch("epcis-validator")
        defer { try? FileManager.default.removeItem(at: folder) }
        let examples = ["Example_9.6.1-ObjectEventWithDigitalLink.jsonld", "Example_9.6.2-ObjectEventWithDigitalLink.jsonld"]
            .map { Self.epcis.appendingPathComponent($0) }
        let text = try String(contentsOf: examples[0], encoding: .utf8)
        #expect(text.contains("\"action\": \"OBSERVE\""))
        let bad = folder.appendingPathComponent("bad-action.jsonld")
        try text.replacingOccurrences(of: "\"action\": \"OBSERVE\"", with: "\"action\": \"FOO\"").write(to: bad, atomically: true, encoding: .utf8)
        let results = try Self.validate(examples + [bad])
        #expect(results.count == 3)
        #expect(results[0] == "VALID" && results[1] == "VALID")
        #expect(results[2].hasPrefix("INVALID"), "\(results)")
    }

    @Test func sinceAndBatchFilterWhatIsExported() throws {
        let (fixture, _) = try Self.populatedStore("epcis-filter")
        defer { fixture.remove() }
        let all = try Self.events(fixture.expectSuccess(["export", "epcis"]).stdout)
        let seqs = all.compactMap { $0["ocop:seq"] as? Int }
        #expect(seqs == seqs.sorted() && seqs.count == 6)

        // After the shipping event's seq: receiving, sale and recall only, same IDs as before.
        let shippingSeq = seqs[2]
        let later = try fixture.expectSuccess(["export", "epcis", "--since", String(shippingSeq)])
        let laterEvents = try Self.events(later.stdout)
        #expect(laterEvents.compactMap { $0["ocop:seq"] as? Int } == Array(seqs[3...]))
        #expect(laterEvents.compactMap { $0["eventID"] as? String } == all[3...].compactMap { $0["eventID"] as? String })
        // Batch events still list the batch's units though it was issued before --since.
        #expect((laterEvents[0]["epcList"] as? [String])?.count == 3)

        // One batch: its commissioning and its events, nothing of the other batch.
        let kd = try Self.events(fixture.expectSuccess(["export", "epcis", "--batch", "KD-2026-11"]).stdout)
        #expect(kd.count == 4)
        #expect(kd.allSatisfy { ($0["epcList"] as? [String])?.allSatisfy { $0.contains("/10/KD-2026-11/") } == true })
        let hh = try Self.events(fixture.expectSuccess(["export", "epcis", "--batch", "HH/2026", "--product", "TV-0004"]).stdout)
        #expect(hh.map { $0["bizStep"] as? String } == ["commissioning", "retail_selling"])
        let combined = try Self.events(fixture.expectSuccess(["export", "epcis", "--batch", "KD-2026-11", "--since", String(shippingSeq)]).stdout)
        #expect(combined.map { $0["bizStep"] as? String } == ["receiving", "holding"])

        // Every filtered document is valid and hashed like the reference.
        let file = fixture.folder.appendingPathComponent("later.jsonld")
        try later.stdout.write(to: file)
        #expect(try Self.validate([file]) == ["VALID"])
        #expect(try Self.referenceHashes(file) == laterEvents.compactMap { $0["eventID"] as? String })

        // Nothing new: a valid, empty document.
        let head = try JSONSerialization.jsonObject(with: later.stdout) as? [String: Any]
        let lastSeq = head?["ocop:lastSeq"] as? Int ?? 0
        let empty = try fixture.expectSuccess(["export", "epcis", "--since", String(lastSeq)])
        #expect(try Self.events(empty.stdout).isEmpty)
        try empty.stdout.write(to: file)
        #expect(try Self.validate([file]) == ["VALID"])

        // Unknown lot, --product without --batch.
        #expect(try fixture.run(["export", "epcis", "--batch", "NO-SUCH"]).status == 66)
        #expect(try fixture.run(["export", "epcis", "--product", "TV-0002"]).status == 64)
        #expect(try fixture.run(["export", "epcis", "--since", "-1"]).status == 64)
    }

    @Test func sameStoreExportsTheSameBytes() throws {
        let (fixture, _) = try Self.populatedStore("epcis-determinism")
        defer { fixture.remove() }
        let first = try fixture.expectSuccess(["export", "epcis"]).stdout
        let file = fixture.folder.appendingPathComponent("events.jsonld")
        try fixture.expectSuccess(["export", "epcis", "--out", file.path])
        #expect(try Data(contentsOf: file) == first)
        #expect(try fixture.expectSuccess(["export", "epcis"]).stdout == first)

        // creationDate is the time of the last exported log entry (the recall), not the clock.
        let document = try JSONSerialization.jsonObject(with: first) as? [String: Any]
        let events = try Self.events(first)
        let lastSeq = events.last?["ocop:seq"] as? Int ?? 0
        let log = try JSONSerialization.jsonObject(with: fixture.expectSuccess(["log", "show", "--after", String(lastSeq - 1), "--limit", "1", "--json"]).stdout) as? [[String: Any]]
        #expect(document?["creationDate"] as? String == log?.first?["time"] as? String)

        // Re-deriving the tables from the log changes nothing either.
        try fixture.expectSuccess(["reindex"])
        #expect(try fixture.expectSuccess(["export", "epcis"]).stdout == first)
    }
}
