import Crypto
import OCOPDomain

/// Who writes: the actor the entries name, and the key that signs the write's seal.
///
/// Usually the actor signs with its own key. The resolver's write API signs with the store
/// key on behalf of the token's actor (`signer` is then the store's creator and `token` names
/// the device), so the log still says who recorded what and through which device.
public struct LogAuthor: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let id: String
    public let signer: String
    public let token: String?
    /// The private key, made once (deriving it costs as much as the signature); never printed
    /// (see `description`).
    private let secret: KeyBox

    public init(id: String, signer: String? = nil, token: String? = nil, key: Curve25519.Signing.PrivateKey) {
        self.id = id
        self.signer = signer ?? id
        self.token = token
        secret = KeyBox(key)
    }

    /// This author (the store's creator) signing for `actor` through one of its device tokens.
    public func onBehalf(of actor: String, token: String) -> LogAuthor {
        LogAuthor(id: actor, signer: id, token: token, key: key)
    }

    var key: Curve25519.Signing.PrivateKey { secret.key }

    public var description: String { "actor \(id)" + (signer == id ? "" : " (signed by \(signer))") }
    public var debugDescription: String { description }

    public var publicKey: String { Base64URL.encode(Array(key.publicKey.rawRepresentation)) }
}

/// A private key shared read-only between threads (the key type is not marked Sendable; it is
/// an immutable value).
private final class KeyBox: @unchecked Sendable {
    let key: Curve25519.Signing.PrivateKey
    init(_ key: Curve25519.Signing.PrivateKey) { self.key = key }
}
