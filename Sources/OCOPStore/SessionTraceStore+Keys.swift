import Crypto
import Foundation
import OCOPDomain

/// Served by the partial index `log_key_entries` on both engines: a lookup, not a scan of the
/// whole log (200 ms and 250 MB read per verify in a 1,000,000-entry store without it).
enum IssuerKeyQuery {
    static let sql = "SELECT \(LogEntry.columns) FROM log WHERE kind IN ('store_created', 'key_rotated') ORDER BY seq"

    /// The key entries of the log, each with the public key it introduces.
    static func entries(_ db: any SQLSession) throws -> [(entry: LogEntry, created: LogPayload.StoreCreated?, publicKey: String)] {
        let decoder = JSONDecoder()
        return try db.fetchAll(sql).map(LogEntry.init(row:)).map { entry in
            let payload = Data(entry.payload.utf8)
            if entry.kind == LogEventKind.storeCreated.rawValue {
                let created = try decoder.decode(LogPayload.StoreCreated.self, from: payload)
                return (entry, created, created.publicKey)
            }
            return (entry, nil, try decoder.decode(LogPayload.KeyRotated.self, from: payload).publicKey)
        }
    }
}

extension SessionTraceStore {
    /// Keys come straight from the log (`store_created`, `key_rotated`), and only from entries
    /// whose hash holds and whose write is sealed by the key in force before (`LogTrust`), so an edited derived table (`meta.public_key`) or an edited key entry
    /// cannot slip in a key of its own. Only public keys are ever in the database.
    public func issuerKeys() throws(StoreError) -> [IssuerKey] {
        try read { db in try db.logTrust().issuerKeys }
    }

    /// Replaces the signing key. The new private key is written beside the old one, the
    /// rotation is logged, then the new key takes the old one's place and the old private key
    /// is deleted: old codes stay verifiable through their public key, kept in the log.
    public func rotateKey(actor: LogAuthor) throws(StoreError) -> (old: IssuerKey, new: IssuerKey) {
        let folder = keyFolder
        let current = try KeyFiles.loadPrivate(folder.privateKeyPath)
        let keys = try issuerKeys()
        guard let old = keys.last, Base64URL.encode(Array(current.publicKey.rawRepresentation)) == old.publicKey else {
            throw .key("\(folder.privateKeyPath) does not belong to this store (its public key differs from the one in the log)")
        }
        let pending = folder.privateKeyPath + ".new"
        try? FileManager.default.removeItem(atPath: pending)
        let fresh = try KeyFiles.createPrivate(at: pending)
        let publicKey = Base64URL.encode(Array(fresh.publicKey.rawRepresentation))
        let entry: LogEntry
        do {
            entry = try write(as: actor) { db in
                try db.append(.keyRotated, LogPayload.KeyRotated(keyID: KeyFiles.keyID(base64URL: publicKey), publicKey: publicKey,
                                                                previousKeyID: old.id), actor: actor.id)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: pending)
            throw error
        }
        guard rename(pending, folder.privateKeyPath) == 0 else {
            throw .key("the rotation is logged but \(pending) could not replace \(folder.privateKeyPath): rename it by hand")
        }
        try KeyFiles.replacePublic(KeyFiles.publicPEM(fresh.publicKey), at: folder.publicKeyPath)
        return (old, IssuerKey(id: KeyFiles.keyID(base64URL: publicKey), publicKey: publicKey, seq: entry.seq))
    }
}
