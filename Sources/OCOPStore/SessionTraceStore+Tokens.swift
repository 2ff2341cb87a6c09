import Foundation
import OCOPDomain

extension SessionTraceStore {
    /// Logs a new device token of `actorID` (its hash only) and returns the token text, which
    /// the caller shows once. Written by that actor itself or by a province actor.
    /// With `enrolLink` the token is a one-time enrol link for `/shop` (see `enrol(link:)`).
    public func issueToken(for actorID: String, name: String?, expires: String?, enrolLink: Bool = false,
                           actor: LogAuthor) throws(StoreError) -> (entry: LogEntry, secret: DeviceTokenSecret) {
        let secret = DeviceTokenSecret.generate()
        let entry = try write(as: actor) { db in
            let trust = try db.logTrust()
            guard trust.isCreator(actorID) || trust.actors[actorID] != nil else { throw StoreError.notFound(what: "actor", id: actorID) }
            if let revoked = trust.actors[actorID]?.revokedSeq {
                throw StoreError.invalid(DomainError(field: "actor", rule: "'\(actorID)' was revoked at seq \(revoked); it gets no new tokens"))
            }
            let record = DeviceTokenRecord(id: secret.id, actor: actorID, name: name, expires: expires, hash: secret.hash,
                                           enrol: enrolLink ? true : nil)
            return try db.append(.tokenIssued, LogPayload.TokenIssued(token: record), actor: actor.id)
        }
        return (entry, secret)
    }

    /// Uses a one-time enrol link: in one write, on behalf of the link's actor and naming the
    /// link, logs a fresh device token (same actor, name and expiry) and revokes the link as
    /// used. `signer` is the store's creator (the resolver's key). Returns the new token's text.
    public func enrol(link text: String, signer: LogAuthor) throws(StoreError) -> (entry: LogEntry, secret: DeviceTokenSecret) {
        let secret = DeviceTokenSecret.generate()
        var enrolled: LogEntry?
        _ = try write(as: { db -> LogAuthor in
            let trust = try db.logTrust()
            switch trust.check(enrolLink: text) {
            case let .refused(why): throw StoreError.forbidden(why)
            case let .valid(actor, linkID): return signer.onBehalf(of: actor, token: linkID)
            }
        }) { db, author in
            guard let link = try db.logTrust().tokens[author.token ?? ""] else { throw StoreError.notFound(what: "enrol link", id: author.token ?? "") }
            let record = DeviceTokenRecord(id: secret.id, actor: link.record.actor, name: link.record.name,
                                           expires: link.record.expires, hash: secret.hash)
            enrolled = try db.append(.tokenIssued, LogPayload.TokenIssued(token: record), actor: author.id)
            return try db.append(.tokenRevoked, LogPayload.TokenRevoked(id: link.record.id, actor: link.record.actor,
                                                                        reason: LogTrust.enrolledReasonPrefix + secret.id),
                                 actor: author.id)
        }
        guard let enrolled else { throw StoreError.notFound(what: "enrol link", id: "") }
        return (enrolled, secret)
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
