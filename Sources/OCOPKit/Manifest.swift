import Crypto
import Foundation
import OCOPDomain
import OCOPRender
import OCOPStore

/// The list of files a job wrote: file, unit code, short code and SHA-256, as CSV and JSON, so
/// a print shop can check it has every label and that none was changed.
public struct Manifest: Sendable, Encodable {
    public struct Entry: Sendable, Encodable, Equatable {
        public let file: String
        public let unitCode: String?
        public let shortCode: String?
        public let sha256: String
        enum CodingKeys: String, CodingKey {
            case file, sha256
            case unitCode = "unit_code"
            case shortCode = "short_code"
        }
    }

    public var entries: [Entry] = []

    public static func sha256(_ bytes: [UInt8]) -> String {
        Hex.lowercase(SHA256.hash(data: bytes))
    }

    /// Writes `manifest.csv` and `manifest.json` into `folder`, atomically.
    public func write(to folder: String) throws(KitError) {
        var csv = "file,unit_code,short_code,sha256\n"
        for entry in entries {
            csv += "\(entry.file),\(entry.unitCode ?? ""),\(entry.shortCode ?? ""),\(entry.sha256)\n"
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(entries) else { throw .output(.invalidOption("manifest: cannot encode")) }
        do {
            try AtomicFile.write(csv, to: folder + "/manifest.csv")
            try AtomicFile.write([UInt8](json) + [0x0A], to: folder + "/manifest.json")
        } catch {
            throw .output(error)
        }
    }
}
