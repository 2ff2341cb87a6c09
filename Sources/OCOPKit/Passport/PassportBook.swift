import OCOPDomain
import OCOPStore

/// Digital product passports from the store: a unit's (through the one verification: only a
/// code whose verdict lets its facts be shown gets one), a product's, or every product's.
public struct PassportBook: Sendable {
    let store: any TraceStore

    public init(store: any TraceStore) {
        self.store = store
    }

    /// The unit's passport, or nil when its verdict shows no facts (forged, unknown, …).
    public func unit(_ code: String, on day: CalendarDate) throws(StoreError) -> (report: VerificationReport, passport: DigitalPassport?) {
        let report = try VerifyCode(store: store)(code, on: day)
        guard report.verdict.showsFacts, let facts = report.facts else { return (report, nil) }
        let details = try store.productDetails(productID: facts.product.id)
        do throws(DomainError) {
            return (report, try DigitalPassport.of(unit: facts, details: details, host: store.settings.resolver, on: day))
        } catch {
            throw .invalid(error)
        }
    }

    public func product(_ id: String, on day: CalendarDate) throws(StoreError) -> DigitalPassport {
        let product = try store.existingProduct(id: id)
        let identifier: String
        do {
            identifier = try TraceCodes.product(product, host: store.settings.resolver)
        } catch {
            throw .invalid(error)
        }
        return DigitalPassport.of(product: product, producer: try store.producer(id: product.producerID),
                                  ratings: try store.ratings(productID: id), details: try store.productDetails(productID: id),
                                  identifier: identifier, on: day)
    }

    public func all(on day: CalendarDate) throws(StoreError) -> [DigitalPassport] {
        try store.products(producerID: nil).map { product throws(StoreError) in try self.product(product.id, on: day) }
    }
}
