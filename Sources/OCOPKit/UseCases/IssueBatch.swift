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
    ///   - pins: give every unit a secret scratch-off PIN: its hash goes to the log, the PIN
    ///     itself only to the codes file (a `pin` column), once; `codesFile` is then required.
    ///   - progress: units issued so far, after each logged chunk.
    public func callAsFunction(_ batch: Batch, actor: LogAuthor, codesFile: String?, pins: Bool = false,
                               progress: @escaping @Sendable (Int) -> Void = { _ in }) throws(KitError) -> Outcome {
        if pins, codesFile == nil {
            throw .invalid(DomainError(field: "pins", rule: "need a codes file (--codes FILE): the PINs are written there once and nowhere else"))
        }
        // Both checked before anything is written: an unknown product or a bad key must not
        // leave a batch without labels.
        let product: Product
        let book: CodeBook
        let draw: PinDraw?
        do throws(StoreError) {
            guard let found = try store.product(id: batch.productID) else {
                throw StoreError.notFound(what: "product", id: batch.productID)
            }
            product = found
            book = try CodeBook(folder: store.keyFolder, settings: store.settings)
            draw = pins ? PinDraw(pepper: try store.pinPepper(create: true)) : nil
        } catch {
            throw .store(error)
        }
        let signing = codesFile.map { _ in SigningAhead(book: book, product: product) }
        let issued: IssuedBatch
        do throws(StoreError) {
            issued = try store.issueBatch(batch, actor: actor, pinHashes: draw.map { draw in { draw.hashes($0) } }) { chunk, done in
                signing?.sign(chunk)
                progress(done)
            }
        } catch {
            throw .store(error)
        }
        if let codesFile, let signing {
            do throws(KitError) {
                let csv = try signing.csv(for: issued.units, pins: draw?.bySerial)
                try draw == nil ? CodeExport.save(csv, to: codesFile) : CodeExport.savePrivate(csv, to: codesFile)
            } catch {
                // The store keeps only the PINs' hashes: a codes file not written loses them.
                let lost = draw == nil ? "" : "; its scratch-off PINs are lost (the store keeps only their hashes): do not label this batch"
                throw .codesNotWritten(product: product.id, lot: issued.batch.lot, units: issued.units.count,
                                       seq: issued.batch.seq, file: codesFile, cause: error.description + lost)
            }
        }
        return Outcome(issued: issued, resolver: book.resolver)
    }
}
