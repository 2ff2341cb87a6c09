import Foundation
@testable import OCOPExport
import TestSupport
import Testing

/// The event-hash algorithm against the reference vectors of RalphTro/epcis-event-hash-generator
/// (`../shared/epcis/hash/`): every pre-hash string and every hash, exactly.
@Suite struct EventHashVectorTests {
    static let folder = ProjectPaths.shared.appendingPathComponent("epcis/hash")

    static func lines(_ name: String) throws -> [String] {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    @Test(arguments: ["ReferenceEventHashAlgorithm", "TimeStampRoundOff"])
    func reproducesPreHashesAndHashes(name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name + ".jsonld"), encoding: .utf8)
        let document = try JSONValue(parsing: text)
        let preHashes = try EPCISEventHash.preHashes(document: document)
        let expectedPreHashes = try Self.lines(name + ".prehashes")
        let expectedHashes = try Self.lines(name + ".hashes")
        #expect(preHashes.count == expectedHashes.count)
        #expect(preHashes == expectedPreHashes)
        for (mine, expected) in zip(preHashes, expectedPreHashes) where mine != expected {
            Issue.record("pre-hash differs:\n mine:     \(mine)\n expected: \(expected)")
        }
        #expect(preHashes.map(EPCISEventHash.hash(preHash:)) == expectedHashes)
    }

    /// The vectors again, read with Foundation's JSON parser instead of ours.
    @Test func sameResultThroughJSONSerialization() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("ReferenceEventHashAlgorithm.jsonld"))
        let document = try Self.convert(JSONSerialization.jsonObject(with: data))
        let hashes = try EPCISEventHash.preHashes(document: document).map(EPCISEventHash.hash(preHash:))
        #expect(hashes == (try Self.lines("ReferenceEventHashAlgorithm.hashes")))
    }

    static func convert(_ object: Any) -> JSONValue {
        switch object {
        case let text as String: return .string(text)
        case let array as [Any]: return .array(array.map(convert))
        case let dictionary as [String: Any]:
            return .object(dictionary.keys.sorted().map { ($0, convert(dictionary[$0]!)) })
        case let number as NSNumber: return .int(number.int64Value)
        default: return .null
        }
    }
}

@Suite struct IdentifierCanonicalizerTests {
    @Test func digitalLinksBecomeCanonical() throws {
        let cases: [(String, String?)] = [
            ("https://id.example.vn/01/09528400000020/10/KD-2026-11/21/DWWHM8WC2DSA0",
             "https://id.gs1.org/01/09528400000020/21/DWWHM8WC2DSA0"),
            ("https://id.example.vn/01/09528400000020/10/KD-2026-11", "https://id.gs1.org/01/09528400000020/10/KD-2026-11"),
            ("https://id.gs1.de/00/040123451111111110", "https://id.gs1.org/00/040123451111111110"),
            ("https://example.com/gtin/9528400000020/ser/ABC?17=270101", "https://id.gs1.org/01/09528400000020/21/ABC"),
            ("https://example.com/01/09528400000020/22/V1/10/L1", "https://id.gs1.org/01/09528400000020/10/L1"),
            // A percent-encoded lot is outside the canonical syntax: hashed as written.
            ("https://id.example.vn/01/09528400000020/10/A%2FB", nil),
            // Not a GS1 key: this tool's /p/ form, a location URI, a host without a dot.
            ("https://id.example.vn/p/TV-0004/10/L1/21/ABC", nil),
            ("https://id.example.vn/loc/0123456789abcdef", nil),
            ("https://localhost:8080/01/09528400000020", nil),
        ]
        for (input, expected) in cases {
            #expect(try IdentifierCanonicalizer.canonical(input) == expected, "\(input)")
        }
    }

    @Test func epcURIsBecomeDigitalLinks() throws {
        #expect(try IdentifierCanonicalizer.canonical("urn:epc:id:sgtin:0614141.112345.400") == "https://id.gs1.org/01/10614141123459/21/400")
        #expect(try IdentifierCanonicalizer.canonical("urn:epc:id:sscc:4012345.0000000333") == "https://id.gs1.org/00/040123450000003338")
        #expect(try IdentifierCanonicalizer.canonical("urn:epc:id:sgln:0614141.07346.1234") == "https://id.gs1.org/414/0614141073467/254/1234")
        #expect(try IdentifierCanonicalizer.canonical("urn:epc:id:sgln:0614141.07346.0") == "https://id.gs1.org/414/0614141073467")
        #expect(try IdentifierCanonicalizer.canonical("urn:epc:class:lgtin:4012345.012345.998877") == "https://id.gs1.org/01/04012345123456/10/998877")
        #expect(throws: EventHashError.self) { try IdentifierCanonicalizer.canonical("urn:epc:id:grai:0614141.12345.400") }
    }

    @Test func numbersAndTimes() throws {
        #expect(try PythonNumber.canonical("007") == "7")
        #expect(try PythonNumber.canonical("1.50") == "1.5")
        #expect(try PythonNumber.canonical("1e3") == "1000")
        #expect(try PythonNumber.canonical("1_000") == "1000")
        #expect(try PythonNumber.canonical("1e22") == "10000000000000000000000")
        #expect(try PythonNumber.canonical("0.00001") == "1e-05")
        #expect(try PythonNumber.canonical("KD-2026") == nil)
        #expect(try PythonNumber.canonical("2026-11-01") == nil)
        #expect(try PythonNumber.canonical("1__0") == nil)
        #expect(try TimestampCanonicalizer.canonical("2026-11-21T07:30:00+07:00") == "2026-11-21T00:30:00.000Z")
        #expect(try TimestampCanonicalizer.canonical("2026-01-01T03:00:00.0005+07:00") == "2025-12-31T20:00:00.000Z")
        #expect(try TimestampCanonicalizer.canonical("2026-01-01T03:00:00.0015Z") == "2026-01-01T03:00:00.002Z")
    }
}
