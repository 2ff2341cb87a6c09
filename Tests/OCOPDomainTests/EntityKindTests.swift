import OCOPDomain
import Testing

@Suite struct EntityKindTests {
    @Test func fiveKindsWithVietnameseNames() {
        #expect(EntityKind.allCases.map(\.rawValue) == ["household_business", "company", "enterprise", "cooperative", "cooperative_group"])
        #expect(EntityKind.householdBusiness.vietnameseName == "Hộ kinh doanh")
        #expect(EntityKind.cooperative.vietnameseName == "Hợp tác xã")
        #expect(EntityKind.cooperativeGroup.vietnameseName == "Tổ hợp tác")
    }

    @Test func parsing() throws {
        #expect(try EntityKind(parsing: "household_business") == .householdBusiness)
        #expect(try EntityKind(parsing: "Cooperative group") == .cooperativeGroup)
        #expect(try EntityKind(parsing: "cooperative-group") == .cooperativeGroup)
        #expect(failure { try EntityKind(parsing: "farmer") }?.description
            == "producer kind: \"farmer\" is not an OCOP entity kind; use one of household_business, company, enterprise, cooperative, cooperative_group")
        #expect(failure { try EntityKind(parsing: "cooperativ") }?.rule.hasSuffix("(did you mean cooperative?)") == true)
    }
}
