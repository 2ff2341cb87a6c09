import Crypto
import Foundation
import Synchronization
import OCOPDomain

/// The signature of one write: the last entry of every write is a `log_sealed` entry whose
/// payload lists the hash of each entry the write appended, signed by the writer's key.
///
/// One signature a write rather than one an entry: a 100,000-unit batch is ~100 entries and a
/// resolver's scan batch dozens, and checking a million Ed25519 signatures would take minutes.
/// Each entry is still signed: its hash is in the signed list, and a verdict checks it there
/// without re-hashing the rest of the write.
public struct LogSeal: Codable, Sendable, Equatable {
    /// The actor the covered entries name.
    public let actor: String
    /// Whose key signed: the actor, or the store's creator writing on its behalf.
    public let signer: String
    /// The device token the write came through (write API), if any.
    public let token: String?
    /// The first covered seq; the seal covers `first ..< first + hashes.count` and sits right after.
    public let first: Int64
    public let hashes: [String]
    /// The hash of the entry before `first` (the genesis hash for seq 1): signing it ties the
    /// write to the whole log before it, so older entries cannot be swapped under it.
    public let head: String
    /// Ed25519 over `signingText`, base64url.
    public let signature: String

    static let domain = "ocop-trace log seal v1\n"

    private struct Body: Encodable {
        let actor: String, signer: String, token: String?, first: Int64, hashes: [String], head: String
    }

    var signingText: String {
        get throws {
            Self.domain + (try CanonicalPayload.encode(Body(actor: actor, signer: signer, token: token, first: first, hashes: hashes, head: head)))
        }
    }

    static func make(by author: LogAuthor, first: Int64, hashes: [String], head: String) throws -> LogSeal {
        let unsigned = LogSeal(actor: author.id, signer: author.signer, token: author.token, first: first, hashes: hashes, head: head, signature: "")
        let signature = try author.key.signature(for: Array(unsigned.signingText.utf8))
        return LogSeal(actor: author.id, signer: author.signer, token: author.token, first: first, hashes: hashes, head: head,
                       signature: Base64URL.encode(Array(signature)))
    }

    /// Whether `publicKey` (raw 32 bytes, base64url) made the signature.
    func isSigned(by publicKey: String) -> Bool {
        guard let raw = try? Base64URL.decode(publicKey), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw),
              let signature = try? Base64URL.decode(signature), let text = try? signingText else { return false }
        return key.isValidSignature(signature, for: Array(text.utf8))
    }

    /// Whether the seal covers `entry` (its seq in range and its hash listed).
    public func covers(_ entry: LogEntry) -> Bool {
        let index = entry.seq - first
        return index >= 0 && index < Int64(hashes.count) && hashes[Int(index)] == entry.hash
    }

    /// The seal's own seq: right after the entries it covers.
    var seq: Int64 { first + Int64(hashes.count) }

    public static func decode(_ entry: LogEntry) -> LogSeal? {
        guard entry.kind == LogEventKind.logSealed.rawValue else { return nil }
        return try? JSONDecoder().decode(LogSeal.self, from: Data(entry.payload.utf8))
    }

    /// `decode` of an entry whose hash the caller has checked: kept by that hash, which names
    /// the payload (a 100,000-unit batch's seal lists ~100 hashes; verdicts read it on every page).
    static func decode(verified entry: LogEntry) -> LogSeal? {
        if let known = DecodedSeals.shared.known.withLock({ $0[entry.hash] }) { return known }
        guard let seal = decode(entry) else { return nil }
        DecodedSeals.shared.known.withLock { table in
            if table.count >= 4_096 { table.removeAll(keepingCapacity: true) }
            table[entry.hash] = seal
        }
        return seal
    }
}

/// Decoded seals by the hash of their entry (see `LogSeal.decode(verified:)`).
final class DecodedSeals: Sendable {
    static let shared = DecodedSeals()
    let known = Mutex<[String: LogSeal]>([:])
}

/// Checked seal signatures, by seal hash and key: the resolver checks the same batch's seals
/// on every page, and one Ed25519 check costs as much as the rest of a verdict.
final class SealSignatures: Sendable {
    static let shared = SealSignatures()
    private let known = Mutex<Set<String>>([])

    func isSigned(_ seal: LogSeal, entryHash: String, by publicKey: String) -> Bool {
        let key = entryHash + ":" + publicKey
        if known.withLock({ $0.contains(key) }) { return true }
        guard seal.isSigned(by: publicKey) else { return false }
        known.withLock { set in
            if set.count > 65_536 { set.removeAll(keepingCapacity: true) }
            set.insert(key)
        }
        return true
    }
}
