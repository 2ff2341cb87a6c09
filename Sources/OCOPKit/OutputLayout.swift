import Foundation
import OCOPRender

/// Where rendered files go: `<root>/<producer>/<product>/<lot>/` for labels and
/// `<root>/<producer>/<product>/stamps/` for stamps. Ids are restricted to `A-Z a-z 0-9 - _ .`,
/// so they are safe path segments.
public struct OutputLayout: Sendable {
    public let root: String

    public init(root: String = "Output") {
        self.root = root
    }

    public func labels(producer: String, product: String, lot: String) -> String {
        // A lot may hold GS1 punctuation such as '/'; keep it one path segment.
        "\(root)/\(producer)/\(product)/\(Self.segment(lot))"
    }

    public func stamps(producer: String, product: String) -> String {
        "\(root)/\(producer)/\(product)/stamps"
    }

    static func segment(_ text: String) -> String {
        String(text.map { $0 == "/" || $0 == "\\" || $0 == ":" ? "_" : $0 }).replacingOccurrences(of: "..", with: "_.")
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
            throw .output(.unwritable(path: path, reason: "cannot create the folder"))
        }
    }
}
