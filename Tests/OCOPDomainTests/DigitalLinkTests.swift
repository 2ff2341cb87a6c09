import OCOPDomain
import TestSupport
import Testing

@Suite struct DigitalLinkTests {
    let host = "ocop.example.vn"

    @Test func unitAndBatchCodesWithGTIN() throws {
        let gtin = try GTIN("9521234500001")
        let serial = Serial(bits: 0x0123_4567_89AB_CDEF)
        let unit = try DigitalLink.unit(host: host, key: .gtin(gtin), lot: "TV2026-07", serial: serial)
        #expect(unit.uri == "https://ocop.example.vn/01/09521234500001/10/TV2026-07/21/028T5CY4TQKFF")
        #expect(unit.level == .unit)
        #expect(unit.canonical == unit.uri)

        let batch = try DigitalLink.batch(host: host, key: .gtin(gtin), lot: "TV2026-07")
        #expect(batch.uri == "https://ocop.example.vn/01/09521234500001/10/TV2026-07")
        #expect(batch.level == .batch)
        #expect(unit.batchLink == batch)
    }

    @Test func productsWithoutGTINUseThePForm() throws {
        let id = try ProductID("TV-0004")
        let unit = try DigitalLink.unit(host: host, key: .productID(id), lot: "L1", serial: Serial(bits: 1))
        #expect(unit.uri == "https://ocop.example.vn/p/TV-0004/10/L1/21/0000000000001")
        let parsed = try DigitalLink(parsing: unit.uri)
        #expect(parsed == unit)
        #expect(parsed.productID == id)
        #expect(parsed.gtin == nil)
    }

    @Test func productIDRules() {
        #expect(failure { try ProductID("") }?.field == "product id")
        #expect(failure { try ProductID("TV 0004") }?.rule.hasPrefix("character space") == true)
        #expect(failure { try ProductID("TV/0004") }?.rule.hasPrefix("character \"/\"") == true)
        #expect(failure { try ProductID(String(repeating: "A", count: 33)) }?.rule == "has 33 characters; at most 32 are allowed")
        #expect(failure { try ProductID("A-z_0.9") } == nil)
    }

    @Test func valuesArePercentEncodedWithUpperCaseHex() throws {
        let link = try DigitalLink(host: host, gtin: GTIN("9521234500001"), lot: "A/B+C", serial: "x&y")
        #expect(link.uri == "https://ocop.example.vn/01/09521234500001/10/A%2FB%2BC/21/x%26y")
        let parsed = try DigitalLink(parsing: "https://OCOP.example.VN/01/09521234500001/10/A%2fB%2bC/21/x%26y")
        #expect(parsed.lot == "A/B+C")
        #expect(parsed.serial == "x&y")
        #expect(parsed.canonical == link.canonical)
    }

    /// Generation vectors from dl.c and the GS1 toolkit, quoted in `digital-link-vectors.txt`.
    @Test func generationMatchesGS1() throws {
        let first = try DigitalLink(
            host: "example.com", gtin: GTIN("12312312312333"), lot: "ABC+123",
            attributes: [DataAttribute(ai: "99", value: "XYZ+QWERTY")]
        )
        #expect(first.uri == "https://example.com/01/12312312312333/10/ABC%2B123?99=XYZ%2BQWERTY")

        let reordered = try DigitalLink(
            host: "example.com", gtin: GTIN("12312312312333"), lot: "ABC123", serial: "XYZ",
            attributes: [DataAttribute(ai: "99", value: "XYZ")]
        )
        #expect(reordered.uri == "https://example.com/01/12312312312333/10/ABC123/21/XYZ?99=XYZ")

        let toolkit = try DigitalLink(
            host: "id.gs1.org", gtin: GTIN("05412345000013"), lot: "ABC&+123",
            attributes: [DataAttribute(ai: "3103", value: "000189"), DataAttribute(ai: "3923", value: "2172")]
        )
        #expect(toolkit.uri == "https://id.gs1.org/01/05412345000013/10/ABC%26%2B123?3103=000189&3923=2172")

        let epcSerial = try DigitalLink(host: "id.gs1.org", gtin: GTIN("80614141123458"), serial: "6789/&%\"!?()")
        #expect(epcSerial.uri == "https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22%21%3F%28%29")
    }

