import OCOPDomain
import OCOPStore

/// The one verification every entry point calls (`verify`, the resolver's pages and `/verify`):
/// reads the code, checks its signature, gathers the unit's facts from the hash-checked log and
/// lets `VerdictRules` decide. Nothing here decides on a derived table alone.
public struct VerifyCode: Sendable {
    let store: (any TraceStore)?
    /// Keys given by the caller (`--pubkey`); nil: the store's, re-read from its log on every
    /// check, so a running resolver sees a rotation at once.
    let fixedKeys: KeyRing?

    /// Checks against the store's own keys and records.
    public init(store: any TraceStore) {
        self.store = store
        fixedKeys = nil
    }

    /// Checks signatures against `publicKeys`; records only when a store is given.
    public init(publicKeys: [[UInt8]], store: (any TraceStore)?) throws(StoreError) {
        self.store = store
        fixedKeys = try KeyRing(publicKeys: publicKeys)
    }

    public func callAsFunction(_ text: String, on day: CalendarDate) throws(StoreError) -> VerificationReport {
        try callAsFunction(CodeInput(text: text), on: day)
    }

    public func callAsFunction(_ input: CodeInput, on day: CalendarDate) throws(StoreError) -> VerificationReport {
        var report = VerificationReport()
        report.input = input.text
        var evidence: VerdictEvidence
        let unit: UnitRecord?
        switch input {
        case let .mistyped(text, error):
            report.input = text
            return report.decided(VerdictRules.judge(VerdictEvidence(reading: .mistyped(reason: error.description)), on: day))
        case let .malformed(text, error):
            report.input = text
            return report.decided(VerdictRules.judge(VerdictEvidence(reading: .malformed(reason: error.description)), on: day))
        case let .link(link):
            report.lot = link.lot
            report.serial = link.serial
            let keys: KeyRing
            if let fixedKeys { keys = fixedKeys } else { keys = try KeyRing.of(try requireStore()) }
            evidence = VerdictEvidence(reading: .link(keys.check(link), namesUnit: link.level == .unit && link.serial != nil),
                                       storeConsulted: store != nil)
            let early = VerdictRules.judge(evidence, on: day)
            guard early.verdict == .unknown, let store, let serial = link.serial else { return report.decided(early) }
            unit = try store.unit(serial: serial)
        case let .shortCode(code):
            guard let store else {
                throw .invalid(DomainError(field: "short code", rule: "is looked up in a store; pass --store, or scan the QR for an offline check"))
            }
            evidence = VerdictEvidence(reading: .shortCode)
            unit = try store.unit(shortCode: code.compact)
        }
        guard let store, let unit else { return report.decided(VerdictRules.judge(evidence, on: day)) }

        let proof = try UnitProof.gather(unit, from: store)
        evidence.unitIssued = true
        evidence.tampering = proof.tampering
        var product = proof.facts?.product
        if product == nil { product = try store.product(id: unit.productID) }
        if case let .link(link) = input, let product {
            evidence.matchesProductAndLot = link.key.names(product) && link.lot == (proof.facts?.batch.lot ?? unit.lot)
        }
        if let facts = proof.facts {
            evidence.events = facts.events.map { VerdictEvidence.LoggedEvent(seq: $0.seq, event: $0.event) }
            evidence.ratings = facts.ratings
            evidence.printedRatingSeq = facts.batch.ratingSeq
        }
        let judgement = VerdictRules.judge(evidence, on: day)
        report.serial = unit.serial
        report.lot = proof.facts?.batch.lot ?? unit.lot
        report.shortCode = CodeBook.displayShortCode(unit.shortCode)
        // Facts are shown only when they are the log's and the code is this unit's.
        if judgement.verdict.showsFacts, let facts = proof.facts { report.fill(facts, on: day) }
        return report.decided(judgement)
    }

    private func requireStore() throws(StoreError) -> any TraceStore {
        guard let store else { throw .key("no public key to check signatures with") }
        return store
    }
}

extension Verdict {
    /// Verdicts after which the unit's facts can be shown: the code is signed, issued and its
    /// records match the log.
    public var showsFacts: Bool {
        switch self {
        case .genuine, .genuineSignature, .recalled, .alreadySold, .ratingLapsed: return true
        case .forged, .unknown, .tampered, .mistyped: return false
        }
    }
}
