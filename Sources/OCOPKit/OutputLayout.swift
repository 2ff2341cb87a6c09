import Foundation
import OCOPRender

/// Where rendered files go: `<root>/<producer>/<product>/<lot>/` for labels and
/// `<root>/<producer>/<product>/stamps/` for stamps. Each id or lot becomes one path segment
/// that is unique and reversible (see `segment`), so no two lots share a folder, no lot is the
/// stamps folder, and no id climbs out of the root.
public struct OutputLayout: Sendable {
    public let root: String
    /// The stamps folder's name beside the lot folders.
    public static let stampsFolder = "stamps"

    public init(root: String = "Output") {
        self.root = root
    }

    public func labels(producer: String, product: String, lot: String) -> String {
        var lotSegment = Self.segment(lot)
        if lotSegment == Self.stampsFolder { lotSegment = "%73" + lotSegment.dropFirst() }
        return "\(root)/\(Self.segment(producer))/\(Self.segment(product))/\(lotSegment)"
    }

    public func stamps(producer: String, product: String) -> String {
        "\(root)/\(Self.segment(producer))/\(Self.segment(product))/\(Self.stampsFolder)"
    }

    /// Percent-encodes every byte outside `A-Z a-z 0-9 - _ .`, and a leading `.` (so `.` and
    /// `..` never name a folder and nothing hides): `A/B` → `A%2FB`, `A:B` → `A%3AB`, while
    /// `A_B` stays. `%` itself is encoded, so percent-decoding gives the text back.
    public static func segment(_ text: String) -> String {
        var result = ""
        for (index, byte) in text.utf8.enumerated() {
            let plain = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || (byte == UInt8(ascii: ".") && index > 0)
            if plain {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }

    /// A killed render leaves hidden `.name.pid.random.tmp` files (never half-written labels):
    /// the next render of the same folder clears them.
    static func removeStaleTemporaries(in folder: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    static func createFolder(_ path: String) throws(KitError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            let reason = fileInTheWay(of: path).map { "\($0) exists and is not a folder" } ?? "cannot create the folder"
            throw .output(.unwritable(path: path, reason: reason))
        }
    }

    /// The first part of `path` that exists but is not a folder (`--out /dev/null`, a FIFO).
    static func fileInTheWay(of path: String) -> String? {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: prefix, isDirectory: &isFolder), !isFolder.boolValue { return prefix }
        }
        return nil
    }
}
