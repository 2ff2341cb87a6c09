import Foundation
import Synchronization
import OCOPDomain

/// The partial indexes behind `TrustQuery`: their WHERE clauses match the queries word for word.
public enum TrustIndex {
    public static let sql = """
        CREATE INDEX IF NOT EXISTS log_trust_entries ON log(seq) WHERE kind IN ('store_created', 'key_rotated', 'actor_added', 'actor_revoked', 'token_issued', 'token_revoked');
        CREATE INDEX IF NOT EXISTS log_seals ON log(seq) WHERE kind = 'log_sealed';
        """
}

/// The log queries trust is built from, each served by a partial index (migrations v7, v8).
enum TrustQuery {
    static let authorityKinds = "kind IN ('store_created', 'key_rotated', 'actor_added', 'actor_revoked', 'token_issued', 'token_revoked')"
    static let authority = "SELECT \(LogEntry.columns) FROM log WHERE \(authorityKinds) ORDER BY seq"
    static let lastAuthority = "SELECT seq, hash FROM log WHERE \(authorityKinds) ORDER BY seq DESC LIMIT 1"
    static let firstSeal = "SELECT \(LogEntry.columns) FROM log WHERE kind = 'log_sealed' ORDER BY seq LIMIT 1"
    static let sealAfter = "SELECT \(LogEntry.columns) FROM log WHERE kind = 'log_sealed' AND seq > ? ORDER BY seq LIMIT 1"
}

extension SQLSession {
    /// The trust the log proves right now (see `LogTrust`). Every write and every API call asks,
    /// so the answer is kept per state of the trust entries: the last one's hash (which names the
    /// chain up to it) and the seal that covers it, looked up by two indexed queries.
    public func logTrust() throws -> LogTrust {
        guard let last = try fetchOne(TrustQuery.lastAuthority) else { return try readLogTrust() }
        let key = last.string("hash") + "/" + String(try sealEntry(after: last.int64("seq"))?.seq ?? 0)
        if let cached = TrustCache.shared.trust(for: key) { return cached }
        var trust = try readLogTrust()
        trust.version = key
        TrustCache.shared.keep(trust, for: key)
        return trust
    }

    private func readLogTrust() throws -> LogTrust {
        var trust = LogTrust()
        if let first = try fetchOne(TrustQuery.firstSeal).map(LogEntry.init(row:)) {
            trust.setLegacyThrough((LogSeal.decode(first)?.first).map { min($0, first.seq) } .map { $0 - 1 } ?? first.seq - 1)
        }
        for entry in try fetchAll(TrustQuery.authority).map(LogEntry.init(row:)) {
            guard LogHash.verify(entry) else {
                trust.reject(seq: entry.seq, "\(entry.kind) fails its hash check")
                continue
            }
            // Checked against the state with the entry applied: lookups go by seq, so a rotated or
            // newly added key never signs the write that introduces it (only the store's first
            // key seals its own creation).
            var candidate = trust
            candidate.apply(entry)
            if trust.needsSeal(entry.seq) {
                if let failure = try sealFailure(of: entry, trust: candidate, producerOf: { _ in nil }) {
                    trust.reject(seq: entry.seq, "\(entry.kind): \(failure.reason)")
                    continue
                }
            } else if entry.kind != LogEventKind.storeCreated.rawValue && entry.kind != LogEventKind.keyRotated.rawValue {
                trust.reject(seq: entry.seq, "\(entry.kind) is not sealed")
                continue
            }
            trust = candidate
        }
        return trust
    }

    /// The seal entry right after `seq` (the one that would cover it).
    func sealEntry(after seq: Int64) throws -> LogEntry? {
        try fetchOne(TrustQuery.sealAfter, [seq]).map(LogEntry.init(row:))
    }

    /// Why `entry` (hash-checked) is not a trusted entry under `trust`: not covered by a valid
    /// seal, or outside its actor's authority. nil when trusted.
    public func sealFailure(of entry: LogEntry, trust: LogTrust, producerOf: (String) -> String?) throws -> TrustFailure? {
        guard trust.needsSeal(entry.seq) else { return nil }
        guard let sealEntry = try sealEntry(after: entry.seq) else {
            return TrustFailure("entry \(entry.seq) is sealed by no signed write (appended without a key?)")
        }
        return LogTrustCheck.failure(of: entry, sealEntry: sealEntry, trust: trust, producerOf: producerOf)
    }
}

