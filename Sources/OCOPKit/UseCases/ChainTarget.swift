import OCOPDomain
import OCOPStore

/// What a chain event is about: a unit (by its code) or a whole batch (by lot).
public struct ChainTarget: Sendable, CustomStringConvertible {
    public let productID: String
    public let lot: String
    public let serial: String?

    public var description: String { serial.map { "unit \($0) of \(lot)" } ?? "batch \(lot) of \(productID)" }

    /// A batch by lot (asking for the product only when the lot is ambiguous), or a unit by code.
    public static func resolve(code: String?, lot: String?, product: String?, in store: any TraceStore) throws(StoreError) -> ChainTarget {
        if let lot {
            let batch = try BatchLookup.find(lot: lot, product: product, in: store)
            return ChainTarget(productID: batch.productID, lot: batch.lot, serial: nil)
        }
        let unit = try UnitLookup.find(code ?? "", in: store)
        return ChainTarget(productID: unit.productID, lot: unit.lot, serial: unit.serial)
    }
}

/// Finds a batch by lot, asking for the product only when the lot number is ambiguous.
public enum BatchLookup {
    public static func find(lot: String, product: String?, in store: any TraceStore) throws(StoreError) -> BatchRecord {
        if let product {
            guard try store.product(id: product) != nil else { throw .notFound(what: "product", id: product) }
            guard let batch = try store.batch(productID: product, lot: lot) else {
                throw .notFound(what: "lot", id: "\(lot) of product \(product)")
            }
            return batch
        }
        let matches = try store.batches(lot: lot)
        guard let first = matches.first else { throw .notFound(what: "lot", id: lot) }
        guard matches.count == 1 else {
            throw .invalid(DomainError(field: "lot", rule: "'\(lot)' exists for products \(matches.map(\.productID).joined(separator: ", ")); pass --product"))
        }
        return first
    }
}

/// Finds the unit a code names. A URI must carry this store's valid signature, or be a compact
/// code on this store's resolver whose serial was issued for the product and lot it names.
public enum UnitLookup {
    public static func find(_ text: String, in store: any TraceStore) throws(StoreError) -> UnitRecord {
        switch CodeInput(text: text) {
        case let .malformed(_, error), let .mistyped(_, error):
            throw .invalid(DomainError(field: "code", rule: "is not a unit URI or short code: \(error.description)"))
        case let .shortCode(code):
            guard let unit = try store.unit(shortCode: code.compact) else { throw .notFound(what: "code", id: code.display) }
            return unit
        case let .link(link) where link.signature == nil && link.level == .unit:
            if let problem = CompactCode.problem(link, issuerHost: store.settings.resolver) {
                throw .invalid(DomainError(field: "code", rule: problem))
            }
            guard let serial = link.serial, let unit = try store.unit(serial: serial),
                  let product = try store.product(id: unit.productID), link.key.names(product), link.lot == unit.lot else {
                throw .notFound(what: "code", id: link.uri)
            }
            return unit
        case let .link(link):
            let signature = try KeyRing.of(store).check(link)
            guard signature == .valid, let serial = link.serial else {
                let report = VerdictRules.judge(VerdictEvidence(reading: .link(signature, namesUnit: link.serial != nil),
                                                                storeConsulted: false), on: CalendarDate(dayNumber: 0))
                throw .invalid(DomainError(field: "code", rule: report.reason ?? "is not signed by this store"))
            }
            guard let unit = try store.unit(serial: serial) else { throw .notFound(what: "code", id: link.uri) }
            return unit
        }
    }
}
