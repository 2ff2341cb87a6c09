import Foundation

/// Reads every barcode in an image (EAN-13, UPC-A, GS1-128, GS1 DataMatrix, QR) with the two
/// independent decoders: zbar's `zbarimg --xml` (no DataMatrix reader: EAN/UPC, Code 128, QR) and
/// zxing-cpp (all of them). A missing decoder is an error, never a skip.
public enum BarcodeDecoders {
    public struct Symbol: Equatable, CustomStringConvertible {
        /// zbar: `EAN-13`, `UPC-A`, `CODE-128`, `QR-Code`; zxing-cpp: `EAN-13`, `Code 128`, `Data Matrix`, `QR Code`.
        public let format: String
        /// zbar's modifiers (`GS1` when the Code 128 starts with FNC1); zxing-cpp's symbology
        /// identifier (`]E0`, `]C1`, `]d2`, `]Q1`) and content type (`GS1`, `Text`).
        public let flags: [String]
        /// zbar: the data as transmitted (GS1 element strings run together); zxing-cpp: its
        /// human-readable text (`(01)…(17)…(10)…` for GS1 content).
        public let text: String

        public init(format: String, flags: [String], text: String) {
            self.format = format
            self.flags = flags
            self.text = text
        }

        public var description: String { "\(format) [\(flags.joined(separator: ","))] \(text)" }
    }

    /// The symbols zbar finds, UPC-A reported as such (`-Supca.enable`; otherwise zbar calls it EAN-13).
    public static func zbar(_ image: URL) throws -> [Symbol] {
        guard let zbarimg = which("zbarimg") else { throw QRDecoders.Failure.missing("zbarimg (Debian zbar-tools)") }
        let result = try run(zbarimg, ["--xml", "-q", "-Supca.enable", image.path])
        // Exit 4: no symbol found, which the caller's expectations report.
        guard result.status == 0 || result.status == 4 else {
            throw QRDecoders.Failure.unreadable(decoder: "zbarimg", path: image.path, detail: "exit \(result.status) \(result.stderrText)")
        }
        let xml = result.stdoutText
        let pattern = try NSRegularExpression(pattern: #"<symbol type='([^']*)'([^>]*)><data(?: format='([a-z0-9]+)')?><!\[CDATA\[(.*?)\]\]></data>"#,
                                              options: [.dotMatchesLineSeparators])
        return pattern.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)).map { match in
            let group = { (index: Int) -> String in
                Range(match.range(at: index), in: xml).map { String(xml[$0]) } ?? ""
            }
            let attributes = group(2)
            var flags: [String] = []
            if let range = attributes.range(of: #"modifiers='([^']*)'"#, options: .regularExpression) {
                flags = attributes[range].dropFirst("modifiers='".count).dropLast().split(separator: ",").map(String.init)
            }
            var text = group(4)
            if group(3) == "base64", let data = Data(base64Encoded: text) { text = String(decoding: data, as: UTF8.self) }
            return Symbol(format: group(1), flags: flags, text: text)
        }
    }

    /// The symbols zxing-cpp finds in each image, in one Python process.
    public static func zxing(_ images: [URL]) throws -> [[Symbol]] {
        let python = try QRDecoders.zxingPython()
        let script = ProjectPaths.root.appendingPathComponent("scripts/zxing-decode.py")
        let result = try run(python, [script.path, "--all"] + images.map(\.path))
        guard result.status == 0 else {
            throw QRDecoders.Failure.missing("zxing-cpp (python exited \(result.status): \(result.stderrText))")
        }
        let lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count == images.count else {
            throw QRDecoders.Failure.unreadable(decoder: "zxing-cpp", path: "\(images.count) images", detail: "got \(lines.count) lines")
        }
        return try zip(images, lines).map { image, line in
            let outcome = line.split(separator: "\t", maxSplits: 1).last.map(String.init) ?? ""
            guard !outcome.hasPrefix("ERROR"),
                  let list = try JSONSerialization.jsonObject(with: Data(outcome.utf8)) as? [[String: String]] else {
                throw QRDecoders.Failure.unreadable(decoder: "zxing-cpp", path: image.path, detail: outcome)
            }
            return list.map { symbol in
                Symbol(format: symbol["format"] ?? "", flags: [symbol["symbology_identifier"] ?? "", symbol["content_type"] ?? ""],
                       text: symbol["text"] ?? "")
            }
        }
    }
}
