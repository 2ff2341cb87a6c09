import Foundation
import OCOPDomain
import OCOPStore

/// Appends chain events, recalls and recall lifts: the one writing path for steps of the
/// value chain, whichever entry point records them.
public struct RecordEvent {
    let store: any TraceStore

    public init(store: any TraceStore) {
        self.store = store
    }

    /// Any chain event (the store checks that its batch and unit exist).
    public func callAsFunction(_ event: ChainEvent, actor: LogAuthor) throws(StoreError) -> LogEntry {
        try store.addChainEvent(event, actor: actor)
    }

    /// An event drafted by an entry point: its location and parties read against the registers
    /// (an unknown id is refused, nothing written), then appended.
    public func callAsFunction(_ draft: EventDraft, for target: ChainTarget, actor: LogAuthor) throws(StoreError) -> LogEntry {
        try store.addChainEvent(try draft.event(for: target, in: store), actor: actor)
    }

    /// Recalls a batch: every unit then verifies as RECALLED until the recall is lifted.
    public func recall(_ target: ChainTarget, reason: String, location: String?, at: EventTime,
                       actor: LogAuthor) throws(StoreError) -> LogEntry {
        let event: ChainEvent
        do {
            event = try ChainEvent(productID: target.productID, lot: target.lot, serial: target.serial, step: .holding,
                                   disposition: .recalled, at: at, location: location, note: reason)
        } catch {
            throw .invalid(error)
        }
        return try store.addChainEvent(event, actor: actor)
    }

    /// Lifts a batch's standing recall on purpose: an inspection found it sellable again.
    /// Refused when the batch is not recalled, so a lift is never logged by mistake.
    public func liftRecall(_ target: ChainTarget, reason: String, location: String?, at: EventTime,
                           actor: LogAuthor) throws(StoreError) -> LogEntry {
        guard target.serial == nil else {
            throw .invalid(DomainError(field: "batch", rule: "a recall is lifted for a whole batch; pass --batch LOT"))
        }
        let events = try store.history(productID: target.productID, lot: target.lot, serial: nil)
        guard VerdictRules.standingRecall(events.map { .init(seq: $0.seq, event: $0.event) }) != nil else {
            throw .invalid(DomainError(field: "batch", rule: "\(target.lot) of \(target.productID) is not recalled; nothing to lift"))
        }
        let event: ChainEvent
        do {
            event = try ChainEvent(productID: target.productID, lot: target.lot, step: .inspecting,
                                   disposition: .sellableAccessible, at: at, location: location, note: reason, liftsRecall: true)
        } catch {
            throw .invalid(error)
        }
        return try store.addChainEvent(event, actor: actor)
    }
}
