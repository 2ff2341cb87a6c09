import OCOPDomain

/// The trace codes Circular 02 asks for, as GS1 Digital Link URIs without a signature: the GS1
/// key of a product, a batch or a unit (the signature of a printed code proves it genuine; it
/// names nothing more).
public enum TraceCodes {
    public static func product(_ product: Product, host: String) throws(DomainError) -> String {
        switch try DigitalLink.Key(product: product) {
        case let .gtin(gtin): try DigitalLink(host: host, gtin: gtin).uri
        case let .productID(id): try DigitalLink(host: host, productID: id).uri
        }
    }

    /// A unit's code with `serial`, a batch's without.
    public static func item(_ product: Product, lot: String, serial: String?, host: String) throws(DomainError) -> String {
        let key = try DigitalLink.Key(product: product)
        if let serial { return try DigitalLink.unit(host: host, key: key, lot: lot, serial: Serial(parsing: serial)).uri }
        return try DigitalLink.batch(host: host, key: key, lot: lot).uri
    }
}
