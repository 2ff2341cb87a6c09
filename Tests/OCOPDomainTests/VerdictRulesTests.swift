import OCOPDomain
import Testing

/// The verdict order as a pure function: the same evidence always gets the same verdict.
@Suite struct VerdictRulesTests {
    let day = try! CalendarDate(parsing: "2026-11-20")

    func event(_ seq: Int64, step: BusinessStep, disposition: Disposition? = nil, serial: String? = nil,
               lifts: Bool = false) throws -> VerdictEvidence.LoggedEvent {
        .init(seq: seq, event: try ChainEvent(productID: "TV-0002", lot: "K-1", serial: serial, step: step, disposition: disposition,
                                             at: EventTime(parsing: "2026-11-1\(seq % 10)T08:00:00+07:00", now: .init()),
                                             note: lifts ? "kiểm nghiệm đạt" : nil, liftsRecall: lifts))
    }

    func rating(_ seq: Int64, stars: Int?, until: String?) throws -> RatingRecord {
        RatingRecord(seq: seq, productID: "TV-0002", action: stars == nil ? .withdraw : .rate, stars: stars, score: stars.map { _ in 80 },
                     decisionNumber: "\(seq)/QĐ-UBND", decisionDate: try CalendarDate(parsing: "2026-10-15"),
                     validUntil: try until.map { text throws(DomainError) in try CalendarDate(parsing: text) }, reason: nil)
    }

    func issued(events: [VerdictEvidence.LoggedEvent] = [], ratings: [RatingRecord] = [], printed: Int64? = nil,
                tampering: String? = nil) -> VerdictEvidence {
        VerdictEvidence(reading: .link(.valid, namesUnit: true), unitIssued: true, tampering: tampering, events: events,
                        ratings: ratings, printedRatingSeq: printed)
    }

    @Test func precedenceFollowsTheDocumentedOrder() throws {
        // Everything at once: the first rule in the order wins, step by step.
        let recall = try event(1, step: .holding, disposition: .recalled)
        let sale = try event(2, step: .retailSelling, serial: "S")
        let withdrawn = [try rating(1, stars: 4, until: "2029-10-15"), try rating(2, stars: nil, until: nil)]
        var evidence = issued(events: [recall, sale], ratings: withdrawn, printed: 1, tampering: "log entry 9 fails its hash check")
        #expect(VerdictRules.judge(evidence, on: day).verdict == .tampered)
        evidence.tampering = nil
        #expect(VerdictRules.judge(evidence, on: day).verdict == .recalled)
        evidence.events = [sale]
        #expect(VerdictRules.judge(evidence, on: day).verdict == .alreadySold)
        evidence.events = []
        #expect(VerdictRules.judge(evidence, on: day).verdict == .ratingLapsed)
        evidence.ratings = [withdrawn[0]]
        #expect(VerdictRules.judge(evidence, on: day).verdict == .genuine)
        evidence.matchesProductAndLot = false
        #expect(VerdictRules.judge(evidence, on: day).verdict == .unknown)
        evidence.reading = .link(.mismatch, namesUnit: true)
        #expect(VerdictRules.judge(evidence, on: day).verdict == .forged)
        evidence.reading = .mistyped(reason: "check character")
        #expect(VerdictRules.judge(evidence, on: day).verdict == .mistyped)
        #expect(VerdictRules.precedence.first == .mistyped && VerdictRules.precedence.last == .genuine)
        #expect(Set(VerdictRules.precedence) == Set(Verdict.allCases))
    }

    @Test func onlyALiftEndsARecall() throws {
        let recall = try event(1, step: .holding, disposition: .recalled)
        let shipped = try event(2, step: .shipping, disposition: .inTransit)
        let stocked = try event(3, step: .stocking, disposition: .sellableAccessible)
        #expect(VerdictRules.judge(issued(events: [recall, shipped, stocked]), on: day).verdict == .recalled)
        let lift = try event(4, step: .inspecting, disposition: .sellableAccessible, lifts: true)
        #expect(VerdictRules.judge(issued(events: [recall, shipped, lift]), on: day).verdict == .genuine)
        // Order is the log's: a recall logged after the lift stands again.
        let again = try event(5, step: .holding, disposition: .recalled)
        #expect(VerdictRules.judge(issued(events: [recall, lift, again]), on: day).verdict == .recalled)
        // A unit's own lift flag does not lift a batch recall.
        let unitLift = try event(6, step: .inspecting, disposition: .sellableAccessible, serial: "S", lifts: true)
        #expect(VerdictRules.judge(issued(events: [recall, unitLift]), on: day).verdict == .recalled)
    }

    @Test func offlineCheckStopsAtTheSignature() {
        let offline = VerdictEvidence(reading: .link(.valid, namesUnit: true), storeConsulted: false)
        #expect(VerdictRules.judge(offline, on: day).verdict == .genuineSignature)
        let batchCode = VerdictEvidence(reading: .link(.valid, namesUnit: false))
        #expect(VerdictRules.judge(batchCode, on: day).verdict == .forged)
    }

    @Test func typingSlipsAreMistypedNotForged() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let code = ShortCode(using: &generator).display
            var characters = Array(code)
            let index = [0, 1, 2, 3, 5, 6, 7, 8][Int.random(in: 0..<8)]
            let replacement = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ").first { $0 != characters[index] }!
            characters[index] = replacement
            #expect(ShortCode.looksMistyped(String(characters)), "\(code) → \(String(characters))")
            var swapped = Array(code)
            if swapped[0] != swapped[1] {
                swapped.swapAt(0, 1)
                #expect(ShortCode.looksMistyped(String(swapped)))
            }
            #expect(!ShortCode.looksMistyped(code))
        }
        // Not an attempt at a short code at all: no typo, just not a code.
        #expect(!ShortCode.looksMistyped("hello world, this is text"))
        #expect(!ShortCode.looksMistyped("<script>"))
    }
}
