import Foundation
import OCOPDomain

/// Who the log trusts, and from which seq: the store key (the creator's, rotated by
/// `key_rotated`), and each actor's key from its `actor_added` until its `actor_revoked`.
///
/// Built only from entries whose write is sealed by a key already in force, starting from the
/// store's first key (the one shops hold from `key export`). An entry appended with write
/// access to the database but no private key is sealed by no trusted key: it is ignored here
/// and fails `log verify`.
public struct LogTrust: Sendable {
    public struct Key: Sendable, Equatable {
        public let publicKey: String
        /// The entry that introduced it; it signs writes that start after this seq.
        public let seq: Int64
    }

    public struct Actor: Sendable {
        public let record: ActorRecord
        public internal(set) var keys: [Key]
        public let addedSeq: Int64
        public internal(set) var revokedSeq: Int64?
        public internal(set) var revokeReason: String?
    }

    /// The store's creator: its first province actor, signer with the store key.
    public private(set) var creator: String = ""
    public private(set) var storeKeys: [Key] = []
    public private(set) var actors: [String: Actor] = [:]
    /// Device tokens of the write API, by token id.
    public private(set) var tokens: [String: DeviceToken] = [:]
    /// Entries up to this seq were written before writes were sealed (a store made by an
    /// earlier version); they count as the creator's. 0 for a store sealed from its start;
    /// `Int64.max` while a store has no seal at all.
    public private(set) var legacyThrough: Int64 = .max
    /// Authority entries that were not used, with why (for `log verify`).
    public private(set) var rejected: [(seq: Int64, reason: String)] = []
    /// Names the state of the trust entries this was built from (their last hash and its seal);
    /// empty when not known. What was trusted under one version stays trusted under it.
    public internal(set) var version = ""

    public init() {}

    /// The actor ids in force (or revoked), creator first.
    public var actorList: [Actor] { actors.values.sorted { $0.addedSeq < $1.addedSeq } }

    public func isCreator(_ id: String) -> Bool { id == creator }

    /// The key `signer` signs with for a write that starts at `seq`, or why there is none.
    public func key(of signer: String, forWriteAt seq: Int64) -> Result<Key, TrustFailure> {
        if signer == creator {
            // The first key also seals the write that introduces it (the store's creation).
            guard let key = storeKeys.last(where: { $0.seq < seq }) ?? (seq == 1 ? storeKeys.first : nil) else {
                return .failure(TrustFailure("no store key is in force at seq \(seq)"))
            }
            return .success(key)
        }
        guard let actor = actors[signer], actor.addedSeq < seq else {
            return .failure(TrustFailure("signer '\(signer)' is no actor of this store at seq \(seq)"))
        }
        if let revoked = actor.revokedSeq, revoked < seq {
            return .failure(TrustFailure("actor '\(signer)' was revoked at seq \(revoked)"))
        }
        guard let key = actor.keys.last(where: { $0.seq < seq }) else {
            return .failure(TrustFailure("actor '\(signer)' has no key in force at seq \(seq)"))
        }
        return .success(key)
    }

    /// The role and producer of `id` for authority checks (the creator: province, all rights).
    public func role(of id: String) -> (role: ActorRole, producerID: String?)? {
        if id == creator { return (.province, nil) }
        return actors[id].map { ($0.record.role, $0.record.producerID) }
    }

    /// Why `seal` (the entry `sealEntry`, hash-checked by the caller) is not a valid signature
    /// of its write, or nil.
    public func failure(of seal: LogSeal, at sealEntry: LogEntry) -> TrustFailure? {
        guard sealEntry.seq == seal.seq else { return TrustFailure("seal at seq \(sealEntry.seq) says it follows entry \(seal.seq - 1)") }
        guard sealEntry.previousHash == (seal.hashes.last ?? seal.head) else {
            return TrustFailure("seal at seq \(sealEntry.seq) does not follow the entries it lists")
        }
        guard sealEntry.actor == seal.actor else { return TrustFailure("seal at seq \(sealEntry.seq) names another actor than its entry") }
        if seal.signer != seal.actor && seal.signer != creator {
            return TrustFailure("seal at seq \(sealEntry.seq): '\(seal.signer)' may not sign for '\(seal.actor)'")
        }
        if seal.actor != creator && role(of: seal.actor) == nil {
            return TrustFailure("seal at seq \(sealEntry.seq): '\(seal.actor)' is no actor of this store")
        }
        if seal.actor != seal.signer, let revoked = actors[seal.actor]?.revokedSeq, revoked < seal.first {
            return TrustFailure("seal at seq \(sealEntry.seq): actor '\(seal.actor)' was revoked at seq \(revoked)")
        }
        if seal.actor != seal.signer, let failure = tokenFailure(seal, at: sealEntry) { return failure }
        switch key(of: seal.signer, forWriteAt: seal.first) {
        case let .failure(failure): return TrustFailure("seal at seq \(sealEntry.seq): \(failure.reason)")
        case let .success(key):
            guard SealSignatures.shared.isSigned(seal, entryHash: sealEntry.hash, by: key.publicKey) else {
                return TrustFailure("seal at seq \(sealEntry.seq) is not signed by the key of '\(seal.signer)' in force")
            }
        }
        return nil
    }

