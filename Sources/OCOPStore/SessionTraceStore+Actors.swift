import Foundation
import OCOPDomain

extension SessionTraceStore {
    /// Registers an actor with its public key; a province actor (or the creator) signs it.
    public func addActor(_ record: ActorRecord, publicKey: String, actor: LogAuthor) throws(StoreError) -> LogEntry {
        try write(as: actor) { db in
            let trust = try db.logTrust()
            guard record.id != trust.creator, trust.actors[record.id] == nil else {
                throw StoreError.duplicate(what: "actor", id: record.id)
            }
            if let producerID = record.producerID, try db.producerRow(producerID) == nil {
                throw StoreError.notFound(what: "producer", id: producerID)
            }
            return try db.append(.actorAdded, LogPayload.ActorAdded(actor: record, publicKey: publicKey,
                                                                     keyID: KeyFiles.keyID(base64URL: publicKey)), actor: actor.id)
        }
    }

    /// Stops accepting the actor's key from the next entry on; its earlier entries stay valid.
    public func revokeActor(id: String, reason: String?, actor: LogAuthor) throws(StoreError) -> LogEntry {
        try write(as: actor) { db in
            let trust = try db.logTrust()
            if id == trust.creator {
                throw StoreError.invalid(DomainError(field: "actor", rule: "the store's creator holds the store key; rotate it with `key rotate` instead"))
            }
            guard let known = trust.actors[id] else { throw StoreError.notFound(what: "actor", id: id) }
            if let seq = known.revokedSeq { throw StoreError.invalid(DomainError(field: "actor", rule: "'\(id)' was revoked already at seq \(seq)")) }
            return try db.append(.actorRevoked, LogPayload.ActorRevoked(id: id, reason: reason), actor: actor.id)
        }
    }
}
