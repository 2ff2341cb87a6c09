import Foundation
import OCOPDomain
import OCOPStore

/// The one verification every entry point calls (`verify`, the resolver's pages and `/verify`):
/// reads the code, checks its signature (a compact code has none: `CodeKind.compact`), gathers
/// the unit's facts from the hash-checked log and lets `VerdictRules` decide. Nothing here
/// decides on a derived table alone.
public struct VerifyCode: Sendable {
    let store: (any TraceStore)?
    /// Keys given by the caller (`--pubkey`); nil: the store's, from its log.
    let fixedKeys: KeyRing?
    /// Offline, the issuer's signed serial list (`--serials`): what compact codes are checked against.
    let serials: SerialList?
    /// The store's keys as last read. Keys are only ever added to the log, so a cached key stays
    /// valid; a signature no cached key accepts re-reads them (a rotation made while serving).
    let storeKeys = KeyCache()

    /// Checks against the store's own keys and records.
    public init(store: any TraceStore) {
        self.store = store
        fixedKeys = nil
        serials = nil
    }

    /// Checks signatures against `publicKeys`; records only when a store is given.
    public init(publicKeys: [[UInt8]], store: (any TraceStore)?) throws(StoreError) {
        self.store = store
        fixedKeys = try KeyRing(publicKeys: publicKeys)
        serials = nil
    }

    /// Offline, without a store: compact codes against the issuer's signed serial list, signed
    /// codes against the keys it carries. With `publicKeys` (the issuer's, obtained separately)
    /// the list must be signed by one of them; without, the list is trusted as the file the shop
    /// fetched from its issuer, as a checkpoint is.
    public init(serialList: SerialList, publicKeys: [[UInt8]]? = nil) throws(StoreError) {
        guard serialList.isSelfConsistent else { throw .key("the serial list's signature does not verify (the file was edited)") }
        if let publicKeys, !serialList.isSigned(byOneOf: publicKeys) {
            throw .key("the serial list is signed by key \(serialList.keyID), which is none of the given public keys")
        }
        store = nil
        serials = serialList
        let keys = publicKeys ?? serialList.storeKeys.compactMap { try? Base64URL.decode($0) }
        fixedKeys = try KeyRing(publicKeys: keys)
    }

    /// The signature check: the given keys, or the store's (cached, re-read on a miss).
    private func signature(_ link: DigitalLink) throws(StoreError) -> SignatureCheck {
        if let fixedKeys { return fixedKeys.check(link) }
        let store = try requireStore()
        if let cached = storeKeys.ring {
            let result = cached.check(link)
            if result == .valid { return result }
        }
        let fresh = try KeyRing.of(store)
        storeKeys.ring = fresh
        return fresh.check(link)
    }

    public func callAsFunction(_ text: String, on day: CalendarDate) throws(StoreError) -> VerificationReport {
        try callAsFunction(CodeInput(text: text), on: day)
    }

    public func callAsFunction(_ input: CodeInput, on day: CalendarDate) throws(StoreError) -> VerificationReport {
        switch try prepare(input, on: day) {
        case let .decided(report): return report
        case let .needsRecords(pending):
            guard let store else { throw .key("no store to read the unit from") }
            return finish(pending, records: try store.unitRecords(pending.key), on: day)
        }
    }

    /// A verdict reached before any unit is read, or what is needed to finish it.
    public enum Preparation: Sendable {
        case decided(VerificationReport)
        case needsRecords(Pending)
    }

    /// A check that has read the code (and its signature) and waits for the unit's records.
    public struct Pending: Sendable {
        public let key: UnitKey
        /// The scanned link, whose product and lot must be the unit's.
        let link: DigitalLink?
        let report: VerificationReport
        let evidence: VerdictEvidence
    }

    /// A check of the unit with this serial as the store holds it (the write API's unit
    /// answers): no code to read, so nothing is judged from a signature.
    public func pending(serial: String) -> Pending {
        var report = VerificationReport()
        report.input = serial
        report.serial = serial
        return Pending(key: .serial(serial), link: nil, report: report, evidence: VerdictEvidence(reading: .shortCode))
    }

