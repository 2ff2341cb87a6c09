import Foundation
import OCOPDomain

/// Encodes a payload as canonical JSON: sorted keys, no whitespace, minimal escaping.
enum CanonicalPayload {
    static func encode<Payload: Encodable>(_ payload: Payload) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(payload)
        return try CanonicalJSON(parsingBytes: [UInt8](data)).canonicalText
    }
}
