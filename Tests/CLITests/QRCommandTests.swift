import Foundation
import TestSupport
import Testing

/// The `ocop-trace qr` command as a user runs it: real process, real files, real decoders.
@Suite struct QRCommandTests {
    @Test func writesADecodablePNG() throws {
        let folder = try ProjectPaths.scratch("cli-png")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("unit.png")
        let uri = SamplePayloads.digitalLinks[0]
        let result = try ocopTrace(["qr", uri, "--out", out.path, "--dpi", "600", "--module-px", "6"])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("QR version"))
        #expect(try QRDecoders.zbar(out) == Array(uri.utf8))
        #expect(try QRDecoders.zxing([out]) == [Array(uri.utf8)])
        let header = try #require(try PNGChunks([UInt8](Data(contentsOf: out))).header)
        #expect(header.width % 6 == 0)
        #expect(try PNGChunks([UInt8](Data(contentsOf: out))).physical?.x == 23622)
    }

    @Test func readsThePayloadFromStdin() throws {
        let folder = try ProjectPaths.scratch("cli-stdin")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("name.png")
        let text = SamplePayloads.vietnameseVowels
        let result = try ocopTrace(["qr", "--stdin", "--out", out.path, "--ec", "q"], input: Data((text + "\n").utf8))
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try QRDecoders.zbar(out) == Array(text.utf8))
    }

    @Test func formatFollowsTheExtensionOrTheFlag() throws {
        let folder = try ProjectPaths.scratch("cli-svg")
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("code.svg")
        #expect(try ocopTrace(["qr", "OCOP", "--out", svg.path]).status == 0)
        #expect(try String(contentsOf: svg, encoding: .utf8).contains("<svg"))
        let forced = folder.appendingPathComponent("code.print")
        #expect(try ocopTrace(["qr", "OCOP", "--out", forced.path, "--format", "svg"]).status == 0)
        #expect(try String(contentsOf: forced, encoding: .utf8).contains("<svg"))
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let exitCode: Int32
        let mentions: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let badInputs: [BadInput] = [
        BadInput(arguments: ["qr", String(repeating: "z", count: 2332), "--out", "OUT/x.png"], exitCode: 65, mentions: "2331"),
        BadInput(arguments: ["qr", String(repeating: "z", count: 1664), "--out", "OUT/x.png", "--ec", "Q"], exitCode: 65, mentions: "1663"),
        BadInput(arguments: ["qr", "A", "--out", "OUT/x.png", "--ec", "X"], exitCode: 64, mentions: "--ec"),
        BadInput(arguments: ["qr", "A", "--out", "OUT/x.png", "--format", "gif"], exitCode: 64, mentions: "--format"),
        BadInput(arguments: ["qr", "A", "--out", "OUT/x.png", "--module-px", "0"], exitCode: 64, mentions: "module-px"),
        BadInput(arguments: ["qr", "A", "--out", "OUT/x.png", "--dpi", "5"], exitCode: 64, mentions: "dpi"),
        BadInput(arguments: ["qr", "A", "--out", "OUT/x.png", "--margin", "-1"], exitCode: 64, mentions: "margin"),
        BadInput(arguments: ["qr", "A", "--out", "OUT/x.png", "--min-version", "41"], exitCode: 65, mentions: "min-version"),
        BadInput(arguments: ["qr", "--out", "OUT/x.png"], exitCode: 64, mentions: "payload"),
        BadInput(arguments: ["qr", "A", "--stdin", "--out", "OUT/x.png"], exitCode: 64, mentions: "payload"),
        BadInput(arguments: ["qr", "", "--out", "OUT/x.png"], exitCode: 65, mentions: "payload"),
        BadInput(arguments: ["qr", "A"], exitCode: 64, mentions: "--out"),
        BadInput(arguments: ["qr", "A", "--out", "OUT/missing-folder/x.png"], exitCode: 73, mentions: "missing-folder"),
    ]

    @Test(arguments: badInputs)
    func badInputGivesOneLineAndNoFile(_ bad: BadInput) throws {
        let folder = try ProjectPaths.scratch("cli-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = bad.arguments.map { $0.replacingOccurrences(of: "OUT", with: folder.path) }
        let result = try ocopTrace(arguments)
        #expect(result.status == bad.exitCode, "stderr: \(result.stderrText)")
        let lines = result.stderrText.split(separator: "\n")
        #expect(lines.count == 1, "expected one line, got: \(result.stderrText)")
        #expect(result.stderrText.hasPrefix("ocop-trace: error: "))
        #expect(result.stderrText.contains(bad.mentions))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "something was written")
    }

    @Test func narrowMarginWarnsButWrites() throws {
        let folder = try ProjectPaths.scratch("cli-margin")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("tight.png")
        let result = try ocopTrace(["qr", "OCOP", "--out", out.path, "--margin", "1"])
        #expect(result.status == 0)
        #expect(result.stderrText.contains("warning: margin"))
        #expect(FileManager.default.fileExists(atPath: out.path))
    }

    @Test func helpTeachesWithExamples() throws {
        let result = try ocopTrace(["qr", "--help"])
        #expect(result.status == 0)
        for word in ["--module-px", "--margin", "--dpi", "--stdin", "Examples:", "Bánh tét"] {
            #expect(result.stdoutText.contains(word), "help lacks \(word)")
        }
    }
}
