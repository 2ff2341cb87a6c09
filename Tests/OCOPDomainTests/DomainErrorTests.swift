import OCOPDomain
import Testing

@Suite struct DomainErrorTests {
    @Test func describesFieldAndRuleOnOneLine() {
        let error = DomainError(field: "gtin", rule: "check digit is 3, expected 1")
        #expect(error.description == "gtin: check digit is 3, expected 1")
    }

    @Test func lineBreaksInARuleDoNotBreakTheLine() {
        let error = DomainError(field: "lot", rule: "first\nsecond\r\nthird")
        #expect(error.description == "lot: first second third")
        #expect(!error.description.contains("\n"))
    }

    @Test func equalityComparesFieldAndRule() {
        #expect(DomainError(field: "a", rule: "b") == DomainError(field: "a", rule: "b"))
        #expect(DomainError(field: "a", rule: "b") != DomainError(field: "a", rule: "c"))
    }
}
