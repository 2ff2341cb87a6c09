import OCOPDomain
import OCOPLabel
import OCOPStore

/// Gathers from the store what a label or stamp shows, as the renderer's plain `LabelData`.
public struct LabelInputs: Sendable {
    public let store: any TraceStore

    public init(store: any TraceStore) {
        self.store = store
    }

    /// Product, producer, product and batch URIs, and the rating the batch was issued under.
    public func batch(_ batch: BatchRecord) throws(KitError) -> LabelData {
        let (product, producer) = try productAndProducer(batch.productID)
        var data = try base(product, producer)
        do throws(StoreError) {
            let ratings = try store.ratings(productID: product.id)
            let printed = batch.ratingSeq.flatMap { seq in ratings.first { $0.seq == seq } }
            data.lot = batch.lot
            data.produced = batch.produced
            data.expires = batch.expires
            data.batchURI = try CodeBook.batchURI(batch, product: product, resolver: store.settings.resolver)
            data.rating = printed.flatMap(Self.ratingInfo)
            return data
        } catch {
            throw .store(error)
        }
    }

    /// Product, producer, product URI and the rating in force, for a stamp.
    public func stamp(productID: String, rating: RatingRecord) throws(KitError) -> LabelData {
        let (product, producer) = try productAndProducer(productID)
        var data = try base(product, producer)
        data.rating = Self.ratingInfo(rating)
        return data
    }

    /// One unit's values; its QR code carries the code of `kind` (the template's `unit_code`).
    public func unit(_ unit: UnitRecord, product: Product, book: CodeBook, kind: CodeKind = .signed) throws(KitError) -> LabelData.Unit {
        do {
            let uri = try book.unitCode(unit, product: product, kind: kind)
            return LabelData.Unit(serial: unit.serial, shortCode: CodeBook.displayShortCode(unit.shortCode), uri: uri)
        } catch {
            throw .invalid(error)
        }
    }

    func productAndProducer(_ productID: String) throws(KitError) -> (Product, Producer) {
        do throws(StoreError) {
            guard let product = try store.product(id: productID) else { throw StoreError.notFound(what: "product", id: productID) }
            guard let producer = try store.producer(id: product.producerID) else {
                throw StoreError.notFound(what: "producer", id: product.producerID)
            }
            return (product, producer)
        } catch {
            throw .store(error)
        }
    }

    private func base(_ product: Product, _ producer: Producer) throws(KitError) -> LabelData {
        let productURI: String
        do {
            productURI = try TraceCodes.product(product, host: store.settings.resolver)
        } catch {
            throw .invalid(error)
        }
        return LabelData(
            product: .init(id: product.id, name: product.name, gtin: product.gtin, group: product.group.vietnameseName),
            producer: .init(name: producer.name, address: producer.address),
            productURI: productURI)
    }

    static func ratingInfo(_ record: RatingRecord) -> LabelData.RatingInfo? {
        guard record.action == .rate, let stars = record.stars, let validUntil = record.validUntil else { return nil }
        return .init(stars: stars, validUntil: validUntil, year: record.decisionDate.year, decisionNumber: record.decisionNumber)
    }
}
