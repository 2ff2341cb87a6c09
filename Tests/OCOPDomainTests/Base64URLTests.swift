import OCOPDomain
import TestSupport
import Testing

@Suite struct Base64URLTests {
    /// RFC 4648 §10 vectors, without padding.
    @Test(arguments: [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")])
    func rfc4648Vectors(plain: String, encoded: String) throws {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(try Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test func usesTheURLAlphabet() throws {
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(try Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
    }

    @Test func roundTripsEveryLength() throws {
        var generator = SeededGenerator(seed: 64)
        for length in 0..<100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(try Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }

    @Test func decodingIsStrict() {
        #expect(failure { try Base64URL.decode("Zg==") }?.field == "s")  // padding
        #expect(failure { try Base64URL.decode("Zm9v+/") } != nil)  // standard alphabet
        #expect(failure { try Base64URL.decode("Zm9vY") }?.rule == "5 characters cannot be base64url")
        #expect(failure { try Base64URL.decode("Zh") }?.rule.contains("stray bits") == true)  // "Zg" with a low bit set
        #expect(failure { try Base64URL.decode("Zm9") }?.rule.contains("stray bits") == true)
    }
}
