import OCOPDomain

extension SQLSession {
    /// The store's settings from the `meta` table (filled by the first log entry).
    public func storeSettings(where location: String) throws -> StoreSettings {
        var values: [String: String] = [:]
        for row in try fetchAll("SELECT key, value FROM meta") { values[row.string("key")] = row.string("value") }
        guard let resolver = values["resolver"], let publicKey = values["public_key"] else {
            throw StoreError.corrupt("\(location) has no store settings; run `ocop-trace reindex`")
        }
        return StoreSettings(resolver: resolver, publicKey: publicKey)
    }

    /// The log's first entry: the resolver and the first public key (never the private one).
    public func appendStoreCreated(resolver: String, publicKey: String, actor: String) throws {
        try append(.storeCreated, LogPayload.StoreCreated(format: 1, resolver: resolver, publicKey: publicKey), actor: actor)
    }
}
