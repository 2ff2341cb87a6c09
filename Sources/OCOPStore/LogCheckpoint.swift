import Crypto
import Foundation
import OCOPDomain

/// A signed statement of the log's head (seq, hash, time) to keep or publish outside the store.
///
/// Seals prove who wrote each entry, but not that nothing was cut off the end or that the log
/// was not rewritten from some point on by someone holding the database: a checkpoint kept
/// elsewhere does. `log verify --checkpoint FILE` fails when the log no longer extends it.
public struct LogCheckpoint: Codable, Sendable, Equatable {
    public static let formatName = "ocop-trace-checkpoint/1"
    public let format: String
    public let resolver: String
    public let seq: Int64
    public let hash: String
    public let time: String
    public let keyID: String
    public let publicKey: String
    /// The store keys before `publicKey`, oldest first (base64url), so that a checkpoint is all
    /// a shop needs to check codes offline (`verify --pubkey FILE`), old labels included.
    /// Absent in checkpoints of earlier versions and in stores that never rotated their key.
    public let earlierKeys: [String]?
    /// Ed25519 by the store key over the canonical JSON of the other fields, base64url.
    public let signature: String

    enum CodingKeys: String, CodingKey {
        case format, resolver, seq, hash, time, signature
        case keyID = "key_id"
        case publicKey = "public_key"
        case earlierKeys = "earlier_keys"
    }

    private struct Body: Encodable {
        let format: String, resolver: String, seq: Int64, hash: String, time: String, keyID: String, publicKey: String
        let earlierKeys: [String]?
        enum CodingKeys: String, CodingKey {
            case format, resolver, seq, hash, time
            case keyID = "key_id"
            case publicKey = "public_key"
            case earlierKeys = "earlier_keys"
        }
    }

    private var signingText: String {
        get throws {
            try CanonicalPayload.encode(Body(format: format, resolver: resolver, seq: seq, hash: hash, time: time, keyID: keyID, publicKey: publicKey,
                                         earlierKeys: earlierKeys))
        }
    }

    static func make(head: LogEntry, resolver: String, key: Curve25519.Signing.PrivateKey,
                     earlierKeys: [String]) throws -> LogCheckpoint {
        let publicKey = Base64URL.encode(Array(key.publicKey.rawRepresentation))
        let earlier = earlierKeys.isEmpty ? nil : earlierKeys
        let unsigned = LogCheckpoint(format: formatName, resolver: resolver, seq: head.seq, hash: head.hash, time: Timestamp.now(),
                                     keyID: KeyFiles.keyID(base64URL: publicKey), publicKey: publicKey, earlierKeys: earlier,
                                     signature: "")
        let signature = try key.signature(for: Array(unsigned.signingText.utf8))
        return LogCheckpoint(format: formatName, resolver: resolver, seq: head.seq, hash: head.hash, time: unsigned.time,
                             keyID: unsigned.keyID, publicKey: publicKey, earlierKeys: earlier,
                             signature: Base64URL.encode(Array(signature)))
    }

    /// Every store key the checkpoint names, oldest first: what an offline check trusts.
    public var storeKeys: [String] { (earlierKeys ?? []) + [publicKey] }

    /// Whether the signature is its key's (whether that key is the store's is asked separately).
    public var isSelfConsistent: Bool {
        guard format == Self.formatName, let key = KeyFiles.parsePublic(base64URL: publicKey),
              let signature = try? Base64URL.decode(signature), let text = try? signingText else { return false }
        return key.isValidSignature(signature, for: Array(text.utf8))
    }

    /// The file's text: canonical JSON and a newline.
    public func text() throws(StoreError) -> String {
        do { return try CanonicalPayload.encode(self) + "\n" } catch { throw .engine("checkpoint: \(error)") }
    }

    public static func parse(_ data: Data, name: String) throws(StoreError) -> LogCheckpoint {
        guard let checkpoint = try? JSONDecoder().decode(LogCheckpoint.self, from: data), checkpoint.format == formatName else {
            throw .invalid(DomainError(field: "checkpoint", rule: "\(name) is not an \(formatName) file (log checkpoint writes one)"))
        }
        return checkpoint
    }
}

extension SessionTraceStore {
    /// A checkpoint of the head, signed with the store key in force.
    public func checkpoint() throws(StoreError) -> LogCheckpoint {
        let signer = try storeKeyInForce(signing: "a checkpoint")
        guard let head = try lastLogEntry() else { throw .corrupt("the log is empty") }
        return try checkpoint(of: head, signer: signer)
    }

    /// The store key in force, from the key folder, with the keys before it: what signs a
    /// statement about the log (`what` names it in the error).
    func storeKeyInForce(signing what: String) throws(StoreError) -> (key: Curve25519.Signing.PrivateKey, earlier: [String]) {
        let key = try KeyFiles.loadPrivate(keyFolder.privateKeyPath)
        let keys = try logTrust().storeKeys
        guard let current = keys.last, current.publicKey == Base64URL.encode(Array(key.publicKey.rawRepresentation)) else {
            throw .key("\(keyFolder.privateKeyPath) is not the store key in force; \(what) must be signed by it")
        }
        return (key, keys.dropLast().map(\.publicKey))
    }

    func checkpoint(of head: LogEntry, signer: (key: Curve25519.Signing.PrivateKey, earlier: [String])) throws(StoreError) -> LogCheckpoint {
        do {
            return try LogCheckpoint.make(head: head, resolver: settings.resolver, key: signer.key, earlierKeys: signer.earlier)
        } catch {
            throw .engine("checkpoint: \(error)")
        }
    }

    /// Why the log no longer extends `checkpoint`, or nil when it does (the chain itself is
    /// checked by `verifyLog`).
    public func problem(with checkpoint: LogCheckpoint) throws(StoreError) -> String? {
        guard checkpoint.isSelfConsistent else { return "its signature does not verify (the file was edited)" }
        guard try logTrust().storeKeys.contains(where: { $0.publicKey == checkpoint.publicKey }) else {
            return "it is signed by key \(checkpoint.keyID), which this log does not trust (a log rewritten from its start?)"
        }
        guard let entry = try logEntries(after: checkpoint.seq - 1, limit: 1).first, entry.seq == checkpoint.seq else {
            let head = try lastLogEntry()?.seq ?? 0
            return "the log ends at seq \(head), before the checkpoint's seq \(checkpoint.seq): entries were removed"
        }
        guard entry.hash == checkpoint.hash else {
            return "entry \(checkpoint.seq) differs from the checkpoint of \(checkpoint.time): the log was rewritten from there or before"
        }
        return nil
    }
}
