import Foundation
import TestSupport
import Testing

/// `ocop-trace qr --batch`: many payloads, one file each, on every core, same bytes for any thread count.
@Suite struct QRBatchTests {
    static func payloads(_ count: Int) -> [String] {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        return (0..<count).map { i in
            let serial = String((0..<13).map { alphabet[(i * 7 + $0 * 13 + i / 32) % 32] })
            return "https://id.example.vn/01/09521234500001/10/LOT2024A/21/\(serial)?s=" + String(repeating: "Ab9_-", count: 17) + "Q"
        }
    }

    @Test func writesOneDecodableFilePerLineInOrder() throws {
        let folder = try ProjectPaths.scratch("cli-batch")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = Self.payloads(40) + ["Bánh tét lá cẩm"]
        let input = folder.appendingPathComponent("payloads.txt")
        // Empty lines are skipped; CRLF line ends are accepted.
        try Data((lines.joined(separator: "\r\n") + "\n\n").utf8).write(to: input)
        let out = folder.appendingPathComponent("qr")
        let result = try ocopTrace(["qr", "--batch", input.path, "--out-dir", out.path])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("41 QR codes"))
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == (1...41).map { String(format: "%04d.png", $0) })
        let picks = [0, 17, 39, 40]
        for index in picks {
            #expect(try QRDecoders.zbar(out.appendingPathComponent(names[index])) == Array(lines[index].utf8))
        }
        let decoded = try QRDecoders.zxing(picks.map { out.appendingPathComponent(names[$0]) })
        #expect(decoded == picks.map { Array(lines[$0].utf8) })
        let header = try #require(try PNGChunks([UInt8](Data(contentsOf: out.appendingPathComponent(names[0])))).header)
        #expect(header.width % 8 == 0)
    }

    @Test func sameBytesOnOneAndTwoThreads() throws {
        let folder = try ProjectPaths.scratch("cli-batch-threads")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("payloads.txt")
        try Data((Self.payloads(300).joined(separator: "\n") + "\n").utf8).write(to: input)
        var outputs: [[String: Data]] = []
        for threads in ["1", "2"] {
            let out = folder.appendingPathComponent("t\(threads)")
            let result = try ocopTrace(["qr", "--batch", input.path, "--out-dir", out.path, "--threads", threads,
                                        "--bit-depth", "8", "--module-px", "4"])
            #expect(result.status == 0, "\(result.stderrText)")
            let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
            #expect(names.count == 300)
            outputs.append(Dictionary(uniqueKeysWithValues: try names.map { ($0, try Data(contentsOf: out.appendingPathComponent($0))) }))
        }
        #expect(outputs[0] == outputs[1])
        let sample = folder.appendingPathComponent("t2/0150.png")
        #expect(try QRDecoders.zbar(sample) == Array(Self.payloads(300)[149].utf8))
    }

    @Test func namesFilesByAFieldOfACodesFile() throws {
        let folder = try ProjectPaths.scratch("cli-batch-names")
        defer { try? FileManager.default.removeItem(at: folder) }
        let uris = Self.payloads(3)
        let csv = "uri,short_code,serial\n" + uris.enumerated().map { "\($0.element),SC\($0.offset),SERIAL\($0.offset)" }.joined(separator: "\n") + "\n"
        let input = folder.appendingPathComponent("codes.csv")
        try Data(csv.utf8).write(to: input)
        let out = folder.appendingPathComponent("qr")
        let result = try ocopTrace(["qr", "--batch", input.path, "--name-field", "3", "--out-dir", out.path, "--zlib", "1"])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["SERIAL0.png", "SERIAL1.png", "SERIAL2.png"])
        #expect(try QRDecoders.zbar(out.appendingPathComponent("SERIAL2.png")) == Array(uris[2].utf8))
    }

    @Test func aTooLongLineNamesItsLineNumber() throws {
        let folder = try ProjectPaths.scratch("cli-batch-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("payloads.txt")
        try Data("OCOP\n\(String(repeating: "z", count: 2400))\n".utf8).write(to: input)
        let result = try ocopTrace(["qr", "--batch", input.path, "--out-dir", folder.appendingPathComponent("qr").path])
        #expect(result.status == 65, "\(result.stderrText)")
        #expect(result.stderrText.contains("line 2"))
        #expect(result.stderrText.split(separator: "\n").count == 1)
    }

    @Test func batchOptionsAreChecked() throws {
        let cases: [([String], String)] = [
            (["qr", "--batch", "x.txt"], "out-dir"),
            (["qr", "--batch", "x.txt", "--out-dir", "d", "--out", "f.png"], "--out"),
            (["qr", "A", "--batch", "x.txt", "--out-dir", "d"], "payload"),
            (["qr", "--batch", "x.txt", "--out-dir", "d", "--threads", "0"], "threads"),
            (["qr", "--batch", "x.txt", "--out-dir", "d", "--name-field", "1"], "name-field"),
            (["qr", "A", "--out", "f.png", "--threads", "2"], "--batch"),
            (["qr", "A", "--out", "f.png", "--zlib", "12"], "zlib"),
        ]
        for (arguments, mention) in cases {
            let result = try ocopTrace(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderrText)")
            #expect(result.stderrText.contains(mention), "\(arguments): \(result.stderrText)")
        }
    }
}
