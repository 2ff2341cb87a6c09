import Foundation
@testable import OCOPServe
import Testing

/// The resolver's JSON writer against Foundation's: the same text for the shapes it answers.
@Suite struct JSONTextTests {
    @Test func writesWhatFoundationWrites() throws {
        let samples: [[String: Any]] = [
            ["linkset": [["anchor": "https://id.example.vn/01/09528400000020/10/A/21/X", "https://gs1.org/voc/pip": [["href": "https://id.example.vn/p?a=1&b=2", "title": "Kẹo dừa \"Bến Tre\" / 4★"]]]],
             "ocop": ["level": "unit", "verdict": "GENUINE", "scans": ["count": 3, "distinct_clients": 2, "warning": false],
                      "events": [] as [Any], "empty": [String: Any](), "note": "line\nbreak\ttab\\slash\u{1}"]],
            ["reported": true, "seq": Int64(42), "ratio": 0.5, "whole": 3.0, "nothing": NSNull()],
        ]
        for sample in samples {
            let foundation = String(decoding: try JSONSerialization.data(withJSONObject: sample, options: [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]), as: UTF8.self)
            let ours = JSONText.write(sample)
            #expect(ours == foundation)
            let reread = try JSONSerialization.jsonObject(with: Data(ours.utf8)) as? NSDictionary
            #expect(reread == (sample as NSDictionary))
        }
    }

    @Test func placesPreformattedJSONAtItsDepth() throws {
        struct Passport: Encodable { let id: String; let materials: [String] }
        let fragment = try #require(PreformattedJSON(Passport(id: "P-1", materials: ["dừa", "đường"])))
        let ours = JSONText.write(["ocop": ["passport": fragment]])
        let parsed = try JSONSerialization.jsonObject(with: Data(ours.utf8)) as? [String: Any]
        let passport = (parsed?["ocop"] as? [String: Any])?["passport"] as? [String: Any]
        #expect(passport?["id"] as? String == "P-1")
        #expect(passport?["materials"] as? [String] == ["dừa", "đường"])
        #expect(ours.contains("\n    \"passport\" : {\n      \"id\" : \"P-1\","))
    }
}