    /// Applies one hash-checked authority entry (store_created, key_rotated, actor_added,
    /// actor_revoked) once its write is known to be trusted.
    mutating func apply(_ entry: LogEntry) {
        let decoder = JSONDecoder(), payload = Data(entry.payload.utf8)
        switch LogEventKind(rawValue: entry.kind) {
        case .storeCreated:
            guard entry.seq == 1, creator.isEmpty, let created = try? decoder.decode(LogPayload.StoreCreated.self, from: payload) else {
                rejected.append((entry.seq, "store_created must be the log's first entry, once"))
                return
            }
            creator = entry.actor
            storeKeys = [Key(publicKey: created.publicKey, seq: 1)]
        case .keyRotated:
            guard let rotated = try? decoder.decode(LogPayload.KeyRotated.self, from: payload) else { return reject(entry, "unreadable") }
            storeKeys.append(Key(publicKey: rotated.publicKey, seq: entry.seq))
        case .actorAdded:
            guard let added = try? decoder.decode(LogPayload.ActorAdded.self, from: payload) else { return reject(entry, "unreadable") }
            guard added.actor.id != creator, actors[added.actor.id] == nil else { return reject(entry, "actor '\(added.actor.id)' exists already") }
            actors[added.actor.id] = Actor(record: added.actor, keys: [Key(publicKey: added.publicKey, seq: entry.seq)],
                                           addedSeq: entry.seq, revokedSeq: nil, revokeReason: nil)
        case .actorRevoked:
            guard let revoked = try? decoder.decode(LogPayload.ActorRevoked.self, from: payload),
                  actors[revoked.id] != nil, actors[revoked.id]?.revokedSeq == nil else { return reject(entry, "no actor to revoke") }
            actors[revoked.id]?.revokedSeq = entry.seq
            actors[revoked.id]?.revokeReason = revoked.reason
        case .tokenIssued:
            guard let issued = try? decoder.decode(LogPayload.TokenIssued.self, from: payload) else { return reject(entry, "unreadable") }
            guard tokens[issued.token.id] == nil else { return reject(entry, "token \(issued.token.id) exists already") }
            guard issued.token.actor == creator || actors[issued.token.actor] != nil else {
                return reject(entry, "token for '\(issued.token.actor)', no actor of this store")
            }
            tokens[issued.token.id] = DeviceToken(record: issued.token, issuedSeq: entry.seq)
        case .tokenRevoked:
            guard let revoked = try? decoder.decode(LogPayload.TokenRevoked.self, from: payload),
                  let token = tokens[revoked.id], token.record.actor == revoked.actor, token.revokedSeq == nil else {
                return reject(entry, "no token to revoke")
            }
            tokens[revoked.id]?.revokedSeq = entry.seq
            tokens[revoked.id]?.revokeReason = revoked.reason
        default:
            break
        }
    }

    /// A write signed on an actor's behalf (the write API) names a token of that actor that was
    /// in force when the write began.
    private func tokenFailure(_ seal: LogSeal, at sealEntry: LogEntry) -> TrustFailure? {
        let prefix = "seal at seq \(sealEntry.seq)"
        guard let id = seal.token else { return TrustFailure("\(prefix): signed for '\(seal.actor)' without a device token") }
        guard let token = tokens[id], token.issuedSeq < seal.first, token.record.actor == seal.actor else {
            return TrustFailure("\(prefix): token \(id) is no token of '\(seal.actor)' at seq \(seal.first)")
        }
        if let revoked = token.revokedSeq, revoked < seal.first { return TrustFailure("\(prefix): token \(id) was revoked at seq \(revoked)") }
        if let expires = token.record.expires, expires <= sealEntry.time {
            return TrustFailure("\(prefix): token \(id) had expired (\(expires))")
        }
        return nil
    }

    private mutating func reject(_ entry: LogEntry, _ reason: String) {
        rejected.append((entry.seq, "\(entry.kind): \(reason)"))
    }

    mutating func reject(seq: Int64, _ reason: String) { rejected.append((seq, reason)) }

    mutating func setLegacyThrough(_ seq: Int64) { legacyThrough = seq }

    /// Whether an entry at `seq` needs a seal (entries of an earlier version's store do not).
    public func needsSeal(_ seq: Int64) -> Bool { seq > legacyThrough }

    /// The store keys as `IssuerKey`s, oldest first.
    public var issuerKeys: [IssuerKey] {
        storeKeys.map { IssuerKey(id: KeyFiles.keyID(base64URL: $0.publicKey), publicKey: $0.publicKey, seq: $0.seq) }
    }
}

public struct TrustFailure: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
