import Foundation
import OCOPDomain
import OCOPLabel

/// What the fuzzer feeds: arbitrary bytes into the parsers that read outside input. A target
/// may reject its input with an error; it must never crash, hang or read out of bounds.
enum FuzzTarget: String, CaseIterable {
    /// Scanned or typed codes: Digital Link URIs, short codes, serials, GTINs, canonical JSON.
    case codes
    /// Label and sheet templates (JSON) as users write them.
    case template

    func run(_ bytes: [UInt8]) {
        switch self {
        case .codes:
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? DigitalLink(parsing: text)
            _ = try? ShortCode(parsing: text)
            _ = try? Serial(parsing: text)
            _ = try? GTIN(text)
            _ = try? CalendarDate(parsing: text)
            _ = try? CanonicalJSON(parsingBytes: bytes)
            if let link = try? DigitalLink(parsing: text) {
                // Whatever parses must print and re-parse to the same code.
                let again = try? DigitalLink(parsing: link.uri)
                precondition(again == link, "Digital Link round trip changed: \(text)")
            }
        case .template:
            let decoder = JSONDecoder()
            _ = try? decoder.decode(LabelTemplate.self, from: Data(bytes))
            _ = try? decoder.decode(SheetTemplate.self, from: Data(bytes))
        }
    }

    static var selected: FuzzTarget {
        FuzzTarget(rawValue: ProcessInfo.processInfo.environment["OCOP_FUZZ_TARGET"] ?? "codes") ?? .codes
    }
}
