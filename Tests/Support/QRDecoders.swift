import Foundation

/// The two independent QR decoders every rendered code must pass: zbar's `zbarimg` and
/// zxing-cpp (Python, in the project's .venv). A missing decoder is an error, never a skip.
public enum QRDecoders {
    public enum Failure: Error, CustomStringConvertible {
        case missing(String)
        case unreadable(decoder: String, path: String, detail: String)

        public var description: String {
            switch self {
            case let .missing(what): return "decoder missing: \(what) (run `make test`, which installs it)"
            case let .unreadable(decoder, path, detail): return "\(decoder) could not read \(path): \(detail)"
            }
        }
    }

    /// Decodes with `zbarimg --raw -q -Sbinary`: `-Sbinary` prints the symbol's bytes as they
    /// are, where zbar would otherwise guess a legacy charset for non-ASCII byte-mode data. Only
    /// QR codes are read (`-Sdisable -Sqrcode.enable`), so an EAN-13 beside the code is not mixed in.
    public static func zbar(_ image: URL) throws -> [UInt8] {
        guard let zbarimg = which("zbarimg") else { throw Failure.missing("zbarimg (Debian zbar-tools)") }
        let result = try run(zbarimg, ["--raw", "-q", "-Sbinary", "-Sdisable", "-Sqrcode.enable", image.path])
        guard result.status == 0 else {
            throw Failure.unreadable(decoder: "zbarimg", path: image.path, detail: "exit \(result.status) \(result.stderrText)")
        }
        return [UInt8](result.stdout)
    }

    /// The Python of the venv that holds zxing-cpp: $OCOP_TRACE_PYTHON, else `.venv/bin/python`.
    public static func zxingPython() throws -> URL {
        let configured = ProcessInfo.processInfo.environment["OCOP_TRACE_PYTHON"]
        let python = configured.map { URL(fileURLWithPath: $0) }
            ?? ProjectPaths.root.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Failure.missing("zxing-cpp venv python at \(python.path)")
        }
        return python
    }

    /// Decodes many images in one Python process; returns the bytes for each, in order.
    public static func zxing(_ images: [URL]) throws -> [[UInt8]] {
        let python = try zxingPython()
        let script = ProjectPaths.root.appendingPathComponent("scripts/zxing-decode.py")
        let result = try run(python, [script.path] + images.map(\.path))
        guard result.status == 0 else {
            throw Failure.missing("zxing-cpp (python exited \(result.status): \(result.stderrText))")
        }
        let lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count == images.count else {
            throw Failure.unreadable(decoder: "zxing-cpp", path: "\(images.count) images", detail: "got \(lines.count) lines")
        }
        return try zip(images, lines).map { image, line in
            let outcome = line.split(separator: "\t", maxSplits: 1).last.map(String.init) ?? ""
            guard !outcome.hasPrefix("ERROR"), let bytes = hexBytes(outcome) else {
                throw Failure.unreadable(decoder: "zxing-cpp", path: image.path, detail: outcome)
            }
            return bytes
        }
    }

    private static func hexBytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
