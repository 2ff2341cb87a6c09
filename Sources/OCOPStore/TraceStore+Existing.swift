import OCOPDomain

extension TraceStore {
    /// The product with this id, or `notFound` naming it: for every command given `--product`,
    /// so an unknown id is one line and exit 66, never a crash.
    public func existingProduct(id: String) throws(StoreError) -> Product {
        guard let product = try product(id: id) else { throw .notFound(what: "product", id: id) }
        return product
    }
}