/// The checks of one entry against the seal of its write, shared by verdicts and `log verify`.
public enum LogTrustCheck {
    public static func failure(of entry: LogEntry, sealEntry: LogEntry, trust: LogTrust,
                               producerOf: (String) -> String?) -> TrustFailure? {
        guard LogHash.verifyRemembering(sealEntry), let seal = LogSeal.decode(verified: sealEntry) else {
            return TrustFailure("the seal after entry \(entry.seq) (seq \(sealEntry.seq)) is unreadable or fails its hash check")
        }
        guard seal.covers(entry) else {
            return TrustFailure("entry \(entry.seq) is not among the entries its write's seal (seq \(sealEntry.seq)) signed")
        }
        guard entry.actor == seal.actor else {
            return TrustFailure("entry \(entry.seq) names actor '\(entry.actor)', its seal '\(seal.actor)'")
        }
        if let failure = trust.failure(of: seal, at: sealEntry) { return failure }
        return authorityFailure(of: entry, actor: seal.actor, trust: trust, producerOf: producerOf)
    }

    /// Whether `actor` may write `entry` at all (role and scope).
    public static func authorityFailure(of entry: LogEntry, actor: String, trust: LogTrust,
                                        producerOf: (String) -> String?) -> TrustFailure? {
        guard let (role, producerID) = trust.role(of: actor) else {
            return TrustFailure("'\(actor)' is no actor of this store")
        }
        guard let subject = EntrySubject.of(entry, producerOf: producerOf) else { return nil }
        guard let rule = ActorAuthority.refusal(role: role, producerID: producerID, isCreator: trust.isCreator(actor), subject: subject) else {
            return nil
        }
        return TrustFailure("actor '\(actor)' (\(role.rawValue)) may not write \(entry.kind) (seq \(entry.seq)): \(rule)")
    }
}

/// What an entry is about, for `ActorAuthority`.
enum EntrySubject {
    static func of(_ entry: LogEntry, producerOf: (String) -> String?) -> ActorAuthority.Subject? {
        let payload = Data(entry.payload.utf8), decoder = JSONDecoder()
        struct Product: Decodable { let product: String? }
        func owner() -> String? {
            (try? decoder.decode(Product.self, from: payload))?.product.flatMap(producerOf)
        }
        switch LogEventKind(rawValue: entry.kind) {
        case .logSealed, .locationAdded: return nil  // any actor registers the places it works from
        case .storeCreated, .keyRotated, .codeScanned, .fakeReported, .pinClaimed, nil: return .creatorOnly
        case .producerAdded, .productAdded, .productRated, .ratingWithdrawn, .actorAdded, .actorRevoked, .restampRun: return .registry
        case .tokenIssued:
            guard let issued = try? decoder.decode(LogPayload.TokenIssued.self, from: payload) else { return .creatorOnly }
            return .deviceToken(ownToken: issued.token.actor == entry.actor)
        case .tokenRevoked:
            guard let revoked = try? decoder.decode(LogPayload.TokenRevoked.self, from: payload) else { return .creatorOnly }
            return .deviceToken(ownToken: revoked.actor == entry.actor)
        case .batchIssued, .stampRendered, .stampWithdrawn, .productDetails, .pinsIssued: return .production(producerID: owner())
        case .unitsIssued:
            let product = IssuedChunk.read(entry.payload, serial: "", shortCode: "")?.productID
            return .production(producerID: product.flatMap(producerOf))
        case .chainEvent:
            guard let event = try? decoder.decode(ChainEvent.self, from: payload) else { return .creatorOnly }
            return .event(step: event.step, disposition: event.disposition, liftsRecall: event.liftsRecall,
                          producerID: producerOf(event.productID))
        }
    }
}

/// Trust as last read, by the state of the log's trust entries (see `logTrust()`).
final class TrustCache: Sendable {
    static let shared = TrustCache()
    private let known = Mutex<[String: LogTrust]>([:])

    func trust(for key: String) -> LogTrust? { known.withLock { $0[key] } }

    func keep(_ trust: LogTrust, for key: String) {
        known.withLock { table in
            if table.count > 64 { table.removeAll(keepingCapacity: true) }
            table[key] = trust
        }
    }
}
