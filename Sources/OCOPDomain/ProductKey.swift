extension DigitalLink.Key {
    /// The key a product's codes carry: its GTIN when it has one, else its id under `/p/`.
    public init(product: Product) throws(DomainError) {
        if let gtin = product.gtin {
            self = .gtin(try GTIN(gtin))
        } else {
            self = .productID(try ProductID(product.id))
        }
    }

    /// Does a code with this key name `product`?
    public func names(_ product: Product) -> Bool {
        switch self {
        case let .gtin(gtin): return product.gtin == gtin.gtin14
        case let .productID(id): return product.gtin == nil && product.id == id.text
        }
    }
}