    /// The first half of a check: reads the code and its signature; no unit is read.
    public func prepare(_ input: CodeInput, on day: CalendarDate) throws(StoreError) -> Preparation {
        var report = VerificationReport()
        report.input = input.text
        report.offline = store == nil
        let evidence: VerdictEvidence
        let key: UnitKey
        switch input {
        case let .mistyped(text, error):
            report.input = text
            return .decided(report.decided(VerdictRules.judge(VerdictEvidence(reading: .mistyped(reason: error.description)), on: day)))
        case let .malformed(text, error):
            report.input = text
            return .decided(report.decided(VerdictRules.judge(VerdictEvidence(reading: .malformed(reason: error.description)), on: day)))
        case let .link(link):
            report.lot = link.lot
            report.serial = link.serial
            if link.signature == nil, link.level == .unit, let serial = link.serial {
                report.codeKind = .compact
                if let problem = CompactCode.problem(link, issuerHost: try issuerHost()) {
                    return .decided(report.decided(VerdictRules.judge(VerdictEvidence(reading: .malformed(reason: problem)), on: day)))
                }
                evidence = VerdictEvidence(reading: .compact, storeConsulted: store != nil)
                guard store != nil else { return .decided(report.decided(try listed(link, serial: serial, evidence, on: day))) }
                key = .serial(serial)
                break
            }
            report.codeKind = link.signature == nil ? nil : .signed
            evidence = VerdictEvidence(reading: .link(try signature(link), namesUnit: link.level == .unit && link.serial != nil),
                                       storeConsulted: store != nil)
            let early = VerdictRules.judge(evidence, on: day)
            guard early.verdict == .unknown, store != nil, let serial = link.serial else { return .decided(report.decided(early)) }
            key = .serial(serial)
        case let .shortCode(code):
            report.codeKind = .shortCode
            guard store != nil else {
                throw .invalid(DomainError(field: "short code", rule: "is looked up in a store; pass --store, or scan the QR for an offline check"))
            }
            evidence = VerdictEvidence(reading: .shortCode)
            key = .shortCode(code.compact)
        }
        var link: DigitalLink?
        if case let .link(scanned) = input { link = scanned }
        return .needsRecords(Pending(key: key, link: link, report: report, evidence: evidence))
    }

    /// The second half: the verdict from the unit's records (read by the caller, perhaps inside
    /// a write transaction). Pure: no store, no clock beyond `day`. `pin`: what a scratch-off
    /// PIN given with the code showed (`CheckPin`).
    public func finish(_ pending: Pending, records: UnitRecords?, on day: CalendarDate, pin: PinOutcome? = nil) -> VerificationReport {
        var report = pending.report, evidence = pending.evidence
        evidence.pin = pin
        report.pin = pin
        guard let records else { return report.decided(VerdictRules.judge(evidence, on: day)) }
        let unit = records.unit
        let proof = UnitProof.of(records)
        evidence.unitIssued = true
        evidence.tampering = proof.tampering
        if let link = pending.link, let product = proof.facts?.product ?? records.product {
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

    /// The resolver host the issuer's codes name: the store's, or offline the serial list's.
    private func issuerHost() throws(StoreError) -> String {
        if let store { return store.settings.resolver }
        if let serials { return serials.resolver }
        throw .invalid(DomainError(
            field: "code",
            rule: "is a compact code (no signature), checked against the issuer's log: pass --store, or --serials FILE "
                + "(a signed serial list from `ocop-trace batch serials`) to check it offline"))
    }

    /// Offline: a compact code against the signed serial list of its batch.
    private func listed(_ link: DigitalLink, serial: String, _ evidence: VerdictEvidence,
                        on day: CalendarDate) throws(StoreError) -> Judgement {
        guard let serials, let lot = link.lot else { return VerdictRules.judge(evidence, on: day) }
        guard let batch = serials.batch(key: link.key, lot: lot) else {
            let key = link.gtin.map { "GTIN \($0.gtin14)" } ?? "product \(link.productID?.text ?? "")"
            throw .invalid(DomainError(field: "serials", rule: "the list (read at log seq \(serials.checkpoint.seq)) has no batch \(lot) "
                                           + "of \(key), so it cannot check this code: export a list that covers it, or check online"))
        }
        var found = evidence
        found.unitIssued = batch.serials.contains(serial)
        return VerdictRules.judge(found, on: day)
    }

    private func requireStore() throws(StoreError) -> any TraceStore {
        guard let store else { throw .key("no public key to check signatures with") }
        return store
    }
}

/// The store's signing keys as last read, shared by the threads of one `VerifyCode`.
final class KeyCache: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: KeyRing?
    var ring: KeyRing? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

extension Verdict {
    /// Verdicts after which the unit's facts can be shown: the code is signed, issued and its
    /// records match the log.
    public var showsFacts: Bool {
        switch self {
        case .genuine, .genuineSignature, .genuineListed, .recalled, .alreadySold, .ratingLapsed, .pinReused: return true
        case .forged, .unknown, .tampered, .mistyped: return false
        }
    }
}
