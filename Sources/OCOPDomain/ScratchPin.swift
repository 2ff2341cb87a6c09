import Crypto

/// The secret 8-digit PIN under a unit's scratch-off layer. The shopper's first check with it
/// proves the label in hand is the original: a photocopy of the QR carries no PIN, and a copied
/// PIN was already used by whoever scratched the original.
///
/// Only `hash` is ever stored: HMAC-SHA256 under a secret pepper of the store, so neither the
/// log nor an export lets anyone try the 10^8 PINs offline.
public struct ScratchPin: Sendable, Equatable {
    public static let digitCount = 8

    /// Exactly 8 ASCII digits, leading zeros kept.
    public let digits: String

    /// A fresh PIN, uniform over 00000000-99999999 (`random(in:)` draws without modulo bias).
    public init(using generator: inout some RandomNumberGenerator) {
        let value = UInt32.random(in: 0..<100_000_000, using: &generator)
        let text = String(value)
        digits = String(repeating: "0", count: Self.digitCount - text.count) + text
    }

    /// A PIN as a shopper types it: spaces and dashes between the digits are ignored.
    public init(parsing text: String) throws(DomainError) {
        let compact = text.filter { $0 != " " && $0 != "-" }
        guard compact.count == Self.digitCount, compact.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw DomainError(field: "pin", rule: "is \(Self.digitCount) digits (0-9), as printed under the scratch-off layer")
        }
        digits = compact
    }

    /// What the store keeps for this PIN of the unit `serial`: hex HMAC-SHA256(pepper, serial|pin).
    /// The serial is in the message so one PIN hash cannot be moved to another unit.
    public func hash(serial: String, pepper: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(serial)|\(digits)".utf8), using: pepper)
        return Hex.lowercase(Array(mac))
    }

    /// Whether `hash` (as stored) is this PIN's for `serial`, compared in constant time.
    public func matches(_ hash: String, serial: String, pepper: SymmetricKey) -> Bool {
        let mine = Array(self.hash(serial: serial, pepper: pepper).utf8), theirs = Array(hash.utf8)
        guard mine.count == theirs.count else { return false }
        return zip(mine, theirs).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
