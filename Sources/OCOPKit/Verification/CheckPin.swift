import Crypto
import Foundation
import OCOPDomain
import OCOPStore

/// A code checked with its scratch-off PIN (`verify --pin`, the resolver's "Nhập mã PIN" form):
/// the code's verdict, then the PIN against the hash its `pins_issued` entry holds; the first
/// correct PIN is logged as a signed `pin_claimed` entry, a later one is `PIN_REUSED` with the
/// time of the first. Whether a PIN was claimed is read from the log's own entries.
public struct CheckPin: Sendable {
    let store: any TraceStore
    let verify: VerifyCode

    public init(store: any TraceStore, verify: VerifyCode) {
        self.store = store
        self.verify = verify
    }

    /// - Parameters:
    ///   - client: who checks, as logged with a claim: the salted hash of the resolver's client,
    ///     or `cli` for the command line.
    ///   - actor: signs a claim (the store key, as for scans).
    public func callAsFunction(_ input: CodeInput, pin: ScratchPin, client: String, actor: LogAuthor,
                               on day: CalendarDate) throws(StoreError) -> VerificationReport {
        let pending: VerifyCode.Pending
        switch try verify.prepare(input, on: day) {
        case let .decided(report): return report
        case let .needsRecords(waiting): pending = waiting
        }
        // A store that never issued PINs has no pepper; its absence matters only for a unit
        // whose log holds a PIN hash (then it is reported, never read as "no PIN").
        var pepper: SymmetricKey?, pepperFailure: StoreError?
        do { pepper = try store.pinPepper(create: false) } catch { pepperFailure = error }
        var outcome: PinOutcome?
        let (records, logged) = try store.checkPin(pending.key, actor: actor) { records in
            let code = verify.finish(pending, records: records, on: day)
            // Only a unit whose record holds together has a PIN worth checking.
            guard let records, code.facts != nil else { return nil }
            guard let hash = records.log.pin?.value else {
                outcome = .notIssued
                return nil
            }
            guard let pepper else { return nil }
            guard pin.matches(hash, serial: records.unit.serial, pepper: pepper) else {
                outcome = .wrong
                return nil
            }
            guard let facts = code.facts else { return nil }
            let claim = PinClaim(product: facts.product.id, lot: facts.batch.lot, serial: records.unit.serial, client: client)
            guard let first = records.log.pinClaims.first else {
                outcome = .firstClaim(at: "")
                return claim
            }
            outcome = .reused(firstClaimedAt: first.entry.time)
            // A reuse from a client not seen before is logged too (`scans report` counts it);
            // the same client checking again adds nothing.
            return records.log.pinClaims.contains { $0.value.client == client } ? nil : claim
        }
        if outcome == nil, records?.log.pin != nil, let pepperFailure { throw pepperFailure }
        if case .firstClaim = outcome, let logged { outcome = .firstClaim(at: logged.time) }
        return verify.finish(pending, records: records, on: day, pin: outcome)
    }
}
