import Foundation
import OCOPDomain

extension SessionTraceStore {
    /// Logs a new device token of `actorID` (its hash only) and returns the token text, which
    /// the caller shows once. Written by that actor itself or by a province actor.
    public func issueToken(for actorID: String, name: String?, expires: String?,
                           actor: LogAuthor) throws(StoreError) -> (entry: LogEntry, secret: DeviceTokenSecret) {
        let secret = DeviceTokenSecret.generate()
        let entry = try write(as: actor) { db in
            let trust = try db.logTrust()
            guard trust.isCreator(actorID) || trust.actors[actorID] != nil else { throw StoreError.notFound(what: "actor", id: actorID) }
            if let revoked = trust.actors[actorID]?.revokedSeq {
                throw StoreError.invalid(DomainError(field: "actor", rule: "'\(actorID)' was revoked at seq \(revoked); it gets no new tokens"))
            }
            let record = DeviceTokenRecord(id: secret.id, actor: actorID, name: name, expires: expires, hash: secret.hash)
            return try db.append(.tokenIssued, LogPayload.TokenIssued(token: record), actor: actor.id)
        }
        return (entry, secret)
    }

    /// Stops accepting a token from the next write on.
    public func revokeToken(id: String, reason: String?, actor: LogAuthor) throws(StoreError) -> LogEntry {
        try write(as: actor) { db in
            guard let token = try db.logTrust().tokens[id] else { throw StoreError.notFound(what: "token", id: id) }
            if let seq = token.revokedSeq { throw StoreError.invalid(DomainError(field: "token", rule: "'\(id)' was revoked already at seq \(seq)")) }
            return try db.append(.tokenRevoked, LogPayload.TokenRevoked(id: id, actor: token.record.actor, reason: reason), actor: actor.id)
        }
    }
}
