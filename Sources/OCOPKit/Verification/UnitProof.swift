import OCOPDomain
import OCOPStore

/// A unit's facts as the log proves them, and whether the derived tables tell the same story.
///
/// The facts come from the log entries themselves (each hash-checked); the derived rows the
/// CLI lists and the resolver's other pages show are compared with them, so an edited,
/// moved or deleted row (a recall, a sale, a withdrawal, a rating's end date) is `TAMPERED`
/// instead of a verdict with false facts.
struct UnitProof {
    /// The first reason the records cannot be trusted, if any.
    let tampering: String?
    /// What the log says; nil when the log itself does not hold together for this unit.
    let facts: UnitFacts?

    static func of(_ records: UnitRecords) -> UnitProof {
        let unit = records.unit, log = records.log
        guard let issuing = log.issuing else {
            return UnitProof(tampering: "log entry \(unit.seq), which the store says issued this unit, is no units_issued entry", facts: nil)
        }
        // `entries` includes the issuing entry: each entry is hashed once.
        if let broken = log.entries.first(where: { !LogHash.verifyRemembering($0) }) {
            return UnitProof(tampering: "log entry \(broken.seq) (\(broken.kind)) fails its hash check", facts: nil)
        }
        if log.successorMissing {
            return UnitProof(tampering: "log entry \(unit.seq + 1), after the entry that issued this unit, is missing from the hash chain", facts: nil)
        }
        if let successor = log.successor, successor.previousHash != issuing.entry.hash {
            return UnitProof(tampering: "log entry \(successor.seq) does not follow entry \(issuing.entry.seq) in the hash chain", facts: nil)
        }
        if let untrusted = log.untrusted.first {
            return UnitProof(tampering: untrusted, facts: nil)
        }
        if let seq = log.unreadable.first {
            return UnitProof(tampering: "log entry \(seq) cannot be read", facts: nil)
        }
        guard issuing.value.issuesUnit else {
            return UnitProof(tampering: "log entry \(unit.seq) does not issue serial \(unit.serial) with short code \(CodeBook.displayShortCode(unit.shortCode))", facts: nil)
        }
        guard let product = log.product else {
            return UnitProof(tampering: "product \(issuing.value.productID) has no product_added entry in the log", facts: nil)
        }
        guard log.batches.count == 1, let batch = log.batches.first else {
            return UnitProof(tampering: "batch \(issuing.value.lot) of \(issuing.value.productID) has \(log.batches.count) batch_issued entries in the log", facts: nil)
        }
        let events = log.events.map { ChainEventRecord(seq: $0.entry.seq, actor: $0.entry.actor, event: $0.value) }
        var facts = UnitFacts(unit: unit, product: product.value, producer: log.producer?.value, batch: batch.value,
                              ratings: log.ratings.map(\.value), events: EventOrder.inTime(events))
        facts.hasPin = log.pin != nil
        return UnitProof(tampering: derivedMismatch(records, facts, issuing.value), facts: facts)
    }

    /// The first derived row that differs from, or is missing for, the log's facts.
    private static func derivedMismatch(_ records: UnitRecords, _ facts: UnitFacts, _ chunk: IssuedChunk) -> String? {
        let unit = records.unit
        if unit.productID != chunk.productID || unit.lot != chunk.lot {
            return "the unit row names product \(unit.productID) lot \(unit.lot); log entry \(unit.seq) issued it for product \(chunk.productID) lot \(chunk.lot)"
        }
        let product = facts.product
        if records.product != product {
            return "the product row of \(product.id) differs from log entry of its product_added"
        }
        if let producer = facts.producer, records.producer != producer {
            return "the producer row of \(producer.id) differs from its producer_added log entry"
        }
        if records.batch != facts.batch {
            return "the batch row of \(facts.batch.lot) differs from log entry \(facts.batch.seq)"
        }
        let ratings = records.ratings
        if ratings != facts.ratings {
            return "the rating rows of \(product.id) differ from the log (\(ratings.count) rows, \(facts.ratings.count) log entries)"
        }
        let history = records.history
        if Set(history.map(\.seq)) != Set(facts.events.map(\.seq)) || history.sorted(by: { $0.seq < $1.seq }) != facts.events.sorted(by: { $0.seq < $1.seq }) {
            return "the chain-event rows of this unit differ from the log (\(history.count) rows, \(facts.events.count) log entries)"
        }
        return nil
    }
}

/// A unit's facts, every one read from a hash-checked log entry.
public struct UnitFacts: Sendable {
    public let unit: UnitRecord
    public let product: Product
    public let producer: Producer?
    public let batch: BatchRecord
    /// Rating decisions, oldest first; the last is in force.
    public let ratings: [RatingRecord]
    /// The unit's and its batch's chain events, in time order.
    public let events: [ChainEventRecord]
    /// The unit was issued with a scratch-off PIN (its hash is in a `pins_issued` entry).
    public var hasPin = false

    /// The rating the batch's stamps show.
    public var printedRating: RatingRecord? { batch.ratingSeq.flatMap { seq in ratings.first { $0.seq == seq } } }
}

/// Chain events in time order; events recorded for the same moment keep log order.
enum EventOrder {
    static func inTime(_ records: [ChainEventRecord]) -> [ChainEventRecord] {
        records.sorted { $0.seq < $1.seq }.enumerated().sorted { a, b in
            a.element.event.at == b.element.event.at ? a.offset < b.offset : a.element.event.at < b.element.event.at
        }.map(\.element)
    }
}
