import OCOPDomain
import OCOPStore

/// `export circular02`: the store's products and stages as Circular 02 records, in a fixed
/// order (products by id, stages by log seq) so the same store gives the same bytes.
public struct ExportCircular02 {
    let store: any TraceStore

    public init(store: any TraceStore) {
        self.store = store
    }

    /// Every product (with `since` 0), or only those with stages logged after `since`.
    public func callAsFunction(since: Int64) throws(StoreError) -> Circular02File {
        let host = store.settings.resolver
        let names = try PartyNames(store: store)
        let events = try store.chainEvents(after: since)
        let byProduct = Dictionary(grouping: events, by: \.event.productID)
        let products = try store.products(producerID: nil)
            .filter { since == 0 || byProduct[$0.id] != nil }
            .sorted { $0.id < $1.id }
        var records: [Circular02Product] = []
        for product in products {
            let batches = Dictionary(try store.batches(productID: product.id).map { ($0.lot, $0) }, uniquingKeysWith: { $1 })
            let details = try store.productDetails(productID: product.id)
            let producer = names.producers[product.producerID]
            do throws(DomainError) {
                let stages = try (byProduct[product.id] ?? []).sorted { $0.seq < $1.seq }.map { record throws(DomainError) in
                    try Self.stage(record, product: product, produced: batches[record.event.lot]?.produced, names: names, host: host)
                }
                records.append(Circular02Product(
                    productID: product.id, productName: product.name,
                    productImage: details?.image.map { ProductImagePath.url(host: host, sha256: $0.sha256) },
                    producerName: producer?.name ?? product.producerID, producerAddress: producer?.address ?? "",
                    producerTaxID: producer?.taxID, productionTime: Self.productionTime(batches.values.compactMap(\.produced)),
                    traceabilityCode: try TraceCodes.product(product, host: host), brand: details?.brand, model: details?.model,
                    shelfLifeDays: details?.shelfLifeDays, standards: details?.standards ?? [], stages: stages))
            } catch {
                throw .invalid(error)
            }
        }
        return Circular02File(resolver: host, since: since, lastSeq: try store.lastLogEntry()?.seq ?? 0, products: records)
    }

    static func stage(_ record: ChainEventRecord, product: Product, produced: CalendarDate?, names: PartyNames,
                      host: String) throws(DomainError) -> Circular02Stage {
        let e = record.event
        let place = e.locationID.map { names.party(.location, $0) }
        let from = e.from.map(names.party), to = e.to.map(names.party)
        return Circular02Stage(
            seq: record.seq, lot: e.lot, serial: e.serial, produced: produced?.description,
            productTraceCode: try TraceCodes.item(product, lot: e.lot, serial: e.serial, host: host),
            locationTraceCode: place?.traceCode, location: e.location, time: e.at.text, step: e.step.rawValue,
            disposition: e.disposition?.rawValue, from: from.map(traceCode), fromName: from?.name, to: to.map(traceCode), toName: to?.name)
    }

    /// A location by its trace code (its GLN when it has one); other parties as `kind:id`.
    static func traceCode(_ party: ChainTrace.Party) -> String {
        party.kind == PartyRef.Kind.location.rawValue ? (party.traceCode ?? "location:\(party.id)") : "\(party.kind):\(party.id)"
    }

    /// "2026-11-20", or "2026-11-01/2026-11-20" (an ISO 8601 interval) for several batches.
    static func productionTime(_ dates: [CalendarDate]) -> String? {
        guard let first = dates.min(), let last = dates.max() else { return nil }
        return first == last ? first.description : "\(first)/\(last)"
    }
}
