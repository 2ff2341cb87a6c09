import Crypto
import Foundation
import OCOPDomain

/// A device token as the log records it: whose it is, until when, and the SHA-256 of the
/// token text (the text itself is printed once by `token issue` and stored nowhere).
public struct DeviceTokenRecord: Codable, Sendable, Equatable {
    public let id: String
    public let actor: String
    /// The device it was given to ("quầy 1"), for `token list`.
    public let name: String?
    /// A log timestamp (UTC); nil: until revoked.
    public let expires: String?
    /// Hex SHA-256 of the whole token text.
    public let hash: String
    /// True for a one-time enrol link (`token issue --link`): it enrols one browser on `/shop`,
    /// which gets a device token of its own, and is never a token for the API itself (a link
    /// travels through chats and browser histories). Absent for device tokens.
    public let enrol: Bool?

    public init(id: String, actor: String, name: String?, expires: String?, hash: String, enrol: Bool? = nil) {
        self.id = id
        self.actor = actor
        self.name = name
        self.expires = expires
        self.hash = hash
        self.enrol = enrol
    }

    public var isEnrolLink: Bool { enrol == true }
}

/// The text a device presents (`Authorization: Bearer …`): `ocop_<id>_<secret>`, where the id
/// (16 hex digits) names the log entry and the secret is 32 random bytes in base64url.
public struct DeviceTokenSecret: Sendable {
    public static let prefix = "ocop_"
    public let id: String
    public let text: String

    /// A fresh token.
    public static func generate() -> DeviceTokenSecret {
        var generator = SystemRandomNumberGenerator()
        let id = Hex.lowercase((0..<8).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let secret = Base64URL.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return DeviceTokenSecret(id: id, text: prefix + id + "_" + secret)
    }

    /// Reads presented text; nil when it is not shaped like a token.
    public init?(presented text: String) {
        guard text.utf8.count == 5 + 16 + 1 + 43, text.hasPrefix(Self.prefix) else { return nil }
        let rest = text.dropFirst(Self.prefix.count)
        let id = String(rest.prefix(16))
        guard id.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }), rest.dropFirst(16).first == "_" else { return nil }
        self.id = id
        self.text = text
    }

    private init(id: String, text: String) {
        self.id = id
        self.text = text
    }

    public var hash: String { Self.hash(text) }

    static func hash(_ text: String) -> String {
        Hex.lowercase(SHA256.hash(data: Array(text.utf8)))
    }

    /// Compares digests (or other secrets' hashes) in time independent of where they differ.
    public static func sameDigest(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// A token as the log proves it now: its record and whether (and since when) it was revoked.
public struct DeviceToken: Sendable {
    public let record: DeviceTokenRecord
    public let issuedSeq: Int64
    public internal(set) var revokedSeq: Int64?
    public internal(set) var revokeReason: String?

    /// Why the token does not let a write made at `time` (a log timestamp) through, or nil.
    public func refusal(at time: String, trust: LogTrust) -> String? {
        if revokedSeq != nil { return "token \(record.id) was revoked" }
        if let expires = record.expires, expires <= time { return "token \(record.id) expired at \(expires)" }
        guard let actor = trust.actors[record.actor] else {
            return trust.isCreator(record.actor) ? nil : "the token's actor '\(record.actor)' is no actor of this store"
        }
        if actor.revokedSeq != nil { return "the token's actor '\(record.actor)' was revoked" }
        return nil
    }
}

/// What a presented token turned out to be.
public enum TokenCheck: Sendable, Equatable {
    case valid(actor: String, tokenID: String)
    /// Missing, malformed, unknown, wrong secret, expired or revoked: all 401, with why (for logs).
    case refused(String)
}

extension LogTrust {
    /// Checks presented token text against the tokens the log trusts, at `time`.
    public func check(token text: String?, at time: String = Timestamp.now()) -> TokenCheck {
        guard let text, !text.isEmpty else { return .refused("no token") }
        guard let secret = DeviceTokenSecret(presented: text) else { return .refused("not a device token") }
        guard let token = token(matching: secret) else { return .refused("unknown token") }
        if token.record.isEnrolLink { return .refused("token \(token.record.id) is an enrol link, not a device token") }
        if let refusal = token.refusal(at: time, trust: self) { return .refused(refusal) }
        return .valid(actor: token.record.actor, tokenID: token.record.id)
    }

    /// Checks the text of an enrol link (`token issue --link`) at `time`: valid only once.
    public func check(enrolLink text: String?, at time: String = Timestamp.now()) -> TokenCheck {
        guard let text, let secret = DeviceTokenSecret(presented: text), let token = token(matching: secret),
              token.record.isEnrolLink else {
            return .refused("not an enrol link of this store")
        }
        if token.revokedSeq != nil, token.revokeReason?.hasPrefix(Self.enrolledReasonPrefix) == true {
            return .refused("this enrol link was used already")
        }
        if let refusal = token.refusal(at: time, trust: self) { return .refused(refusal) }
        return .valid(actor: token.record.actor, tokenID: token.record.id)
    }

    /// The logged token whose hash the presented secret has (compared in constant time).
    private func token(matching secret: DeviceTokenSecret) -> DeviceToken? {
        guard let token = tokens[secret.id], DeviceTokenSecret.sameDigest(token.record.hash, secret.hash) else { return nil }
        return token
    }

    /// The revocation reason that marks an enrol link as used.
    public static let enrolledReasonPrefix = "enrolled device token "
}
