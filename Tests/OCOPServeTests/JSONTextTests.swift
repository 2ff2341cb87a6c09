import Foundation
import OCOPDomain
import OCOPKit
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

    /// The passport in a unit's JSON answer is written from `jsonValue`; its text is the one its
    /// `Encodable` form gives (what the resolver answered before), full, sparse and for a unit.
    @Test func aPassportIsWrittenAsItsEncoderWritesIt() throws {
        let fixture = try ServeFixture("json-passport")
        defer { fixture.remove() }
        let day = try CalendarDate(parsing: "2026-12-01")
        let producer = try Producer(id: "TV-P009", name: "HTX \"Dừa\" / Bến Tre", kind: .cooperative, province: "Trà Vinh",
                                    commune: "Đại Phước", district: "Càng Long", taxID: "2100123456")
        let product = try Product(id: "TV-0009", producerID: producer.id, name: "Kẹo dừa sữa 1/2 \\ 200 g", group: .food, gtin: "9528400000020")
        let rating = RatingRecord(seq: 7, productID: product.id, action: .rate, stars: 4, score: 81, decisionNumber: "2180/QĐ-UBND",
                                  decisionDate: try CalendarDate(parsing: "2026-10-15"), validUntil: try CalendarDate(parsing: "2029-10-15"), reason: nil)
        let details = try ProductDetails(productID: product.id, brand: "Đại Phước", model: "200 g", shelfLifeDays: 180,
                                         standards: ["TCVN 5909:2024", "VietGAP"], warnings: "Không dùng cho trẻ dưới 3 tuổi",
                                         image: ProductImage(sha256: String(repeating: "ab", count: 32), mediaType: "image/png", bytes: 10))
        var passports = [
            DigitalPassport.of(product: product, producer: producer, ratings: [rating], details: details,
                               identifier: "https://id.example.vn/01/09528400000020", on: day),
            DigitalPassport.of(product: product, producer: nil, ratings: [], details: nil, identifier: "https://id.example.vn/01/09528400000020", on: day),
        ]
        passports.append(contentsOf: passports.map(\.forPublic))
        let unit = try #require(try PassportBook(store: fixture.store).unit(fixture.genuine, on: day).passport)
        #expect(!unit.stages.isEmpty && unit.serial != nil && unit.lot != nil)
        passports.append(unit.forPublic)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        for passport in passports {
            let encoded = String(decoding: try encoder.encode(passport), as: UTF8.self)
            #expect(JSONText.write(passport.jsonValue) == encoded)
        }
        // At depth, as in an answer: the same object.
        let answer = JSONText.write(["ocop": ["passport": unit.forPublic.jsonValue]])
        let parsed = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any]
        let inAnswer = (parsed?["ocop"] as? [String: Any])?["passport"] as? NSDictionary
        let alone = try JSONSerialization.jsonObject(with: encoder.encode(unit.forPublic)) as? NSDictionary
        #expect(inAnswer != nil && inAnswer == alone)
    }
}
