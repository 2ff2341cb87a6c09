import Foundation
import Synchronization

/// Decoded log payloads, remembered by seq, type and the exact payload text. Every page view of
/// a batch reads the same product, rating and batch entries; decoding their JSON again was a
/// tenth of a page's cost. Keyed by the whole payload, so a rewritten row is decoded afresh:
/// the cache can never answer for text it has not seen (the hash chain is checked elsewhere).
final class DecodedPayloads: Sendable {
    static let shared = DecodedPayloads(capacity: 4096)

    private struct Key: Hashable {
        let seq: Int64
        let type: ObjectIdentifier
    }
    private struct Slot {
        let payload: String
        let value: any Sendable
    }
    private let capacity: Int
    private let slots = Mutex<[Key: Slot]>([:])

    init(capacity: Int) { self.capacity = capacity }

    func decode<T: Decodable & Sendable>(_ type: T.Type, seq: Int64, payload: String, with decoder: JSONDecoder) throws -> T {
        let key = Key(seq: seq, type: ObjectIdentifier(type))
        if let slot = slots.withLock({ $0[key] }), slot.payload == payload, let value = slot.value as? T {
            return value
        }
        let value = try decoder.decode(type, from: Data(payload.utf8))
        slots.withLock { slots in
            // Bounded: past capacity start again rather than track recency; hot entries return at once.
            if slots.count >= capacity { slots.removeAll(keepingCapacity: true) }
            slots[key] = Slot(payload: payload, value: value)
        }
        return value
    }
}
