import Crypto
import OCOPDomain

extension SQLSession {
    /// The store's settings from the log's key entries, never from the derived `meta` table:
    /// the resolver host of `store_created`, and the newest key whose entry's hash holds.
    public func storeSettings(where location: String) throws -> StoreSettings {
        let keys = try IssuerKeyQuery.entries(self)
        guard let resolver = keys.first?.created?.resolver,
              let publicKey = keys.last(where: { LogHash.verify($0.entry) })?.publicKey ?? keys.last?.publicKey else {
            throw StoreError.corrupt("\(location) has no store_created entry in its log; the store is damaged")
        }
        return StoreSettings(resolver: resolver, publicKey: publicKey)
    }

    /// The log's first entry: the resolver and the first public key (never the private one).
    /// The log's first entry, sealed by the key it introduces: the root every later key and
    /// actor is certified from.
    public func appendStoreCreated(resolver: String, key: Curve25519.Signing.PrivateKey, actor: String) throws {
        let publicKey = Base64URL.encode(Array(key.publicKey.rawRepresentation))
        try append(.storeCreated, LogPayload.StoreCreated(format: 1, resolver: resolver, publicKey: publicKey), actor: actor)
        try seal(after: 0, headHash: LogHash.genesis, by: LogAuthor(id: actor, key: key))
    }
}
