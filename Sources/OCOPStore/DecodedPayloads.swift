import Foundation
import Synchronization

/// Decoded log payloads, remembered by seq, type and the exact payload text, and decoded rows,
/// remembered by their exact values. Every page view of a batch reads the same product, rating,
/// batch, event and producer; decoding them again was a tenth of a page's cost. Keyed by the
/// whole text, so a rewritten row is decoded afresh: the cache can never answer for text it
/// has not seen (the hash chain is checked elsewhere).
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
    private struct RowKey: Hashable {
        let values: [SQLValue]
        let type: ObjectIdentifier
    }
    private let capacity: Int
    private let slots = Mutex<[Key: Slot]>([:])
    private let rows = Mutex<[RowKey: any Sendable]>([:])

    init(capacity: Int) { self.capacity = capacity }

    func decode<T: Decodable & Sendable>(_ type: T.Type, seq: Int64, payload: String,
                                         with decoder: @autoclosure () -> JSONDecoder) throws -> T {
        let key = Key(seq: seq, type: ObjectIdentifier(type))
        if let slot = slots.withLock({ $0[key] }), slot.payload == payload, let value = slot.value as? T {
            return value
        }
        let value = try decoder().decode(type, from: Data(payload.utf8))
        slots.withLock { slots in
            // Bounded: past capacity start again rather than track recency; hot entries return at once.
            if slots.count >= capacity { slots.removeAll(keepingCapacity: true) }
            slots[key] = Slot(payload: payload, value: value)
        }
        return value
    }

    /// `decode(row)`'s value for a row with exactly these values, decoded once.
    func decode<T: Sendable>(_ type: T.Type, row: SQLRow, _ decode: () throws -> T) throws -> T {
        let key = RowKey(values: row.values, type: ObjectIdentifier(type))
        if let value = rows.withLock({ $0[key] }) as? T { return value }
        let value = try decode()
        rows.withLock { rows in
            if rows.count >= capacity { rows.removeAll(keepingCapacity: true) }
            rows[key] = value
        }
        return value
    }
}
