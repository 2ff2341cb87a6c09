import Foundation
import OCOPDomain
import Testing

@Suite struct RatingTests {
    /// Literal dates in these tests are known good; a typo in one should stop the run loudly.
    func date(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

    func rating(stars: Stars = .three, score: Int = 72, on decided: String = "2024-08-03", until: String? = nil) throws -> Rating {
        try Rating(
            stars: stars, score: score, decisionNumber: DecisionNumber("1761/QĐ-UBND"),
            decisionDate: date(decided), validUntil: until.map(date)
        )
    }

    @Test func validFor36MonthsByDefault() throws {
        let ok = try rating()
        #expect(ok.validUntil == date("2027-08-03"))
        #expect(try rating(on: "2024-02-29").validUntil == date("2027-02-28"))
    }

    @Test func scoreRulesApply() throws {
        #expect(failure { try rating(stars: .four, score: 65) }?.field == "score")
        #expect(try rating(stars: .three, score: 72).stars == .three)
    }

    @Test func explicitValidityMustFollowTheDecision() throws {
        #expect(try rating(until: "2026-12-31").validUntil == date("2026-12-31"))
        #expect(failure { try rating(until: "2024-08-03") }?.description == "valid until: 2024-08-03 must be after the decision date 2024-08-03")
        #expect(failure { try rating(until: "2024-01-01") }?.field == "valid until")
    }

    @Test func statusOnAGivenDay() throws {
        let rated = try rating()
        #expect(rated.status(on: date("2024-08-02")) == .notYetInForce(from: date("2024-08-03")))
        #expect(rated.status(on: date("2024-08-03")) == .valid(until: date("2027-08-03")))
        #expect(rated.status(on: date("2027-08-03")).allowsStamp)
        #expect(rated.status(on: date("2027-08-04")) == .expired(lastValidDay: date("2027-08-03")))
        #expect(!rated.status(on: date("2027-08-04")).allowsStamp)

        let withdrawal = Withdrawal(decisionNumber: try DecisionNumber("2991/QĐ-UBND"), date: date("2026-10-15"))
        #expect(rated.status(on: date("2026-10-14"), withdrawal: withdrawal).allowsStamp)
        #expect(rated.status(on: date("2026-10-15"), withdrawal: withdrawal) == .withdrawn(withdrawal))
        #expect(rated.status(on: date("2030-01-01"), withdrawal: withdrawal) == .withdrawn(withdrawal))
        #expect(rated.status(on: date("2026-10-15"), withdrawal: withdrawal).vietnameseDescription.contains("thu hồi"))
    }

    /// A 2022 decision has lapsed by the late-2026 re-rating; a 2024 one has not.
    @Test func registerDecisionsLapseAfter36Months() throws {
        let restampDay = date("2026-10-15")
        let old = try rating(on: "2022-01-10")
        #expect(old.status(on: restampDay) == .expired(lastValidDay: date("2025-01-10")))
        #expect(try rating(on: "2024-07-02").status(on: restampDay).allowsStamp)
    }

    @Test func decisionNumbers() throws {
        #expect(try DecisionNumber(" 1234/QĐ-UBND ").text == "1234/QĐ-UBND")
        #expect(failure { try DecisionNumber("  ") }?.field == "decision number")
        #expect(failure { try DecisionNumber("12\u{7}/QĐ") }?.rule == "contains the control character U+0007")
        #expect(failure { try DecisionNumber("12\n34") }?.rule == "contains the control character U+000A")
        #expect(try DecisionNumber(String(repeating: "Đ", count: 64)).text.count == 64)
        #expect(failure { try DecisionNumber(String(repeating: "Đ", count: 65)) }?.rule == "has 65 characters; at most 64 are allowed")
    }

    @Test func codableRoundTripValidates() throws {
        let rated = try rating()
        let data = try JSONEncoder().encode(rated)
        #expect(try JSONDecoder().decode(Rating.self, from: data) == rated)
        let tampered = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"score\":72", with: "\"score\":12")
        #expect(tampered != String(decoding: data, as: UTF8.self))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Rating.self, from: Data(tampered.utf8)) }
    }
}
