/// One party of a handover (`--from`, `--to`): a producer, an actor or a location of the
/// store's registers, stored as "kind:id" so an event names its parties without ambiguity
/// even when two registers use the same id.
public struct PartyRef: Hashable, Sendable, CustomStringConvertible, StringCodable {
    public enum Kind: String, Sendable, CaseIterable {
        case producer, actor, location
    }

    public let kind: Kind
    public let id: String

    public init(kind: Kind, id: String) throws(DomainError) {
        self.kind = kind
        self.id = try DomainText.identifier(id, field: "\(kind.rawValue) id")
    }

    /// "location:KHO-1"; nil when the text has no kind prefix (then the registers decide).
    public static func prefixed(_ text: String) throws(DomainError) -> PartyRef? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let prefix = String(text[..<colon])
        guard let kind = Kind(rawValue: prefix) else {
            throw DomainError(field: "party", rule: "'\(prefix)' is no kind of party; write producer:ID, actor:ID or location:ID")
        }
        return try PartyRef(kind: kind, id: String(text[text.index(after: colon)...]))
    }

    public var description: String { "\(kind.rawValue):\(id)" }
    public init(codableText: String) throws(DomainError) {
        guard let party = try Self.prefixed(codableText) else {
            throw DomainError(field: "party", rule: "'\(codableText)' must be written kind:id")
        }
        self = party
    }
    public var codableText: String { description }
}