    @Test func parsesStemPortAndAttributes() throws {
        let link = try DigitalLink(parsing: "http://Localhost:08080/resolver/v1/01/09521234500001/10/L%2F1?17=270630&linkType=gs1:pip&11=260700#top")
        #expect(link.host == "localhost:8080")
        #expect(link.pathStem == "/resolver/v1")
        #expect(link.lot == "L/1")
        #expect(link.attribute("17") == "270630")
        #expect(link.attribute("11") == "260700")
        #expect(link.canonical == "https://localhost:8080/resolver/v1/01/09521234500001/10/L%2F1?17=270630&11=260700")
    }

    @Test func signatureIsLastAndExcludedFromCanonical() throws {
        let plain = try DigitalLink(host: host, gtin: GTIN("9521234500001"), lot: "L1")
        #expect(try plain.withSignature("AbC-_9").uri == plain.canonical + "?s=AbC-_9")

        let withExpiry = try DigitalLink(
            host: host, gtin: GTIN("9521234500001"), lot: "L1",
            attributes: [DataAttribute.expiryDate(CalendarDate(parsing: "2027-06-30"))]
        )
        let signed = try withExpiry.withSignature("AbC")
        #expect(signed.uri == "https://ocop.example.vn/01/09521234500001/10/L1?17=270630&s=AbC")
        #expect(signed.canonical == withExpiry.canonical)
        #expect(signed.unsigned == withExpiry)

        // `s` may stand anywhere in a scanned query; the canonical text is the same.
        let parsed = try DigitalLink(parsing: "https://ocop.example.vn/01/09521234500001/10/L1?s=AbC&17=270630")
        #expect(parsed.signature == "AbC")
        #expect(parsed.uri == signed.uri)
        #expect(failure { try plain.withSignature("a=b") }?.field == "s")
        #expect(failure { try DigitalLink(parsing: plain.canonical + "?s=A&s=B") }?.rule == "appears twice")
    }

    @Test func pathErrorsNameTheRule() {
        func rule(_ uri: String) -> String? { failure { try DigitalLink(parsing: uri) }?.description }
        #expect(rule("https://a/01/09521234500001/21/X/10/L") == "path: /10/ must come before /21/ (order: 22, 10, 21)")
        #expect(rule("https://a/01/09521234500001/10/L/10/M") == "path: /10/ appears twice")
        #expect(rule("https://a/01/9521234500001") == "gtin: has 13 digits; a Digital Link carries all 14 (pad with zeros in front)")
        #expect(rule("https://a/01/09521234500002") == "gtin: check digit is 2, expected 1")
        #expect(rule("https://a/01/09521234500001/10/L/") == "path: must not end with \"/\"")
        #expect(rule("https://a/00/006141411234567890") == "path: key 00 (SSCC) is not a product code this tool reads; expected /01/{gtin14} or /p/{product id}")
        #expect(rule("https://a/brochure.html") == "path: has no product key; expected /01/{gtin14} or /p/{product id}")
        #expect(rule("https://a/p/TV-1/22/V") == "path: /22/ is not used with /p/; only /10/ and /21/ are")
        #expect(rule("https://a/x/p/TV-1/10/L") == "path: has no product key; expected /01/{gtin14} or /p/{product id}")
        #expect(rule("https://a/01/09521234500001/10/AB%07") == "lot: character U+0007 is not allowed; use letters A-Z a-z, digits and !\"%&'()*+,-./:;<=>?_ (GS1 CSET 82)")
        #expect(rule("https://a/01/09521234500001/21/" + String(repeating: "9", count: 21)) == "serial: has 21 characters; at most 20 are allowed")
    }

