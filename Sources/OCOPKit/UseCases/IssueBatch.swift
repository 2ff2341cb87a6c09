import OCOPDomain
import OCOPStore

/// Issues a batch and its signed unit codes, and writes the codes file when asked: the one
/// issuing path for the CLI and any later write API.
public struct IssueBatch {
    public struct Outcome: Sendable {
        public let issued: IssuedBatch
        /// The host every code is signed for.
        public let resolver: String
    }

    let store: any SessionTraceStore

    public init(store: any SessionTraceStore) {
        self.store = store
    }

    /// - Parameters:
    ///   - codesFile: also write the signed codes as CSV there (after the commit; each chunk is
    ///     signed on the other cores while the transaction runs).
    ///   - progress: units issued so far, after each logged chunk.
    public func callAsFunction(_ batch: Batch, actor: LogAuthor, codesFile: String?,
                               progress: @escaping @Sendable (Int) -> Void = { _ in }) throws(KitError) -> Outcome {
        // Both checked before anything is written: an unknown product or a bad key must not
        // leave a batch without labels.
        let product: Product
        let book: CodeBook
        do throws(StoreError) {
            guard let found = try store.product(id: batch.productID) else {
                throw StoreError.notFound(what: "product", id: batch.productID)
            }
            product = found
            book = try CodeBook(folder: store.keyFolder, settings: store.settings)
        } catch {
            throw .store(error)
        }
        let signing = codesFile.map { _ in SigningAhead(book: book, product: product) }
        let issued: IssuedBatch
        do throws(StoreError) {
            issued = try store.issueBatch(batch, actor: actor) { chunk, done in
                signing?.sign(chunk)
                progress(done)
            }
        } catch {
            throw .store(error)
        }
        if let codesFile, let signing {
            do throws(KitError) {
                try CodeExport.save(try signing.csv(for: issued.units), to: codesFile)
            } catch {
                throw .codesNotWritten(product: product.id, lot: issued.batch.lot, units: issued.units.count,
                                       seq: issued.batch.seq, file: codesFile, cause: error.description)
            }
        }
        return Outcome(issued: issued, resolver: book.resolver)
    }
}
