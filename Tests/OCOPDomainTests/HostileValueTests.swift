import Foundation
import OCOPDomain
import Testing

/// Values built to look like something else or to break arithmetic: each is a DomainError
/// naming the field, never a crash.
@Suite struct HostileValueTests {
    @Test(arguments: ["\u{202E}", "\u{202A}", "\u{2066}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{00AD}", "\u{2028}"])
    func invisibleFormattingIsRefusedInNames(_ hidden: String) {
        #expect(throws: DomainError.self) { try DomainText.validated("Kẹo\(hidden)dừa", field: "product name", maxLength: 200) }
        do {
            _ = try DomainText.validated("Kẹo\(hidden)dừa", field: "product name", maxLength: 200)
        } catch {
            #expect(error.field == "product name" && error.rule.hasPrefix("invisible formatting character U+"), "\(error)")
        }
        // Plain Vietnamese, with its combining marks composed or not, passes.
        #expect(throws: Never.self) { try DomainText.validated("Ke\u{0323}\u{0302}o dừa Đại Phước", field: "product name", maxLength: 200) }
    }

    @Test(arguments: [".", "..", ".hidden", "-dash", "_under"])
    func idsStartWithALetterOrDigit(_ id: String) {
        #expect(throws: DomainError(field: "product id", rule: "'\(id)' must start with a letter or digit")) {
            try DomainText.identifier(id, field: "product id")
        }
        #expect(throws: DomainError.self) { try ProductID(id) }
    }

    @Test(arguments: ["clerk\nforged", "clerk\u{1B}[31m", "clerk\u{7}", "clerk\u{85}", "clerk\u{202E}", "", "   "])
    func actorsArePlainText(_ actor: String) {
        #expect(throws: DomainError.self) { try DomainText.actor(actor) }
        #expect(throws: Never.self) { try DomainText.actor("nguyễn.văn.a") }
    }

    @Test func datesOutsideTheCenturyAreRefusedBeforeAnyArithmetic() throws {
        let far = try CalendarDate(parsing: "9997-06-01")
        let decision = try DecisionNumber("7/QĐ-UBND")
        #expect(throws: DomainError(field: "decision date", rule: "9997-06-01 is outside 2000-01-01…2099-12-31")) {
            try Rating(stars: Stars(count: 4), score: 75, decisionNumber: decision, decisionDate: far)
        }
        #expect(throws: DomainError(field: "produced", rule: "9999-12-31 is outside 2000-01-01…2099-12-31")) {
            try Batch(productID: "TV-0002", lot: "L1", units: 3, produced: CalendarDate(parsing: "9999-12-31"))
        }
        // The last plausible decision still gets its 36 months.
        let last = try Rating(stars: Stars(count: 4), score: 75, decisionNumber: decision, decisionDate: CalendarDate(parsing: "2099-12-31"))
        #expect(last.validUntil.iso8601 == "2102-12-31")
    }

    @Test func anAllZeroGTINIsNoGTIN() {
        for zeros in ["00000000", "000000000000", "0000000000000", "00000000000000"] {
            #expect(throws: DomainError(field: "gtin", rule: "\(zeros) is all zeros, which GS1 never allocates to an item")) { try GTIN(zeros) }
        }
    }
}
