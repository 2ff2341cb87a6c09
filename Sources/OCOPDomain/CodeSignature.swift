import Crypto

/// Ed25519 signatures that make a copied-by-hand or invented code detectable offline.
///
/// The signed message is `DigitalLink.canonical` as UTF-8: scheme `https`, host, path, GS1 query
/// attributes, without `s`. The signature goes last in the query as `s=` (base64url, no padding,
/// 86 characters). Keys are raw 32-byte Ed25519 representations; storing them is the caller's job.
public struct CodeSigner: Sendable {
    private let seed: [UInt8]
    private let box: KeyBox
    private var privateKey: Curve25519.Signing.PrivateKey { box.key }

    /// swift-crypto's key type is not Sendable, but it is immutable after creation and signing
    /// only reads it; rebuilding it per signature would derive the public key every time.
    private final class KeyBox: @unchecked Sendable {
        let key: Curve25519.Signing.PrivateKey
        init(_ key: Curve25519.Signing.PrivateKey) { self.key = key }
    }

    /// - Parameter privateKey: the 32-byte Ed25519 private key (seed).
    public init(privateKey: [UInt8]) throws(DomainError) {
        guard privateKey.count == 32 else {
            throw DomainError(field: "private key", rule: "has \(privateKey.count) bytes; an Ed25519 private key has 32")
        }
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: privateKey) else {
            throw DomainError(field: "private key", rule: "is not a valid Ed25519 key")
        }
        seed = privateKey
        box = KeyBox(key)
    }

    /// A new key from `generator`'s bytes. Use `SystemRandomNumberGenerator` (cryptographically
    /// secure) for real keys; a seeded generator only in tests.
    public init<Generator: RandomNumberGenerator>(generatingWith generator: inout Generator) {
        var seed: [UInt8] = []
        for _ in 0..<4 {
            withUnsafeBytes(of: generator.next().littleEndian) { seed.append(contentsOf: $0) }
        }
        // Any 32 bytes are a valid Ed25519 seed.
        try! self.init(privateKey: seed)
    }

    /// The 32 raw bytes to store (secretly).
    public var privateKeyBytes: [UInt8] { seed }

    /// The 32 raw bytes to publish for offline verification.
    public var publicKeyBytes: [UInt8] { Array(privateKey.publicKey.rawRepresentation) }

    /// The base64url signature of `link.canonical`.
    public func signature(for link: DigitalLink) -> String {
        let message = Array(link.canonical.utf8)
        // Signing with a valid key only fails if the system's crypto library is broken.
        guard let signature = try? privateKey.signature(for: message) else {
            preconditionFailure("Ed25519 signing failed")
        }
        return Base64URL.encode(Array(signature))
    }

    /// `link` with its signature in the query (`…?s=…` or `…&s=…`); read `.uri` for the text.
    public func sign(_ link: DigitalLink) -> DigitalLink {
        try! link.withSignature(signature(for: link))
    }
}

/// Checks signed codes against a published public key.
public struct CodeVerifier: Sendable {
    private let keyBytes: [UInt8]
    private var publicKey: Curve25519.Signing.PublicKey {
        try! Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
    }

    /// - Parameter publicKey: the 32-byte Ed25519 public key.
    public init(publicKey: [UInt8]) throws(DomainError) {
        guard publicKey.count == 32 else {
            throw DomainError(field: "public key", rule: "has \(publicKey.count) bytes; an Ed25519 public key has 32")
        }
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)) != nil else {
            throw DomainError(field: "public key", rule: "is not a valid Ed25519 key")
        }
        keyBytes = publicKey
    }

    /// Checks a scanned or typed URI. Valid only when the signature matches *and* the text is
    /// exactly what was issued (`DigitalLink.uri`): a label carries the canonical text, so any other
    /// spelling of the same code (http, upper-case host, `%2f`, extra `&`, a fragment, added
    /// parameters, `s` moved) means someone edited it and is reported as `.nonCanonical`.
    public func verify(uri: String) -> SignatureCheck {
        let link: DigitalLink
        do {
            link = try DigitalLink(parsing: uri)
        } catch {
            return .unreadable(error)
        }
        let check = verify(link)
        guard check == .valid else { return check }
        return link.uri == uri ? .valid : .nonCanonical(canonical: link.uri)
    }

    /// Checks the signature of an already parsed code against its canonical text.
    public func verify(_ link: DigitalLink) -> SignatureCheck {
        guard let text = link.signature else { return .missing }
        guard let signature = try? Base64URL.decode(text), signature.count == 64 else { return .mismatch }
        let message = Array(link.canonical.utf8)
        return publicKey.isValidSignature(signature, for: message) ? .valid : .mismatch
    }
}

/// The outcome of checking a code's signature.
public enum SignatureCheck: Equatable, Sendable {
    /// Signed with the key's private half over exactly this code.
    case valid
    /// The code carries no `s` parameter.
    case missing
    /// There is a signature, but not one the key made for this code: a forgery or an altered code.
    case mismatch
    /// The signature fits the code, but the text differs from the issued spelling (shown in
    /// `canonical`): the printed code was edited. Treat as forged.
    case nonCanonical(canonical: String)
    /// The text is not a Digital Link this tool reads.
    case unreadable(DomainError)

    public var isValid: Bool { self == .valid }
}
