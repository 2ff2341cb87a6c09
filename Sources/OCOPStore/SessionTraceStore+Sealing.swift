import OCOPDomain

extension SessionTraceStore {
    /// Runs `body` in one write transaction as `author`, then seals what it appended: checks
    /// the author's key and authority for every new entry and appends the signed `log_sealed`
    /// entry. A refusal rolls the whole write back, so nothing of it is written.
    public func write<T>(as author: LogAuthor, _ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        try write(as: { _ in author }) { db, _ in try body(db) }
    }

    /// A write whose author is decided inside its transaction (an enrol link is checked and
    /// used in the same transaction, so it serves once).
    func write<T>(as author: (any SQLSession) throws -> LogAuthor,
                  _ body: (any SQLSession, LogAuthor) throws -> T) throws(StoreError) -> T {
        try write { db in
            let head = try db.fetchOne("SELECT seq, hash FROM log ORDER BY seq DESC LIMIT 1")
            let author = try author(db)
            let result = try body(db, author)
            try db.seal(after: head?.int64("seq") ?? 0, headHash: head?.string("hash") ?? LogHash.genesis, by: author)
            return result
        }
    }

    /// The store's trust as its log proves it (actors, keys).
    public func logTrust() throws(StoreError) -> LogTrust {
        try read { db in try db.logTrust() }
    }

    /// The creator acting with the store key (every command without `--actor`).
    public func creatorAuthor() throws(StoreError) -> LogAuthor {
        let key = try KeyFiles.loadPrivate(keyFolder.privateKeyPath)
        return LogAuthor(id: try logTrust().creator, key: key)
    }
}

extension SQLSession {
    func seal(after headSeq: Int64, headHash: String, by author: LogAuthor) throws {
        let written = try fetchAll("SELECT \(LogEntry.columns) FROM log WHERE seq > ? ORDER BY seq", [headSeq]).map(LogEntry.init(row:))
        guard !written.isEmpty else { return }
        // Trust as the log stood before this write, plus what this write itself adds
        // (a store's first entry introduces the key that seals it).
        let trust = try logTrust()
        try Self.checkSigner(author, trust: trust, at: headSeq + 1)
        for entry in written {
            guard entry.actor == author.id else {
                throw StoreError.forbidden("entry \(entry.seq) names actor '\(entry.actor)' in a write by '\(author.id)'")
            }
            if let failure = LogTrustCheck.authorityFailure(of: entry, actor: author.id, trust: trust,
                                                             producerOf: { id in (try? self.productRow(id))??.producerID }) {
                throw StoreError.forbidden(failure.reason + "; nothing was written")
            }
        }
        let seal = try LogSeal.make(by: author, first: headSeq + 1, hashes: written.map(\.hash), head: headHash)
        try append(.logSealed, seal, actor: author.id)
    }

    static func checkSigner(_ author: LogAuthor, trust: LogTrust, at seq: Int64) throws {
        if author.signer != author.id {
            guard trust.isCreator(author.signer) else {
                throw StoreError.forbidden("'\(author.signer)' may not sign for '\(author.id)': only the store key signs on another actor's behalf")
            }
            guard trust.role(of: author.id) != nil else { throw StoreError.forbidden("actor '\(author.id)' is not registered in this store") }
            if let revoked = trust.actors[author.id]?.revokedSeq {
                throw StoreError.forbidden("actor '\(author.id)' was revoked at seq \(revoked); its entries are refused")
            }
            // Checked again here, under the writer lock: a token revoked a moment ago writes nothing.
            guard let id = author.token, let token = trust.tokens[id], token.record.actor == author.id else {
                throw StoreError.forbidden("a write on behalf of '\(author.id)' must come through one of its device tokens")
            }
            if let refusal = token.refusal(at: Timestamp.now(), trust: trust) { throw StoreError.forbidden(refusal) }
        }
        if seq == 1 { return }  // the store's creation: its own key, checked by `log verify`
        switch trust.key(of: author.signer, forWriteAt: seq) {
        case let .failure(failure):
            throw StoreError.forbidden(failure.reason + "; nothing was written")
        case let .success(key):
            guard key.publicKey == author.publicKey else {
                throw StoreError.forbidden("the key given for actor '\(author.signer)' is not its key in force (key \(KeyFiles.keyID(base64URL: author.publicKey)), in force \(KeyFiles.keyID(base64URL: key.publicKey)))")
            }
        }
    }
}
