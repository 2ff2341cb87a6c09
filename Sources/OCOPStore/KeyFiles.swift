import Crypto
import Foundation
import OCOPDomain

/// The issuer's Ed25519 key pair on disk, in the PEM forms OpenSSL reads (PKCS#8 private key,
/// SubjectPublicKeyInfo public key). The private key file is created 0600 and refused when
/// group or others can read it; its bytes are never printed.
public enum KeyFiles {
    static let privatePrefix: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
    static let publicPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// Creates a fresh key pair at the two paths; fails if either exists.
    public static func create(privatePath: String, publicPath: String) throws(StoreError) -> Curve25519.Signing.PrivateKey {
        let key = Curve25519.Signing.PrivateKey()
        let privatePEM = pem("PRIVATE KEY", privatePrefix + Array(key.rawRepresentation))
        try writeNew(privatePEM, to: privatePath, mode: 0o600)
        try writeNew(publicPEM(key.publicKey), to: publicPath, mode: 0o644)
        return key
    }

    /// Copies a store's key pair to another folder (a SQLite store's keys to the key folder of
    /// its PostgreSQL copy): the private key is checked, then written 0600, never over a file.
    public static func copyPair(from source: StoreFolder, to target: StoreFolder) throws(StoreError) -> Curve25519.Signing.PrivateKey {
        let key = try loadPrivate(source.privateKeyPath)
        try writeNew(pem("PRIVATE KEY", privatePrefix + Array(key.rawRepresentation)), to: target.privateKeyPath, mode: 0o600)
        do {
            try writeNew(publicPEM(key.publicKey), to: target.publicKeyPath, mode: 0o644)
        } catch {
            try? FileManager.default.removeItem(atPath: target.privateKeyPath)
            throw error
        }
        return key
    }

    /// A new private key alone, for rotation (the public half goes to the log first).
    static func createPrivate(at path: String) throws(StoreError) -> Curve25519.Signing.PrivateKey {
        let key = Curve25519.Signing.PrivateKey()
        try writeNew(pem("PRIVATE KEY", privatePrefix + Array(key.rawRepresentation)), to: path, mode: 0o600)
        return key
    }

    /// Overwrites the public key file (it is public; a temp file and rename keep it whole).
    static func replacePublic(_ pemText: String, at path: String) throws(StoreError) {
        let temporary = path + ".new"
        try? FileManager.default.removeItem(atPath: temporary)
        try writeNew(pemText, to: temporary, mode: 0o644)
        guard rename(temporary, path) == 0 else { throw .key("cannot replace \(path): \(String(cString: strerror(errno)))") }
    }

    /// The first 16 hex digits of SHA-256 over the raw public key.
    public static func keyID(base64URL key: String) -> String {
        let raw = (try? Base64URL.decode(key)) ?? []
        return Hex.lowercase(SHA256.hash(data: raw).prefix(8))
    }

    /// Every public key in a PEM file (an export holds all of a store's keys).
    /// The keys of a file of PEM public keys (`key export`), or of a checkpoint (`log checkpoint`,
    /// `/.well-known/ocop-trace/checkpoint`), whose own signature must hold: every store key it names.
    public static func loadPublicKeys(_ path: String) throws(StoreError) -> [Curve25519.Signing.PublicKey] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .key("public key \(path) cannot be read")
        }
        if text.drop(while: \.isWhitespace).hasPrefix("{") {
            let checkpoint = try LogCheckpoint.parse(Data(text.utf8), name: path)
            guard checkpoint.isSelfConsistent else { throw .key("\(path): the checkpoint's signature does not verify (the file was edited)") }
            let keys = checkpoint.storeKeys.compactMap(parsePublic(base64URL:))
            guard keys.count == checkpoint.storeKeys.count else { throw .key("\(path): the checkpoint names a key that is no Ed25519 key") }
            return keys
        }
        let end = "-----END PUBLIC KEY-----"
        let blocks = text.components(separatedBy: end).dropLast().map { $0 + end }
        let keys = blocks.compactMap { block in parsePublic(block) }
        guard !keys.isEmpty, keys.count == blocks.count else { throw .key("\(path) is not a file of Ed25519 PEM public keys") }
        return keys
    }

    public static func publicPEM(_ key: Curve25519.Signing.PublicKey) -> String {
        pem("PUBLIC KEY", publicPrefix + Array(key.rawRepresentation))
    }

    public static func loadPrivate(_ path: String) throws(StoreError) -> Curve25519.Signing.PrivateKey {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .key("\(path) is missing (\(String(cString: strerror(errno))))") }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw .key("\(path) is readable by group or others (mode \(String(mode, radix: 8))); run `chmod 600 \(path)`")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let der = derFromPEM(text, label: "PRIVATE KEY"), der.count == 48, Array(der.prefix(16)) == privatePrefix,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: der.suffix(32)) else {
            throw .key("\(path) is not an Ed25519 PKCS#8 PEM private key")
        }
        return key
    }

    public static func loadPublic(_ path: String) throws(StoreError) -> Curve25519.Signing.PublicKey {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .key("public key \(path) cannot be read")
        }
        guard let key = parsePublic(text) else { throw .key("\(path) is not an Ed25519 PEM public key") }
        return key
    }

    public static func parsePublic(base64URL key: String) -> Curve25519.Signing.PublicKey? {
        guard let raw = try? Base64URL.decode(key) else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
    }

    public static func parsePublic(_ pemText: String) -> Curve25519.Signing.PublicKey? {
        guard let der = derFromPEM(pemText, label: "PUBLIC KEY"), der.count == 44, Array(der.prefix(12)) == publicPrefix else {
            return nil
        }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: der.suffix(32))
    }

    private static func pem(_ label: String, _ der: [UInt8]) -> String {
        let base64 = Data(der).base64EncodedString()
        var lines: [String] = []
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        return "-----BEGIN \(label)-----\n" + lines.joined(separator: "\n") + "\n-----END \(label)-----\n"
    }

    private static func derFromPEM(_ text: String, label: String) -> [UInt8]? {
        let begin = "-----BEGIN \(label)-----", end = "-----END \(label)-----"
        guard let start = text.range(of: begin), let stop = text.range(of: end), start.upperBound <= stop.lowerBound else { return nil }
        let body = text[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(body)).map(Array.init)
    }

    /// O_EXCL: never overwrite a key; the mode is set at creation, so no moment of wider access.
    static func writeNew(_ text: String, to path: String, mode: mode_t) throws(StoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .key("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw .key("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        _ = fchmod(fd, mode)  // umask may have narrowed it; never widened beyond `mode`
    }
}
