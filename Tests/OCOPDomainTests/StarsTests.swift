import OCOPDomain
import Testing

@Suite struct StarsTests {
    @Test func floorsAndBands() {
        #expect(Stars.allCases.map(\.scoreFloor) == [50, 70, 90])
        #expect(Stars.three.band == 50...69)
        #expect(Stars.four.band == 70...89)
        #expect(Stars.five.band == 90...100)
    }

    @Test func aScoreAboveTheBandIsAcceptedBelowTheFloorIsNot() throws {
        try Stars.three.validate(score: 72)  // mandatory criteria can hold a product one rank lower
        try Stars.three.validate(score: 50)
        try Stars.four.validate(score: 95)
        try Stars.five.validate(score: 90)
        #expect(failure { try Stars.four.validate(score: 65) }
            == DomainError(field: "score", rule: "65 is below the 4-star floor of 70 (4 stars need 70-89 points or more)"))
        #expect(failure { try Stars.three.validate(score: 49) }?.rule.contains("3-star floor of 50") == true)
        #expect(failure { try Stars.five.validate(score: 89) }?.rule.contains("5-star floor of 90") == true)
        #expect(failure { try Stars.five.validate(score: 101) }?.rule == "101 is outside 0-100")
        #expect(failure { try Stars.three.validate(score: -1) }?.rule == "-1 is outside 0-100")
    }

    @Test func highestRankForScore() {
        #expect(Stars.highestRank(forScore: 49) == nil)
        #expect(Stars.highestRank(forScore: 50) == .three)
        #expect(Stars.highestRank(forScore: 72) == .four)
        #expect(Stars.highestRank(forScore: 100) == .five)
    }

    @Test func parsing() throws {
        #expect(try Stars(parsing: "4") == .four)
        #expect(try Stars(parsing: " 5 ") == .five)
        #expect(failure { try Stars(parsing: "2") }?.description == "stars: 2 stars are not an OCOP certification (only 3 to 5 stars are); use 3, 4 or 5")
        #expect(failure { try Stars(parsing: "6") }?.rule == "6 is not an OCOP rank; use 3, 4 or 5")
        #expect(failure { try Stars(parsing: "ba") }?.field == "stars")
    }

    @Test func names() {
        #expect(Stars.four.vietnameseName == "4 sao")
        #expect(Stars.three.symbols == "★★★")
        #expect(Stars.five.recognisedBy.contains("OCOP quốc gia"))
        #expect(Stars.three < Stars.five)
    }
}
