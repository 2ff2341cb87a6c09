import Foundation
import OCOPDomain

extension SessionTraceStore {
    /// Registers a place of the value chain. Any actor may: a distributor its warehouse, a shop
    /// its shop. Ids are unique without regard to case, as producers' and products' are.
    public func addLocation(_ location: Location, actor: LogAuthor) throws(StoreError) -> LogEntry {
        try write(as: actor) { db in
            if try db.locationRow(location.id) != nil { throw StoreError.duplicate(what: "location", id: location.id) }
            try db.refuseCaseVariant(of: location.id, table: "location", what: "location")
            return try db.append(.locationAdded, location, actor: actor.id)
        }
    }

    /// Every registered location, by id.
    public func locations() throws(StoreError) -> [Location] {
        try read { db in
            try db.fetchAll("SELECT payload FROM location").map { row in
                try JSONDecoder().decode(Location.self, from: Data(row.string("payload").utf8))
            }.sorted { $0.id < $1.id }
        }
    }

    public func location(id: String) throws(StoreError) -> Location? {
        try read { db in try db.locationRow(id) }
    }
}

extension SQLSession {
    func locationRow(_ id: String) throws -> Location? {
        try fetchOne("SELECT payload FROM location WHERE id = ?", [id]).map { row in
            try JSONDecoder().decode(Location.self, from: Data(row.string("payload").utf8))
        }
    }

    /// The event's register references must name what the registers hold: its location, and
    /// the parties of a handover (a producer, an actor of the log, or a location).
    func requireRegistered(_ event: ChainEvent) throws {
        if let id = event.locationID, try locationRow(id) == nil { throw StoreError.notFound(what: "location", id: id) }
        for party in [event.from, event.to].compactMap({ $0 }) {
            let known = switch party.kind {
            case .producer: try producerRow(party.id) != nil
            case .location: try locationRow(party.id) != nil
            case .actor: try logTrust().role(of: party.id) != nil
            }
            if !known { throw StoreError.notFound(what: party.kind.rawValue, id: party.id) }
        }
    }
}
