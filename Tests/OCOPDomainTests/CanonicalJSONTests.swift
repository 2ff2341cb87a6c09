import OCOPDomain
import TestSupport
import Testing

@Suite struct CanonicalJSONTests {
    @Test func keysSortedByUTF8BytesNoWhitespace() {
        let value: CanonicalJSON = [
            "z": 1, "a": [true, false, nil], "B": "x", "é": 2, "aa": ["k": -5], "": 0,
        ]
        // "B" (0x42) < "a" (0x61) < "aa" < "z" < "é" (0xC3 0xA9); the empty key first.
        #expect(value.canonicalText == "{\"\":0,\"B\":\"x\",\"a\":[true,false,null],\"aa\":{\"k\":-5},\"z\":1,\"é\":2}")
    }

    @Test func stringsEscapeOnlyWhatJSONRequires() {
        let value = CanonicalJSON.string("q\"b\\s/\u{1}\n\t\u{1F}\u{7F}Trà Vinh ★ 😀")
        #expect(value.canonicalText == "\"q\\\"b\\\\s/\\u0001\\u000a\\u0009\\u001f\u{7F}Trà Vinh ★ 😀\"")
    }

    @Test func integersOnly() {
        #expect(CanonicalJSON.int(.max).canonicalText == "9223372036854775807")
        #expect(CanonicalJSON.int(.min).canonicalText == "-9223372036854775808")
        #expect(CanonicalJSON.int(0).canonicalText == "0")
    }

    @Test func parseThenSerializeIsIdenticalForCanonicalText() throws {
        let samples = [
            "null", "true", "[]", "{}", "\"\"", "-1", "[1,[2,[3,{}]]]",
            "{\"bizStep\":\"shipping\",\"disposition\":\"in_transit\",\"epc\":\"https://ocop.example.vn/01/09521234500001/10/L1\",\"n\":3}",
            "{\"a\\u0000b\":\"\\u001f\",\"name\":\"Kẹo dừa Đại Phước\",\"q\":\"\\\"\\\\\"}",
        ]
        for sample in samples {
            let value = try CanonicalJSON(parsingCanonical: sample)
            #expect(value.canonicalText == sample)
            #expect(value.canonicalBytes == Array(sample.utf8))
        }
    }

    @Test func nonCanonicalInputParsesButIsNotCanonical() throws {
        let loose = "{ \"b\" : 1 ,\n \"a\" : \"\\u00e9\\/\\n\" }"
        let value = try CanonicalJSON(parsing: loose)
        #expect(value.canonicalText == "{\"a\":\"é/\\u000a\",\"b\":1}")
        #expect(failure { try CanonicalJSON(parsingCanonical: loose) }?.rule.hasPrefix("is not in canonical form") == true)
        #expect(try CanonicalJSON(parsingCanonical: value.canonicalText) == value)
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try CanonicalJSON(parsing: "\"\\ud83d\\ude00\"") == .string("😀"))
        #expect(failure { try CanonicalJSON(parsing: "\"\\ud83d\"") }?.rule.hasPrefix("high surrogate") == true)
        #expect(failure { try CanonicalJSON(parsing: "\"\\ude00\"") }?.rule.hasPrefix("lone low surrogate") == true)
    }

    @Test(arguments: [
        "", "1.5", "1e3", "-0", "01", "+1", "9223372036854775808", "[1,]", "{\"a\":1,}", "{\"a\":1,\"a\":2}",
        "{a:1}", "'x'", "\"tab\there\"", "\"\\x\"", "[1] 2", "nul", "[", "{\"a\"}", "NaN", "\"unterminated",
    ])
    func strictParserRejects(text: String) {
        #expect(failure { try CanonicalJSON(parsing: text) }?.field == "json", "accepted \(text)")
    }

    @Test func rejectsInvalidUTF8AndDeepNesting() {
        #expect(failure { try CanonicalJSON(parsingBytes: [0x22, 0xC3, 0x28, 0x22]) }?.rule == "is not valid UTF-8")
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(failure { try CanonicalJSON(parsing: deep) }?.rule.hasPrefix("nesting deeper than") == true)
    }

    /// Random documents: serializing, parsing and serializing again gives the same bytes.
    @Test func randomRoundTripsAreDeterministic() throws {
        var generator = SeededGenerator(seed: 8785)
        func randomString() -> String {
            let pool: [Character] = ["a", "Z", "\"", "\\", "\n", "\u{0}", "é", "ấ", "★", "😀", " ", "/", "\u{7F}"]
            return String((0..<Int.random(in: 0...6, using: &generator)).map { _ in pool.randomElement(using: &generator)! })
        }
        func randomValue(depth: Int) -> CanonicalJSON {
            switch Int.random(in: 0...(depth > 3 ? 3 : 5), using: &generator) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &generator))
            case 2: return .int(Int64.random(in: .min ... .max, using: &generator))
            case 3: return .string(randomString())
            case 4: return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in randomValue(depth: depth + 1) })
            default:
                var members: [String: CanonicalJSON] = [:]
                for _ in 0..<Int.random(in: 0...4, using: &generator) { members[randomString()] = randomValue(depth: depth + 1) }
                return .object(members)
            }
        }
        for _ in 0..<300 {
            let value = randomValue(depth: 0)
            let text = value.canonicalText
            let reparsed = try CanonicalJSON(parsingCanonical: text)
            #expect(reparsed == value)
            #expect(reparsed.canonicalBytes == value.canonicalBytes)
        }
    }

    @Test func accessors() throws {
        let value = try CanonicalJSON(parsing: "{\"n\":3,\"s\":\"x\",\"b\":true,\"a\":[1]}")
        #expect(value["n"]?.intValue == 3)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["missing"] == nil)
        #expect(value.objectValue?.count == 4)
    }
}
