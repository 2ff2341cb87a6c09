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
    /// The raw private key (the key type is not Sendable); never printed (see `description`).
    private let secret: [UInt8]

    public init(id: String, signer: String? = nil, token: String? = nil, key: Curve25519.Signing.PrivateKey) {
        self.id = id
        self.signer = signer ?? id
        self.token = token
        secret = Array(key.rawRepresentation)
    }

    /// This author (the store's creator) signing for `actor` through one of its device tokens.
    public func onBehalf(of actor: String, token: String) -> LogAuthor {
        LogAuthor(id: actor, signer: id, token: token, key: key)
    }

    var key: Curve25519.Signing.PrivateKey {
        // 32 bytes taken from a valid key: cannot fail.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: secret)
    }

    public var description: String { "actor \(id)" + (signer == id ? "" : " (signed by \(signer))") }
    public var debugDescription: String { description }

    public var publicKey: String { Base64URL.encode(Array(key.publicKey.rawRepresentation)) }
}
