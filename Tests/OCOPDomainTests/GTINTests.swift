import Foundation
import OCOPDomain
import Testing

@Suite struct GTINTests {
    @Test func gtin13IsPaddedTo14Digits() throws {
        let gtin = try GTIN("9521234500001")
        #expect(gtin.gtin14 == "09521234500001")
        #expect(gtin.shortestForm == "9521234500001")
        #expect(gtin.description == "09521234500001")
    }

    @Test(arguments: [
        ("09520123456788", "09520123456788"),  // GTIN-14 from GS1's Digital Link examples
        ("012345678905", "00012345678905"),  // GTIN-12
        ("01234565", "00000001234565"),  // GTIN-8
        ("9528400000013", "09528400000013"),  // from the Trà Vinh register
        ("12312312312333", "12312312312333"),
    ])
    func acceptsEveryGS1Length(input: String, expected: String) throws {
        #expect(try GTIN(input).gtin14 == expected)
    }

    @Test func checkDigitHelper() throws {
        #expect(try GTIN.checkDigit(for: "952123450000") == 1)
        #expect(try GTIN.checkDigit(for: "0952012345678") == 8)
        #expect(try GTIN.checkDigit(for: "0123456") == 5)
        #expect(failure { try GTIN.checkDigit(for: "12a") }?.field == "gtin")
    }

    @Test func changingAnySingleDigitIsRejected() throws {
        let valid = Array("9521234500001")
        for index in valid.indices {
            for digit in "0123456789" where digit != valid[index] {
                var mutated = valid
                mutated[index] = digit
                let error = failure { try GTIN(String(mutated)) }
                #expect(error?.field == "gtin", "\(String(mutated)) was accepted")
                #expect(error?.rule.contains("check digit is") == true)
            }
        }
    }

    @Test func badCheckDigitNamesTheExpectedDigit() {
        #expect(failure { try GTIN("9521234500003") } == DomainError(field: "gtin", rule: "check digit is 3, expected 1"))
        #expect(failure { try GTIN("012345678906") }?.rule == "check digit is 6, expected 5")
    }

    @Test(arguments: ["", "123", "1234567", "12345678901", "123456789012345", "952123450000123"])
    func wrongLengthsAreRejected(input: String) {
        let error = failure { try GTIN(input) }
        #expect(error?.field == "gtin")
        #expect(error.map { $0.rule.contains("digits") || $0.rule.contains("empty") } == true)
    }

    @Test(arguments: ["952123450000A", "9521234500 01", "952-1234500001", "９５２１２３４５０００01", "0123456789d"])
    func nonDigitsAreRejected(input: String) {
        let error = failure { try GTIN(input) }
        #expect(error?.field == "gtin")
        #expect(error?.rule.hasPrefix("must be digits only") == true)
    }

    @Test func codableAsTheDigitString() throws {
        let data = try JSONEncoder().encode([try GTIN("9521234500001")])
        #expect(String(decoding: data, as: UTF8.self) == "[\"09521234500001\"]")
        #expect(try JSONDecoder().decode([GTIN].self, from: data) == [try GTIN("09521234500001")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([GTIN].self, from: Data("[\"9521234500002\"]".utf8)) }
    }
}
