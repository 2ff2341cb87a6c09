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

    public func callAsFunction(_ code: String, at time: EventTime, location: String?, note: String? = nil,
                               actor: LogAuthor, on day: CalendarDate) throws(StoreError) -> Outcome {
        let pending: VerifyCode.Pending
        switch try verify.prepare(CodeInput(text: code), on: day) {
        case let .decided(report): return .refused(report)
        case let .needsRecords(found): pending = found
        }
        let before = verify.finish(pending, records: try store.unitRecords(pending.key), on: day)
        guard Self.sellable.contains(before.verdict), let serial = before.serial, let productID = before.product?.id,
              let lot = before.lot else { return .refused(before) }
        let event: ChainEvent
        do {
            event = try ChainEvent(productID: productID, lot: lot, serial: serial, step: .retailSelling,
                                   disposition: .retailSold, at: time, location: location, note: note)
        } catch {
            throw .invalid(error)
        }
        let decided = ReportBox()
        do {
            let entry = try store.addChainEvent(event, actor: actor) { records in
                let now = verify.finish(pending, records: records, on: day)
                decided.report = now
                return Self.sellable.contains(now.verdict) ? nil : "the unit is \(now.verdict.rawValue)"
            }
            return .sold(entry: entry, report: decided.report ?? before)
        } catch .conflict {
            return .refused(decided.report ?? before)
        }
    }
}

/// The verdict reached inside the write transaction, carried out of its closure.
private final class ReportBox: @unchecked Sendable {
    var report: VerificationReport?
}
