import OCOPDomain
import TestSupport
import Testing

@Suite struct CrockfordBase32Tests {
    @Test func alphabetsHaveTheDocumentedSymbols() {
        #expect(String(CrockfordBase32.alphabet) == "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        #expect(String(CrockfordBase32.checkAlphabet) == "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U")
    }

    @Test func encodesKnownValues() {
        #expect(CrockfordBase32.encode(0, length: 1) == "0")
        #expect(CrockfordBase32.encode(31, length: 2) == "0Z")
        #expect(CrockfordBase32.encode(32, length: 2) == "10")
        #expect(CrockfordBase32.encode(1234, length: 4) == "016J")  // Crockford's own example value
        #expect(CrockfordBase32.encode(UInt64.max, length: 13) == "FZZZZZZZZZZZZ")
    }

    @Test func decodingForgivesCaseConfusionsAndHyphens() throws {
        #expect(try CrockfordBase32.decode("16J", field: "x") == 1234)
        #expect(try CrockfordBase32.decode("16j", field: "x") == 1234)
        #expect(try CrockfordBase32.decode("IO", field: "x") == 32)
        #expect(try CrockfordBase32.decode("lo", field: "x") == 32)
        #expect(try CrockfordBase32.decode("1-6-J", field: "x") == 1234)
        #expect(try CrockfordBase32.decode("FZZZZZZZZZZZZ", field: "x") == UInt64.max)
    }

    @Test func decodingRejectsNonSymbolsAndOverflow() {
        #expect(failure { try CrockfordBase32.decode("1U", field: "code") }?.rule.contains("U is only a check character") == true)
        #expect(failure { try CrockfordBase32.decode("1*", field: "code") }?.field == "code")
        #expect(failure { try CrockfordBase32.decode("G0000000000000", field: "code") }?.rule == "is too large for 64 bits")
        #expect(failure { try CrockfordBase32.decode("--", field: "code") }?.rule == "must not be empty")
    }

    @Test func roundTripsRandomValues() throws {
        var generator = SeededGenerator(seed: 32)
        for _ in 0..<1000 {
            let value: UInt64 = generator.next()
            let text = CrockfordBase32.encode(value, length: 13)
            #expect(text.count == 13)
            #expect(try CrockfordBase32.decode(text, field: "x") == value)
            #expect(try CrockfordBase32.decode(text.lowercased(), field: "x") == value)
        }
    }

    @Test func checkSymbolIsValueModulo37() {
        #expect(CrockfordBase32.checkSymbol(for: 0) == "0")
        #expect(CrockfordBase32.checkSymbol(for: 32) == "*")
        #expect(CrockfordBase32.checkSymbol(for: 36) == "U")
        #expect(CrockfordBase32.checkSymbol(for: 37) == "0")
        #expect(CrockfordBase32.checkSymbol(for: 1234) == "D")  // 1234 = 33 × 37 + 13
        for (value, symbol) in CrockfordBase32.checkAlphabet.enumerated() {
            #expect(CrockfordBase32.checkSymbolValue(symbol) == value)
        }
        #expect(CrockfordBase32.checkSymbolValue("u") == 36)
        #expect(CrockfordBase32.checkSymbolValue("#") == nil)
    }
}
