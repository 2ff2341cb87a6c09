import OCOPDomain
import OCOPStore

/// `trace back CODE`, `trace forward CODE` and `trace forward --batch LOT`.
public struct TraceChain {
    let store: any TraceStore

    public init(store: any TraceStore) {
        self.store = store
    }

    /// A unit's stages, newest first (`.back`) or oldest first (`.forward`), batch stages included.
    public func unit(_ code: String, direction: ChainTrace.Direction) throws(StoreError) -> ChainTrace {
        let unit = try UnitLookup.find(code, in: store)
        let events = try store.history(productID: unit.productID, lot: unit.lot, serial: unit.serial)
        return try trace(productID: unit.productID, lot: unit.lot, serial: unit.serial,
                         events: direction == .back ? events.reversed() : events, direction: direction, holdings: nil)
    }

    /// Every stage of a batch and of each of its units, oldest first, and where its units are now.
    public func batch(lot: String, product: String?) throws(StoreError) -> ChainTrace {
        let batch = try BatchLookup.find(lot: lot, product: product, in: store)
        let events = try store.batchEvents(productID: batch.productID, lot: batch.lot)
        let names = try PartyNames(store: store)
        let holdings = try Self.holdings(of: store.units(productID: batch.productID, lot: batch.lot).map(\.serial),
                                         events: events, names: names)
        return try trace(productID: batch.productID, lot: batch.lot, serial: nil, events: events, direction: .forward,
                         holdings: holdings, names: names)
    }

    private func trace(productID: String, lot: String, serial: String?, events: [ChainEventRecord],
                       direction: ChainTrace.Direction, holdings: [ChainTrace.Holding]?,
                       names: PartyNames? = nil) throws(StoreError) -> ChainTrace {
        let names = if let names { names } else { try PartyNames(store: store) }
        let product = try store.existingProduct(id: productID)
        let traceCode: String
        do { traceCode = try TraceCodes.item(product, lot: lot, serial: serial, host: store.settings.resolver) } catch { throw .invalid(error) }
        let stages = events.map { record in
            let e = record.event
            return ChainTrace.Stage(seq: record.seq, at: e.at.text, step: e.step.rawValue, disposition: e.disposition?.rawValue,
                                    serial: e.serial, location: e.locationID.map { names.party(.location, $0) },
                                    locationText: e.location, from: e.from.map(names.party), to: e.to.map(names.party),
                                    actor: record.actor)
        }
        return ChainTrace(direction: direction, productID: product.id, productName: product.name, lot: lot, serial: serial,
                          traceCode: traceCode, producer: names.party(.producer, product.producerID),
                          produced: try store.batch(productID: productID, lot: lot)?.produced?.description,
                          stages: stages, holdings: holdings)
    }

    /// Each unit's holder after its last stage (its own or its batch's): who took it last,
    /// the shop that sold it, or the producer when it never moved.
    static func holdings(of serials: [String], events: [ChainEventRecord], names: PartyNames) -> [ChainTrace.Holding] {
        var batchLast: ChainEvent?
        var unitLast: [String: ChainEvent] = [:]
        for record in events where record.event.to != nil || record.event.isRetailSale || record.event.locationID != nil {
            if let serial = record.event.serial { unitLast[serial] = record.event } else { batchLast = record.event }
        }
        var counts: [HoldingKey: Int] = [:]
        for serial in serials {
            let own = unitLast[serial]
            // Time order: a unit's own later stage wins over its batch's, and the reverse.
            let last: ChainEvent? = switch (own, batchLast) {
            case let (own?, batch?): batch.at > own.at ? batch : own
            case let (own, batch): own ?? batch
            }
            let holder: String, sold: Bool
            if let last, last.isRetailSale {
                holder = last.locationID.map { names.party(.location, $0).label } ?? last.location ?? "a shop"
                sold = true
            } else if let to = last?.to {
                holder = names.party(to).label
                sold = false
            } else if let id = last?.locationID {
                holder = names.party(.location, id).label
                sold = false
            } else {
                holder = "not moved since issue"
                sold = false
            }
            counts[HoldingKey(holder: holder, sold: sold), default: 0] += 1
        }
        return counts.map { ChainTrace.Holding(holder: $0.key.holder, sold: $0.key.sold, units: $0.value) }
            .sorted { ($0.units, $1.holder, $1.sold ? 1 : 0) > ($1.units, $0.holder, $0.sold ? 1 : 0) }
    }
}

private struct HoldingKey: Hashable {
    let holder: String
    let sold: Bool
}

/// Names and addresses of the registers' parties, read once per trace.
struct PartyNames {
    let producers: [String: Producer]
    let locations: [String: Location]
    let actors: [String: ActorRecord]

    init(store: any TraceStore) throws(StoreError) {
        producers = Dictionary(try store.producers().map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        locations = Dictionary(try store.locations().map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        actors = try store.logTrust().actors.mapValues(\.record)
    }

    func party(_ ref: PartyRef) -> ChainTrace.Party { party(ref.kind, ref.id) }

    func party(_ kind: PartyRef.Kind, _ id: String) -> ChainTrace.Party {
        switch kind {
        case .producer:
            let p = producers[id]
            return .init(kind: kind.rawValue, id: id, name: p?.name ?? id, address: p?.address, traceCode: nil)
        case .location:
            let l = locations[id]
            return .init(kind: kind.rawValue, id: id, name: l?.name ?? id, address: l?.address, traceCode: l?.traceCode ?? id)
        case .actor:
            let a = actors[id]
            return .init(kind: kind.rawValue, id: id, name: a?.name ?? id, address: a?.location, traceCode: nil)
        }
    }
}
