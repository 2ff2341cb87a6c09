import Foundation
import OCOPDomain
import Testing

@Suite struct LocationTests {
    @Test func glnCheckDigitIsGS1Mod10() throws {
        #expect(try GLN("8930000000019").digits == "8930000000019")
        // Every other last digit is refused, naming the expected one.
        for digit in 0...8 {
            #expect(throws: DomainError.self) { try GLN("893000000001\(digit)") }
        }
        #expect(throws: DomainError.self) { try GLN("893000000001") }
        #expect(throws: DomainError.self) { try GLN("89300000000１9") }
    }

    @Test func aLocationReadsItsAddressAsAProducerDoes() throws {
        let old = try Location(id: "CH-1", name: "Điểm bán", province: "Trà Vinh", commune: "Phường 8", district: "TP Trà Vinh")
        #expect(old.province == "Vĩnh Long" && old.formerAddress?.line == "Phường 8, TP Trà Vinh, Trà Vinh")
        #expect(old.traceCode == "CH-1" && old.line == "Điểm bán, Phường 8, tỉnh Vĩnh Long")
        let placed = try Location(id: "KHO", name: "Kho", province: "Vĩnh Long", commune: "xã Kim Hòa", gln: "8930000000019", geo: "9.98,-106.5")
        #expect(placed.traceCode == "8930000000019" && placed.geo?.uri == "geo:9.98,-106.5")
        let decoded = try JSONDecoder().decode(Location.self, from: JSONEncoder().encode(placed))
        #expect(decoded == placed)
        // A stored payload is checked again: an edited GLN does not decode.
        let edited = String(decoding: try JSONEncoder().encode(placed), as: UTF8.self).replacingOccurrences(of: "8930000000019", with: "8930000000018")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Location.self, from: Data(edited.utf8)) }
        for geo in ["91,1", "1,181", "1", "1.12345678,1", "a,b", "1,,2"] {
            #expect(throws: DomainError.self, "\(geo)") { try GeoPoint(geo) }
        }
    }

    @Test func partiesAreWrittenKindColonID() throws {
        #expect(try PartyRef.prefixed("location:KHO-1") == PartyRef(kind: .location, id: "KHO-1"))
        #expect(try PartyRef.prefixed("KHO-1") == nil)
        #expect(throws: DomainError.self) { try PartyRef.prefixed("shop:KHO-1") }
        #expect(throws: DomainError.self) { try PartyRef.prefixed("actor:") }
    }

    @Test func onlyHandoversNameTheirPartiesAndOldEventsKeepTheirBytes() throws {
        let at = try EventTime(parsing: "2026-11-21T07:30:00+07:00", now: Date())
        let party = try PartyRef(kind: .producer, id: "P1")
        #expect(throws: DomainError.self) { try ChainEvent(productID: "A", lot: "L", step: .packing, at: at, from: party) }
        #expect(throws: DomainError.self) { try ChainEvent(productID: "A", lot: "L", step: .shipping, at: at, from: party, to: party) }
        let shipped = try ChainEvent(productID: "A", lot: "L", step: .shipping, at: at, locationID: "KHO", from: party,
                                     to: PartyRef(kind: .location, id: "KHO"))
        let json = String(decoding: try JSONEncoder().encode(shipped), as: UTF8.self)
        #expect(json.contains("\"from\":\"producer:P1\"") && json.contains("\"location_id\":\"KHO\""))
        let plain = String(decoding: try JSONEncoder().encode(ChainEvent(productID: "A", lot: "L", step: .packing, at: at)), as: UTF8.self)
        #expect(!plain.contains("from") && !plain.contains("location_id"), "events without them encode as before")
    }
}
