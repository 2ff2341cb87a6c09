import OCOPDomain

/// Who handed a unit's or a batch's goods to whom, when and where: the answer of `trace back`
/// and `trace forward` ("one step back, one step forward", Circular 02), read from the chain
/// events with their register references resolved to names and addresses.
public struct ChainTrace: Sendable, Encodable {
    public enum Direction: String, Sendable, Encodable {
        /// Newest stage first, back to the producer.
        case back
        /// From the producer, oldest stage first.
        case forward
    }

    /// A producer, actor or location as the registers name it.
    public struct Party: Sendable, Encodable, Hashable {
        public let kind: String
        public let id: String
        public let name: String
        public let address: String?
        /// A location's Circular 02 trace code (GLN or id).
        public let traceCode: String?

        enum CodingKeys: String, CodingKey {
            case kind, id, name, address
            case traceCode = "trace_code"
        }

        /// "KHO-VL (Kho Hợp tác xã Đại Phước)".
        public var label: String { name == id ? "\(kind) \(id)" : "\(id) (\(name))" }
    }

    public struct Stage: Sendable, Encodable {
        public let seq: Int64
        public let at: String
        public let step: String
        public let disposition: String?
        /// nil for a stage of the whole batch.
        public let serial: String?
        /// The place: a registered location, or the event's free text.
        public let location: Party?
        public let locationText: String?
        public let from: Party?
        public let to: Party?
        public let actor: String

        enum CodingKeys: String, CodingKey {
            case seq, at, step, disposition, serial, location, from, to, actor
            case locationText = "location_text"
        }
    }

    /// Where a batch's units are now (`trace forward --batch`): the last party that took them,
    /// or the shop that sold them.
    public struct Holding: Sendable, Encodable {
        public let holder: String
        public let sold: Bool
        public let units: Int
    }

    public let direction: Direction
    public let productID: String
    public let productName: String
    public let lot: String
    public let serial: String?
    public let traceCode: String
    public let producer: Party?
    public let produced: String?
    public let stages: [Stage]
    public let holdings: [Holding]?

    enum CodingKeys: String, CodingKey {
        case direction, lot, serial, producer, produced, stages, holdings
        case productID = "product"
        case productName = "product_name"
        case traceCode = "trace_code"
    }
}
