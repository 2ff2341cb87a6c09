import Foundation
import OCOPDomain

extension SessionTraceStore {
    public func recordStamps(_ stamps: [StampRecord], actor: LogAuthor) throws(StoreError) -> [LogEntry] {
        try write(as: actor) { db in try db.appendStamps(stamps, actor: actor.id) }
    }

    /// The stamp records of a `restamp` run and the run itself, in one write.
    public func recordRestamp(_ stamps: [StampRecord], run: RestampRun, actor: LogAuthor) throws(StoreError) -> [LogEntry] {
        try write(as: actor) { db in try db.appendStamps(stamps, actor: actor.id) + [try db.append(.restampRun, run, actor: actor.id)] }
    }

    /// The latest `restamp` run the log holds (hash-checked), or nil before the first.
    public func lastRestampRun() throws(StoreError) -> RestampRun? {
        try read { db in
            let entry = try db.fetchOne("SELECT \(LogEntry.columns) FROM log WHERE kind = 'restamp_run' ORDER BY seq DESC LIMIT 1")
                .map(LogEntry.init(row:))
            guard let entry, LogHash.verify(entry) else { return nil }
            return try? JSONDecoder().decode(RestampRun.self, from: Data(entry.payload.utf8))
        }
    }

    public func stamps() throws(StoreError) -> [String: StampRecord] {
        try read { db in
            let decoder = JSONDecoder()
            var result: [String: StampRecord] = [:]
            for row in try db.fetchAll("SELECT product_id, payload FROM stamp") {
                result[row.string("product_id")] = try decoder.decode(StampRecord.self, from: Data(row.string("payload").utf8))
            }
            return result
        }
    }

    public func applyRatingDecisions(_ decisions: [RatingDecisionRow], actor: LogAuthor, dryRun: Bool) throws(StoreError) -> Int {
        var rehearsed: Int?
        do { return try write(as: actor) { db in
            for decision in decisions {
                do {
                    switch decision.decision {
                    case let .rate(rating):
                        try db.insertRating(rating, productID: decision.productID, actor: actor.id)
                    case let .withdraw(withdrawal):
                        try db.insertWithdrawal(productID: decision.productID, decisionNumber: withdrawal.decisionNumber.text,
                                                date: withdrawal.date, reason: nil, actor: actor.id)
                    }
                } catch let error as StoreError {
                    throw StoreError.importRow(row: decision.line, error: error.asDomainError)
                }
            }
            if dryRun {
                rehearsed = decisions.count
                throw DryRun.rollBack
            }
            return decisions.count
        } } catch .conflict(DryRun.marker) where rehearsed != nil {
            return rehearsed!
        }
    }
}

/// One line of a re-rating round: a new rating or a withdrawal for a product.
public struct RatingDecisionRow: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        case rate(Rating)
        case withdraw(Withdrawal)
    }
    public let line: Int
    public let productID: String
    public let decision: Decision

    public init(line: Int, productID: String, decision: Decision) {
        self.line = line
        self.productID = productID
        self.decision = decision
    }
}

extension StoreError {
    /// The error as a field-and-rule pair, for row-numbered import messages.
    var asDomainError: DomainError {
        switch self {
        case let .invalid(error), let .importRow(_, error): return error
        case let .duplicate(what, id): return DomainError(field: what, rule: "'\(id)' already exists")
        case let .notFound(what, id): return DomainError(field: what, rule: "'\(id)' does not exist")
        default: return DomainError(field: "store", rule: description)
        }
    }
}

extension SQLSession {
    func appendStamps(_ stamps: [StampRecord], actor: String) throws -> [LogEntry] {
        try stamps.map { stamp in
            try requireProduct(stamp.productID)
            return try append(stamp.action == .rendered ? .stampRendered : .stampWithdrawn, stamp, actor: actor)
        }
    }
}
