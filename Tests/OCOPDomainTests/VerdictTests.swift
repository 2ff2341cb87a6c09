import OCOPDomain
import Testing

@Suite struct VerdictTests {
    @Test func exitCodes() {
        let codes = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0.rawValue, $0.exitCode) })
        #expect(codes == [
            "GENUINE": 0, "GENUINE_SIGNATURE": 0, "GENUINE_LISTED": 0, "FORGED": 10, "UNKNOWN": 11, "RECALLED": 12,
            "ALREADY_SOLD": 13, "RATING_LAPSED": 14, "TAMPERED": 15, "MISTYPED": 16, "PIN_REUSED": 17,
        ])
        // Apart from the three "genuine" outcomes, every verdict has its own code.
        let failures = Verdict.allCases.filter { $0.exitCode != 0 }.map(\.exitCode)
        #expect(Set(failures).count == failures.count)
    }

    @Test func bilingualOneLineTexts() {
        #expect(Verdict.genuine.line == "CHÍNH HÃNG / GENUINE")
        #expect(Verdict.forged.line == "GIẢ MẠO — chữ ký không hợp lệ / FORGED — signature does not match")
        for verdict in Verdict.allCases {
            #expect(!verdict.line.contains("\n"))
            #expect(verdict.line.contains(" / "))
            #expect(!verdict.vietnamese.isEmpty && !verdict.english.isEmpty)
        }
        #expect(Set(Verdict.allCases.map(\.line)).count == Verdict.allCases.count)
    }
}
