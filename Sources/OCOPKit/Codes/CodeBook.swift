import OCOPDomain
import OCOPStore

/// Turns stored units into the codes printed on labels: GS1 Digital Link URIs on the store's
/// resolver, signed with the issuer's key, and their short codes.
public struct CodeBook: Sendable {
    public let resolver: String
    let signer: CodeSigner

    public init(folder: StoreFolder, settings: StoreSettings) throws(StoreError) {
        let key = try KeyFiles.loadPrivate(folder.privateKeyPath)
        do {
            signer = try CodeSigner(privateKey: Array(key.rawRepresentation))
        } catch {
            throw .key(error.description)
        }
        guard Base64URL.encode(signer.publicKeyBytes) == settings.publicKey else {
            throw .key("\(folder.privateKeyPath) does not belong to this store (its public key differs from the one in the log)")
        }
        resolver = settings.resolver
    }

    public static func key(for product: Product) throws(DomainError) -> DigitalLink.Key {
        try DigitalLink.Key(product: product)
    }

    /// The signed unit URI: `https://<resolver>/01/<gtin14>/10/<lot>/21/<serial>?s=<signature>`.
    public func unitLink(_ unit: UnitRecord, product: Product) throws(DomainError) -> DigitalLink {
        signer.sign(try compactLink(unit, product: product))
    }

    /// The unit's compact code (`CompactCode`): the same link without signature, nothing signed.
    public func compactLink(_ unit: UnitRecord, product: Product) throws(DomainError) -> DigitalLink {
        try DigitalLink.unit(host: resolver, key: Self.key(for: product), lot: unit.lot, serial: Serial(parsing: unit.serial))
    }

    /// The text a label's QR code carries for the unit: the signed URI, or the compact code's
    /// upper-case form.
    public func unitCode(_ unit: UnitRecord, product: Product, kind: CodeKind) throws(DomainError) -> String {
        switch kind {
        case .compact: return CompactCode.text(try compactLink(unit, product: product))
        case .signed, .shortCode: return try unitLink(unit, product: product).uri
        }
    }

    /// `7Q2K-9XW3-M`, as printed under the QR.
    public static func displayShortCode(_ compact: String) -> String {
        (try? ShortCode(parsing: compact).display) ?? compact
    }
}

extension CodeBook {
    /// The batch URI needs no key, so shops and reports can print it without the issuer's secret.
    public static func batchURI(_ batch: BatchRecord, product: Product, resolver: String) throws(StoreError) -> String {
        do {
            return try DigitalLink.batch(host: resolver, key: key(for: product), lot: batch.lot).uri
        } catch {
            throw .invalid(error)
        }
    }
}
