import OCOPDomain
import OCOPStore

/// A chain event as an entry point receives it (CLI options, an API call): register
/// references still as typed, read against the store by `RecordEvent` before anything is written.
public struct EventDraft: Sendable {
    public var step: BusinessStep
    public var disposition: Disposition?
    public var at: EventTime
    /// Free text; when only `locationID` is given it becomes the place's name and address.
    public var location: String?
    public var locationID: String?
    /// A producer, actor or location id, or `kind:id` (see `PartyLookup`).
    public var from: String?
    public var to: String?
    public var note: String?
    public var supplier: String?
    public var price: String?
    public var isPrivate: Bool

    public init(step: BusinessStep, disposition: Disposition? = nil, at: EventTime, location: String? = nil,
                locationID: String? = nil, from: String? = nil, to: String? = nil, note: String? = nil,
                supplier: String? = nil, price: String? = nil, isPrivate: Bool = false) {
        self.step = step
        self.disposition = disposition
        self.at = at
        self.location = location
        self.locationID = locationID
        self.from = from
        self.to = to
        self.note = note
        self.supplier = supplier
        self.price = price
        self.isPrivate = isPrivate
    }

    /// The event for `target`, its references checked against the registers.
    func event(for target: ChainTarget, in store: any TraceStore) throws(StoreError) -> ChainEvent {
        var location = self.location
        if let id = locationID {
            guard let place = try store.location(id: id) else { throw .notFound(what: "location", id: id) }
            location = location ?? place.line
        }
        let from = try self.from.map { text throws(StoreError) in try PartyLookup.find(text, field: "from", in: store) }
        let to = try self.to.map { text throws(StoreError) in try PartyLookup.find(text, field: "to", in: store) }
        do {
            return try ChainEvent(productID: target.productID, lot: target.lot, serial: target.serial, step: step,
                                  disposition: disposition, at: at, location: location, locationID: locationID,
                                  from: from, to: to, note: note, supplier: supplier, price: price, isPrivate: isPrivate)
        } catch {
            throw .invalid(error)
        }
    }
}
