import Foundation
import OCOPDomain
import Testing

/// The rules of 2026: 34 provinces (Resolution 202/2025/QH15), addresses without districts,
/// and who recognises which stars (Decision 1489/QĐ-TTg).
@Suite struct AddressAndLevelTests {
    @Test func theShippedTableIsTheDataFileAndHolds34Provinces() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("Data/provinces-2025.csv"), encoding: .utf8)
        #expect(VietnamProvinces.table + "\n" == file, "Sources/OCOPDomain/VietnamProvinces.swift must hold Data/provinces-2025.csv byte for byte")
        #expect(VietnamProvinces.provinces.count == 34)
        #expect(VietnamProvinces.provinces.flatMap(\.formerProvinces).count == 63)
        #expect(Set(VietnamProvinces.provinces.flatMap(\.formerProvinces)).count == 63)
        #expect(VietnamProvinces.provinces.filter { $0.kind == "thành phố" }.count == 6)
    }

    @Test func formerProvincesMapToTodaysWhateverTheSpelling() {
        for typed in ["Trà Vinh", "tra vinh", "TỈNH TRÀ VINH", "  Trà   Vinh "] {
            guard case let .former(name, now)? = VietnamProvinces.match(typed) else {
                Issue.record("\(typed) is not read as the former Trà Vinh")
                continue
            }
            #expect(name == "Trà Vinh" && now.name == "Vĩnh Long" && now.title == "tỉnh Vĩnh Long")
        }
        guard case let .former(_, dongThap)? = VietnamProvinces.match("Tiền Giang") else { Issue.record("Tiền Giang"); return }
        #expect(dongThap.name == "Đồng Tháp")
        guard case let .current(city)? = VietnamProvinces.match("Thành phố Hồ Chí Minh") else { Issue.record("HCMC"); return }
        #expect(city.title == "thành phố Hồ Chí Minh" && city.formerProvinces.contains("Bình Dương"))
        #expect(VietnamProvinces.formerUnit("Huế")?.name == "Thừa Thiên Huế")
        #expect(VietnamProvinces.match("Trà Vinhh") == nil)
        #expect(VietnamProvinces.suggestion(for: "Trà Vinhh") == "Trà Vinh")
    }

    @Test func anOldAddressIsMappedAndKept() throws {
        let old = try Producer(id: "TV-P002", name: "HTX Đại Phước", kind: .cooperative, province: "Trà Vinh",
                               commune: "Đại Phước", district: "Càng Long")
        #expect(old.province == "Vĩnh Long" && old.address == "Đại Phước, tỉnh Vĩnh Long")
        #expect(old.formerAddress == Producer.FormerAddress(province: "Trà Vinh", district: "Càng Long", commune: "Đại Phước"))
        #expect(old.formerAddress?.line == "Đại Phước, Càng Long, Trà Vinh")
        let today = try Producer(id: "VL-P1", name: "HTX", kind: .cooperative, province: "vĩnh long", commune: "xã Kim Hòa")
        #expect(today.province == "Vĩnh Long" && today.formerAddress == nil && today.address == "xã Kim Hòa, tỉnh Vĩnh Long")
        #expect(throws: DomainError.self) { try Producer(id: "X", name: "X", kind: .company, province: "Atlantis", commune: "c") }
        do {
            _ = try Producer(id: "X", name: "X", kind: .company, province: "Tra Vin", commune: "c")
        } catch {
            #expect(error.field == "province" && error.rule.contains("did you mean Trà Vinh"), "\(error)")
        }
    }

    @Test func aPayloadOfBefore2026DecodesToTheSameProducer() throws {
        let old = #"{"commune":"Đại Phước","district":"Càng Long","id":"TV-P002","kind":"cooperative","name":"HTX Đại Phước","province":"Trà Vinh"}"#
        let decoded = try JSONDecoder().decode(Producer.self, from: Data(old.utf8))
        #expect(decoded == (try Producer(id: "TV-P002", name: "HTX Đại Phước", kind: .cooperative, province: "Trà Vinh",
                                         commune: "Đại Phước", district: "Càng Long")))
        let again = try JSONDecoder().decode(Producer.self, from: JSONEncoder().encode(decoded))
        #expect(again == decoded)
        // A province no list knows (a store of an earlier version took any text) is kept as written.
        let odd = #"{"commune":"c","district":"d","id":"P1","kind":"company","name":"X","province":"P"}"#
        #expect(try JSONDecoder().decode(Producer.self, from: Data(odd.utf8)).province == "P")
    }

    @Test func theDecisionNumberSaysWhoDecided() throws {
        #expect(DecidingLevel.of(try DecisionNumber("2180/QĐ-UBND")) == .province)
        #expect(DecidingLevel.of(try DecisionNumber("1508/QĐ-BNN")) == .central)
        #expect(DecidingLevel.of(try DecisionNumber("235/QĐ-BNN-VPĐP")) == .central)
        #expect(DecidingLevel.of(try DecisionNumber("512/QĐ-BNNMT")) == .central)
        #expect(DecidingLevel.of(try DecisionNumber("12/QĐ-SNN")) == nil)
        let day = try CalendarDate(parsing: "2026-10-15")
        // Five stars only from the centre, three and four only from the province.
        #expect(throws: DomainError.self) { try Rating(stars: .five, score: 95, decisionNumber: DecisionNumber("88/QĐ-UBND"), decisionDate: day) }
        #expect(try Rating(stars: .five, score: 95, decisionNumber: DecisionNumber("88/QĐ-BNNMT"), decisionDate: day).level == .central)
        #expect(throws: DomainError.self) { try Rating(stars: .four, score: 80, decisionNumber: DecisionNumber("88/QĐ-BNNMT"), decisionDate: day) }
        #expect(throws: DomainError.self) { try Rating(stars: .four, score: 80, decisionNumber: DecisionNumber("88/QĐ-SNN"), decisionDate: day) }
        #expect(try Rating(stars: .four, score: 80, decisionNumber: DecisionNumber("88/QĐ-SNN"), decisionDate: day, level: .province).level == .province)
    }

    @Test func groupsAndKindsByTheirVietnameseNames() throws {
        #expect(try ProductGroup(parsing: "Thực phẩm") == .food)
        #expect(try ProductGroup(parsing: "thuc pham") == .food)
        #expect(try ProductGroup(parsing: "Dược liệu") == .herbal)
        #expect(try ProductGroup(parsing: "Thủ công mỹ nghệ") == .handicrafts)
        #expect(try EntityKind(parsing: "Hợp tác xã") == .cooperative)
        #expect(try EntityKind(parsing: "HỘ KINH DOANH") == .householdBusiness)
        #expect(try EntityKind(parsing: "to hop tac") == .cooperativeGroup)
        #expect(throws: DomainError.self) { try ProductGroup(parsing: "Dệt may") }
    }

    @Test func lifecycleOfAProduct() throws {
        let day = try CalendarDate(parsing: "2026-12-01")
        func rated(_ date: String) throws -> RatingRecord {
            let decided = try CalendarDate(parsing: date)
            return RatingRecord(seq: 1, productID: "P", action: .rate, stars: 3, score: 60, decisionNumber: "1/QĐ-UBND",
                                decisionDate: decided, validUntil: decided.adding(months: 36), reason: nil)
        }
        #expect(ProductLifecycle.of([], on: day, within: 90) == .unrated)
        #expect(ProductLifecycle.of([try rated("2023-11-30")], on: day, within: 90) == .lapsed)
        #expect(ProductLifecycle.of([try rated("2023-12-01")], on: day, within: 90) == .expiring)
        #expect(ProductLifecycle.of([try rated("2024-06-01")], on: day, within: 90) == .valid)
        let withdrawn = RatingRecord(seq: 2, productID: "P", action: .withdraw, stars: nil, score: nil, decisionNumber: "2/QĐ-UBND",
                                     decisionDate: try CalendarDate(parsing: "2026-10-15"), validUntil: nil, reason: "x")
        #expect(ProductLifecycle.of([try rated("2024-06-01"), withdrawn], on: day, within: 90) == .withdrawn)
    }
}
