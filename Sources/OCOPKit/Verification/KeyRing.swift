import OCOPDomain
import OCOPStore

/// The public keys a code's signature is checked against: every key the issuer has signed
/// with (after `key rotate`, old labels carry the old key's signature).
public struct KeyRing: Sendable {
    let verifiers: [CodeVerifier]

    public init(publicKeys: [[UInt8]]) throws(StoreError) {
        guard !publicKeys.isEmpty else { throw .key("no public key to check signatures with") }
        do {
            verifiers = try publicKeys.map { key throws(DomainError) in try CodeVerifier(publicKey: key) }
        } catch {
            throw .key(error.description)
        }
    }

    /// The store's keys, read from hash-checked entries of its log (never from a derived table).
    public static func of(_ store: any TraceStore) throws(StoreError) -> KeyRing {
        try KeyRing(publicKeys: store.issuerKeys().compactMap { try? Base64URL.decode($0.publicKey) })
    }

    /// Valid under any key; otherwise what the newest key says.
    public func check(_ link: DigitalLink) -> SignatureCheck {
        var last = SignatureCheck.mismatch
        for verifier in verifiers.reversed() {
            let result = verifier.verify(link)
            if result == .valid { return .valid }
            last = result
        }
        return last
    }
}
