import Crypto
import Foundation
import OCOPDomain

/// A correct PIN check as the log holds it: when, and the claim itself.
public struct PinClaimRecord: Sendable, Equatable {
    public let seq: Int64
    public let time: String
    public let claim: PinClaim
}

extension SessionTraceStore {
    /// A PIN check inside one write transaction (under the writer lock, so two phones checking
    /// one PIN at once cannot both be first): `decide` gets the unit's records as they stand and
    /// returns the claim to log, or nil to log nothing.
    public func checkPin(_ key: UnitKey, actor: LogAuthor,
                         decide: (UnitRecords?) -> PinClaim?) throws(StoreError) -> (records: UnitRecords?, logged: LogEntry?) {
        try write(as: actor) { db in
            let records = try db.unitRecords(key)
            guard let claim = decide(records) else { return (records, nil) }
            return (records, try db.append(.pinClaimed, claim, actor: actor.id))
        }
    }

    public func pinPepper(create: Bool) throws(StoreError) -> SymmetricKey {
        try PinPepper.load(keyFolder, create: create)
    }

    /// Every correct PIN check of the store, or of one batch, in log order (for `scans report`).
    public func pinClaims(productID: String?, lot: String?) throws(StoreError) -> [PinClaimRecord] {
        try read { db in
            try db.fetchAll("SELECT seq, time, payload FROM log WHERE kind = 'pin_claimed' ORDER BY seq").compactMap { row in
                guard let claim = try? JSONDecoder().decode(PinClaim.self, from: Data(row.string("payload").utf8)) else { return nil }
                if let productID, claim.product != productID { return nil }
                if let lot, claim.lot != lot { return nil }
                return PinClaimRecord(seq: row.int64("seq"), time: row.string("time"), claim: claim)
            }
        }
    }
}
