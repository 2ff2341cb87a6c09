import Crypto
import Foundation
import OCOPDomain
import OCOPStore

/// Tells scanning clients apart without keeping their addresses: a salted SHA-256 of the
/// address, truncated. The salt lives beside the store (`scan-salt`, mode 0600) so counts
/// survive restarts, and never leaves the machine.
public enum ClientFingerprint {
    public static func of(address: String, salt: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Array("\u{0}".utf8))
        hasher.update(data: Array(address.utf8))
        return Hex.lowercase(hasher.finalize().prefix(12))
    }

    /// Reads the salt file, creating it with 32 random bytes (mode 0600) on first use.
    public static func loadOrCreateSalt(at path: String) throws -> [UInt8] {
        if let data = FileManager.default.contents(atPath: path), data.count >= 16 {
            return [UInt8](data)
        }
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        guard FileManager.default.createFile(atPath: path, contents: Data(salt), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return salt
    }
}
