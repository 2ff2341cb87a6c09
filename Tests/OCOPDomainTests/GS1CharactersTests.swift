import OCOPDomain
import Testing

@Suite struct GS1CharactersTests {
    @Test func cset82HasExactly82Characters() {
        let members = (0...127).compactMap(Unicode.Scalar.init).filter(GS1Characters.isCSET82)
        #expect(members.count == 82)
        for excluded: Unicode.Scalar in [" ", "#", "$", "@", "[", "\\", "]", "^", "`", "{", "|", "}", "~"] {
            #expect(!GS1Characters.isCSET82(excluded))
        }
    }

    @Test(arguments: ["A", "LOT-2026.07", "ABC+123", "12345678901234567890", "a/b:c;d<e=f>g?h_", "!\"%&'()*,+-./:;<=>?"])
    func validLotsAndSerials(value: String) throws {
        try GS1Characters.validateLot(value)
        try GS1Characters.validateSerial(value)
    }

    @Test func emptyAndTooLongAreRejected() {
        #expect(failure { try GS1Characters.validateLot("") } == DomainError(field: "lot", rule: "must not be empty"))
        #expect(failure { try GS1Characters.validateSerial(String(repeating: "9", count: 21)) }
            == DomainError(field: "serial", rule: "has 21 characters; at most 20 are allowed"))
    }

    @Test func offendingCharacterIsNamedAndControlCharactersEscaped() {
        let bell = failure { try GS1Characters.validateLot("AB\u{7}C") }
        #expect(bell?.field == "lot")
        #expect(bell?.rule.hasPrefix("character U+0007 is not allowed") == true)
        #expect(bell?.description.contains("\u{7}") == false)

        #expect(failure { try GS1Characters.validateSerial("A#1") }?.rule.hasPrefix("character \"#\" is not allowed") == true)
        #expect(failure { try GS1Characters.validateSerial("A 1") }?.rule.hasPrefix("character space (U+0020)") == true)
        #expect(failure { try GS1Characters.validateLot("Lô1") }?.rule.hasPrefix("character \"ô\" (U+00F4)") == true)
        #expect(failure { try GS1Characters.validateLot("A\u{200B}") }?.rule.hasPrefix("character U+200B") == true)
    }

    @Test func percentEncodingFollowsGS1() {
        // dl.c test_dl_URIescape: every reserved character becomes upper-case %XX.
        #expect(GS1Characters.percentEncode("!\"#%&'()*+,/:;<=>?")
            == "%21%22%23%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F")
        #expect(GS1Characters.percentEncode("AZaz09-._~") == "AZaz09-._~")
        #expect(GS1Characters.percentEncode("ABC+123") == "ABC%2B123")
        #expect(GS1Characters.percentEncode("a b") == "a%20b")
        #expect(GS1Characters.percentEncode("Lô") == "L%C3%B4")
    }

    @Test func percentDecodingIsTheInverse() throws {
        for text in ["!\"#%&'()*+,/:;<=>?", "AZaz09-._~", "6789/&%\"!?()", "Lô hàng 7"] {
            #expect(try GS1Characters.percentDecode(GS1Characters.percentEncode(text), field: "x") == text)
        }
        #expect(try GS1Characters.percentDecode("ABC%2d123", field: "x") == "ABC-123")
        #expect(try GS1Characters.percentDecode("ABC+123", field: "x") == "ABC+123")
        #expect(try GS1Characters.percentDecode("XYZ+987", field: "x", plusIsSpace: true) == "XYZ 987")
    }

    @Test func brokenEscapesAreRejected() {
        #expect(failure { try GS1Characters.percentDecode("%2", field: "lot") }?.field == "lot")
        #expect(failure { try GS1Characters.percentDecode("%zz", field: "lot") } != nil)
        #expect(failure { try GS1Characters.percentDecode("%C3", field: "lot") }?.rule == "percent-escapes do not form UTF-8 text")
    }
}
