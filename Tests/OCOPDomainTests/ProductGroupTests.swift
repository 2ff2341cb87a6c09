import OCOPDomain
import Testing

@Suite struct ProductGroupTests {
    @Test func sixCurrentGroupsWithVietnameseNames() {
        #expect(ProductGroup.allCases.map(\.rawValue) == ["food", "beverages", "herbal", "handicrafts", "ornamental", "tourism"])
        #expect(ProductGroup.herbal.vietnameseName == "Dược liệu và sản phẩm từ dược liệu")
        #expect(ProductGroup.tourism.vietnameseName.hasPrefix("Dịch vụ du lịch cộng đồng"))
        #expect(ProductGroup.ornamental.vietnameseName == "Sinh vật cảnh")
    }

    @Test func parsingForgivesCaseAndSpaces() throws {
        #expect(try ProductGroup(parsing: "Food") == .food)
        #expect(try ProductGroup(parsing: " tourism ") == .tourism)
    }

    @Test func errorsListTheAllowedValues() {
        let error = failure { try ProductGroup(parsing: "drinks") }
        #expect(error?.description == "group: \"drinks\" is not an OCOP product group; use one of food, beverages, herbal, handicrafts, ornamental, tourism")
        #expect(failure { try ProductGroup(parsing: "beverage") }?.rule.hasSuffix("(did you mean beverages?)") == true)
        #expect(failure { try ProductGroup(parsing: "textiles and garments") }?.rule.contains("older programme split") == true)
    }
}
