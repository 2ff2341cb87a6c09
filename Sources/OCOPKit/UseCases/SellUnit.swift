import Foundation
import OCOPDomain
import OCOPStore

/// Records a retail sale of one unit, verdict first: the code is verified, and the sale is
/// written only if the unit may be sold, checked again inside the write transaction so that
/// two tills selling the same unit at once cannot both succeed.
public struct SellUnit: Sendable {
    let store: any TraceStore
    let verify: VerifyCode

    /// A unit may be sold when it is genuine; a lapsed star rating does not stop a sale (the
    /// product is still the producer's), it only means the stamp on it is out of date.
    public static let sellable: Set<Verdict> = [.genuine, .ratingLapsed]

    public enum Outcome: Sendable {
        /// Written at `entry`; `report` is the verdict the unit had when it was sold.
        case sold(entry: LogEntry, report: VerificationReport)
        /// Nothing written: the unit is sold already, recalled, forged, unknown, …
        case refused(VerificationReport)
    }

    public init(store: any TraceStore, verify: VerifyCode? = nil) {
        self.store = store
        self.verify = verify ?? VerifyCode(store: store)
    }

    /// A unit found sellable by a first check, to be recorded by `record`.
    public struct Draft: Sendable {
        let pending: VerifyCode.Pending
        let before: VerificationReport
        let event: ChainEvent
    }

    public enum Check: Sendable {
        case sellable(Draft)
        case refused(VerificationReport)
    }

    /// The first check, a read only (any connection may run it): refuses what is plainly not for
    /// sale without taking the writer lock.
    public func check(_ code: String, at time: EventTime, location: String?, note: String? = nil,
                      on day: CalendarDate) throws(StoreError) -> Check {
        let pending: VerifyCode.Pending
        switch try verify.prepare(CodeInput(text: code), on: day) {
        case let .decided(report): return .refused(report)
        case let .needsRecords(found): pending = found
        }
        let before = verify.finish(pending, records: try store.unitRecords(pending.key), on: day)
        guard Self.sellable.contains(before.verdict), let serial = before.serial, let productID = before.product?.id,
              let lot = before.lot else { return .refused(before) }
        do {
            let event = try ChainEvent(productID: productID, lot: lot, serial: serial, step: .retailSelling,
                                       disposition: .retailSold, at: time, location: location, note: note)
            return .sellable(Draft(pending: pending, before: before, event: event))
        } catch {
            throw .invalid(error)
        }
    }

    /// The write: the verdict judged again on the records inside the write transaction.
    public func record(_ draft: Draft, actor: LogAuthor, on day: CalendarDate) throws(StoreError) -> Outcome {
        let decided = ReportBox()
        do {
            let entry = try store.addChainEvent(draft.event, actor: actor) { records in
                let now = verify.finish(draft.pending, records: records, on: day)
                decided.report = now
                return Self.sellable.contains(now.verdict) ? nil : "the unit is \(now.verdict.rawValue)"
            }
            return .sold(entry: entry, report: decided.report ?? draft.before)
        } catch .conflict {
            return .refused(decided.report ?? draft.before)
        }
    }
}

/// The verdict reached inside the write transaction, carried out of its closure.
private final class ReportBox: @unchecked Sendable {
    var report: VerificationReport?
}