    @Test func schemeHostAndQueryErrors() {
        func rule(_ uri: String) -> String? { failure { try DigitalLink(parsing: uri) }?.description }
        #expect(rule("ftp://a/01/09521234500001") == "scheme: \"ftp\" is not allowed; a Digital Link uses https (or http)")
        #expect(rule("HtTpS://a/01/09521234500001") == "scheme: \"HtTpS\" mixes upper and lower case; write https")
        #expect(rule("HTTPS://A/01/09521234500001") == nil)
        #expect(rule("09521234500001") == "uri: must start with https:// (a GS1 Digital Link)")
        #expect(rule("https://user@a/01/09521234500001") == "host: must not carry a user name (\"@\")")
        #expect(rule("https://a:99999/01/09521234500001") == "host: port \"99999\" is not a number 0-65535")
        #expect(rule("https://a b/01/09521234500001") == "uri: character space (U+0020) cannot appear in a URI")
        #expect(rule("https://a/01/09521234500001/10/L?10=L") == "query: AI 10 is already in the path; it must not repeat in the query")
        #expect(rule("https://a/01/09521234500001?21=S") == "query: AI 21 is a path qualifier; write it as /21/… in the path")
        #expect(rule("https://a/01/09521234500001?17=271232") == "AI 17: 2027-12 has no day 32; it has 31 days")
        #expect(rule("https://a/01/09521234500001?17=270200") == nil)  // day 00: last day of the month
        #expect(rule("https://a/01/09521234500001?17=270631&17=270630") == "AI 17: 2027-06 has no day 31; it has 30 days")
        #expect(rule("https://a/01/09521234500001?17=270630&17=270630") == "query: AI 17 appears twice")
        #expect(rule("https://a/01/09521234500001?8008=2607011230")?.hasPrefix("query: 8008 is not a GS1 application identifier this tool accepts") == true)
        #expect(rule("https://a/01/09521234500001?3106=000100")?.hasPrefix("query: 3106 is not") == true)
        #expect(rule("https://a/01/09521234500001?3102=12345") == "AI 3102: has 5 digits; expected 6")
        #expect(rule("https://a/01/09521234500001?7007=260701260705") == nil)
        #expect(rule("https://a/01/09521234500001?7006=260700") == "AI 7006: day 00 is not allowed here; give the exact day")
    }

    @Test func builderValidatesHostStemAndDuplicates() throws {
        let gtin = try GTIN("9521234500001")
        #expect(failure { try DigitalLink(host: "", gtin: gtin) }?.description == "host: is missing")
        #expect(failure { try DigitalLink(host: "ocop_vn", gtin: gtin) }?.field == "host")
        #expect(try DigitalLink(host: "[2001:DB8::1]:443", gtin: gtin).host == "[2001:db8::1]:443")
        #expect(try DigitalLink(host: host, gtin: gtin, pathStem: "/ocop").uri == "https://ocop.example.vn/ocop/01/09521234500001")
        #expect(failure { try DigitalLink(host: host, gtin: gtin, pathStem: "ocop/") }?.field == "path stem")
        let expiry = try DataAttribute(ai: "17", value: "270630")
        #expect(failure { try DigitalLink(host: host, gtin: gtin, attributes: [expiry, expiry]) }?.rule == "AI 17 appears twice")
        #expect(failure { try DataAttribute(ai: "10", value: "L1") }?.field == "query")
    }

    @Test func roundTripOfRandomCodes() throws {
        var generator = SeededGenerator(seed: 11)
        let gtin = try GTIN("9528400000013")
        for index in 0..<200 {
            let key: DigitalLink.Key = index.isMultiple(of: 2) ? .gtin(gtin) : .productID(try ProductID("TV-\(index)"))
            let link = try DigitalLink.unit(host: host, key: key, lot: "LOT\(index)", serial: Serial(using: &generator))
            let parsed = try DigitalLink(parsing: link.uri)
            #expect(parsed == link)
            #expect(parsed.uri == link.uri)
        }
    }
}
