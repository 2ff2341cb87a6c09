import OCOPDomain
import OCOPStore

/// Reads a party of a handover as typed: `kind:id`, or a bare id that the registers (producers,
/// actors, locations) must know exactly once.
public enum PartyLookup {
    public static func find(_ text: String, field: String, in store: any TraceStore) throws(StoreError) -> PartyRef {
        do {
            if let party = try PartyRef.prefixed(text) { return party }
        } catch {
            throw .invalid(DomainError(field: field, rule: error.rule))
        }
        var kinds: [PartyRef.Kind] = []
        if try store.producer(id: text) != nil { kinds.append(.producer) }
        if try store.logTrust().role(of: text) != nil { kinds.append(.actor) }
        if try store.location(id: text) != nil { kinds.append(.location) }
        guard let kind = kinds.first else {
            throw .notFound(what: "\(field) party (producer, actor or location)", id: text)
        }
        guard kinds.count == 1 else {
            let choices = kinds.map { "\($0.rawValue):\(text)" }.joined(separator: " or ")
            throw .invalid(DomainError(field: field, rule: "'\(text)' names more than one party; write \(choices)"))
        }
        do {
            return try PartyRef(kind: kind, id: text)
        } catch {
            throw .invalid(DomainError(field: field, rule: error.rule))
        }
    }
}
