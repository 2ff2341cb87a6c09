import Foundation
import OCOPDomain
import TestSupport
import Testing

@Suite struct SerialTests {
    @Test func thirteenUpperCaseSymbolsFrom64Bits() throws {
        let serial = Serial(bits: 0x0123_4567_89AB_CDEF)
        #expect(serial.text == "028T5CY4TQKFF")
        #expect(serial.text.count == Serial.length)
        #expect(try Serial(parsing: serial.text) == serial)
        #expect(Serial(bits: 0).text == "0000000000000")
        #expect(Serial(bits: .max).text == "FZZZZZZZZZZZZ")
    }

    @Test func seededGeneratorGivesRepeatableDistinctSerials() throws {
        var first = SeededGenerator(seed: 7)
        var second = SeededGenerator(seed: 7)
        var seen: Set<String> = []
        for _ in 0..<2000 {
            let serial = Serial(using: &first)
            #expect(serial == Serial(using: &second))
            seen.insert(serial.text)
            try GS1Characters.validateSerial(serial.text)  // always a valid AI 21 value
            #expect(try Serial(parsing: serial.text) == serial)
        }
        #expect(seen.count == 2000)
    }

    @Test func parsingIsStrict() {
        #expect(failure { try Serial(parsing: "028T5CY4TQKF") }?.rule == "has 12 characters; this tool's serials have 13")
        #expect(failure { try Serial(parsing: "028t5cy4tqkff") }?.rule.contains("\"t\"") == true)
        #expect(failure { try Serial(parsing: "O28T5CY4TQKFF") }?.field == "serial")  // O is not the canonical zero
        #expect(failure { try Serial(parsing: "0028T5CY4TMYU") } != nil)
        #expect(failure { try Serial(parsing: "G000000000000") }?.rule == "first character must be 0-9 or A-F (64 bits)")
    }

    @Test func codableAsText() throws {
        let data = try JSONEncoder().encode(Serial(bits: 42))
        #expect(String(decoding: data, as: UTF8.self) == "\"000000000001A\"")
        #expect(try JSONDecoder().decode(Serial.self, from: data) == Serial(bits: 42))
    }
}
