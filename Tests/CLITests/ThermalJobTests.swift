import Foundation
import TestSupport
import Testing

/// `label render --format zpl|tspl`: one print job a batch, read back by parsers that share no
/// code with the writer (zplgrf for ZPL graphics, Tests/Printers/tspl_to_png.py for TSPL), every
/// label's QR code read by zbar and zxing-cpp.
@Suite struct ThermalJobTests {
    static let templates = ["--templates", ProjectPaths.root.appendingPathComponent("Templates").path]

    /// The labels of a job as PNG files, by the independent parser of its language.
    static func printLabels(_ job: URL, language: String, dpi: Int, into folder: URL) throws -> [(png: URL, size: String)] {
        let python = try QRDecoders.zxingPython()
        let parser = ProjectPaths.root.appendingPathComponent("Tests/Printers/\(language)_to_png.py").path
        let arguments = language == "zpl" ? [parser, job.path, folder.path] : [parser, job.path, String(dpi), folder.path]
        let result = try run(python, arguments)
        guard result.status == 0 else {
            throw SubprocessError(description: "\(language) parser exited \(result.status): \(result.stderrText)")
        }
        return result.stdoutText.split(separator: "\n").map { line in
            let cells = line.split(separator: "\t").map(String.init)
            return (URL(fileURLWithPath: cells[0]), cells[1])
        }
    }

    @Test(arguments: [("zpl", 203), ("zpl", 300), ("tspl", 203), ("tspl", 300)])
    func everyLabelOfATwentyUnitJobDecodesToItsUnit(_ language: String, _ dpi: Int) throws {
        let fixture = try StoreFixture("thermal-\(language)-\(dpi)")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "TH-1", units: 20)
        let out = fixture.folder.appendingPathComponent("out")
        let render = try fixture.run(["label", "render", "--batch", "TH-1", "--format", language, "--dpi", String(dpi), "--out", out.path] + Self.templates)
        #expect(render.status == 0, "\(render.stderrText)")
        #expect(render.stdoutText.contains("1 file(s) for 20 units"), "\(render.stdoutText)")
        let folder = out.appendingPathComponent("TV-P002/TV-0002/TH-1")
        let job = folder.appendingPathComponent("labels-\(dpi)dpi.\(language)")
        let manifest = try String(contentsOf: folder.appendingPathComponent("manifest.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(manifest.count == 20 && manifest.allSatisfy { $0[0] == job.lastPathComponent })
        #expect(Set(manifest.map { $0[1] }) == Set(codes.map { CompactCodes.label($0.uri) }))

        // The background goes to the printer once; each unit is one label.
        let text = String(decoding: try Data(contentsOf: job), as: UTF8.self)
        if language == "zpl" {
            #expect(text.components(separatedBy: "~DGR:OCOPLBL.GRF,").count == 2)
            #expect(text.components(separatedBy: "^XGR:OCOPLBL.GRF,1,1").count == 21)
            #expect(text.components(separatedBy: "^GFA,").count == 21)
            #expect(text.hasPrefix("~SD15\n") && text.hasSuffix("^XA^IDR:OCOPLBL.GRF^FS^XZ\n"))
        } else {
            #expect(text.components(separatedBy: "DOWNLOAD \"OCOPLBL.BMP\",").count == 2)
            #expect(text.components(separatedBy: "PUTBMP ").count == 21)
            #expect(text.hasPrefix("SIZE 50 mm,30 mm\r\nGAP 2 mm,0 mm\r\n") && text.contains("DENSITY 8\r\n"))
        }

        let pictures = try ProjectPaths.scratch("labels-\(language)-\(dpi)")
        defer { try? FileManager.default.removeItem(at: pictures) }
        let labels = try Self.printLabels(job, language: language, dpi: dpi, into: pictures)
        #expect(labels.count == 20)
        let size = dpi == 203 ? "400x240" : "591x354"
        #expect(labels.allSatisfy { $0.size == size }, "\(labels.map(\.size))")
        let zxing = try QRDecoders.zxing(labels.map(\.png))
        for (index, label) in labels.enumerated() {
            let expected = Array(manifest[index][1].utf8)
            let zbar = try QRDecoders.zbar(label.png)
            #expect(zbar == expected, "zbar, label \(index + 1): \(String(decoding: zbar, as: UTF8.self))")
            #expect(zxing[index] == expected, "zxing-cpp, label \(index + 1): \(String(decoding: zxing[index], as: UTF8.self))")
            if zbar != expected || zxing[index] != expected {
                // Kept for a look: the label as the printer would print it.
                try? FileManager.default.copyItem(at: label.png, to: FileManager.default.temporaryDirectory
                    .appendingPathComponent("unread-\(language)-\(dpi)-\(index + 1)-\(UUID().uuidString.prefix(6)).png"))
            }
        }
    }

    @Test func standardOutputCarriesTheSameJobAndNothingElse() throws {
        let fixture = try StoreFixture("thermal-stdout")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "TH-2", units: 3)
        let out = fixture.folder.appendingPathComponent("out")
        for language in ["zpl", "tspl"] {
            let file = try fixture.run(["label", "render", "--batch", "TH-2", "--format", language, "--out", out.path] + Self.templates)
            #expect(file.status == 0, "\(file.stderrText)")
            let piped = try fixture.run(["label", "render", "--batch", "TH-2", "--format", language, "--out", "-"] + Self.templates)
            #expect(piped.status == 0, "\(piped.stderrText)")
            let saved = try Data(contentsOf: out.appendingPathComponent("TV-P002/TV-0002/TH-2/labels-203dpi.\(language)"))
            #expect(piped.stdout == saved)
            #expect(piped.stderrText.contains("compact codes (no signature: checked against this store's log) for https://id.example.vn/"))
        }
    }

    @Test func printerSectionSetsRollGapAndDarkness() throws {
        let fixture = try StoreFixture("thermal-printer-section")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "TH-3", units: 2)
        let templates = fixture.folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let source = try String(contentsOf: ProjectPaths.root.appendingPathComponent("Templates/product-label-50x30.json"), encoding: .utf8)
        func write(_ name: String, printer: String) throws {
            let text = source.replacingOccurrences(of: "\"name\": \"product-label-50x30\",", with: "\"name\": \"\(name)\",\n  \"printer\": \(printer),")
            try Data(text.utf8).write(to: templates.appendingPathComponent("\(name).json"))
        }
        // A 60 × 40 mm roll without gaps, burnt darkest: the design is centred on it.
        try write("roll-60x40", printer: #"{ "label_mm": { "width": 60, "height": 40 }, "gap_mm": 0, "darkness_percent": 100 }"#)
        let zpl = try fixture.run(["label", "render", "--batch", "TH-3", "--template", "roll-60x40", "--format", "zpl", "--out", "-", "--templates", templates.path])
        #expect(zpl.status == 0, "\(zpl.stderrText)")
        let job = zpl.stdoutText
        #expect(job.hasPrefix("~SD30\n"))
        #expect(job.contains("^XA^PW480^LL320^LH0,0^MNN^MMT^PON\n^FO40,40^XGR:OCOPLBL.GRF,1,1^FS"), "\(job.prefix(400))")
        let tspl = try fixture.run(["label", "render", "--batch", "TH-3", "--template", "roll-60x40", "--format", "tspl", "--out", "-", "--templates", templates.path])
        #expect(tspl.stdoutText.hasPrefix("SIZE 60 mm,40 mm\r\nGAP 0,0\r\nDIRECTION 1,0\r\nREFERENCE 0,0\r\nDENSITY 15\r\n"))

        // Bad values: one line naming the file, the key and the rule; exit 65.
        try write("too-dark", printer: #"{ "darkness_percent": 120 }"#)
        try write("small-roll", printer: #"{ "label_mm": { "width": 40, "height": 30 } }"#)
        try write("typo", printer: #"{ "gap": 2 }"#)
        for (name, expected) in [("too-dark", "printer.darkness_percent: 120 is outside 0-100"),
                                 ("small-roll", "printer.label_mm: the 40 × 30 mm label on the roll is smaller than the 50 × 30 mm design"),
                                 ("typo", "printer.gap: \"gap\" is not a known key here")] {
            let check = try ocopTrace(["template", "check", templates.appendingPathComponent("\(name).json").path])
            #expect(check.status == 65, "\(name): \(check.stdoutText)")
            #expect(check.stdoutText.contains(expected), "\(name): \(check.stdoutText)")
        }
    }

    @Test func optionsThatDoNotGoTogetherAreRefusedInOneLine() throws {
        let fixture = try StoreFixture("thermal-refusals")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "TH-4", units: 1)
        let out = fixture.folder.appendingPathComponent("out").path
        let cases: [([String], Int32, String)] = [
            (["--format", "zpl", "--dpi", "250"], 65, "dpi: thermal print heads have 203, 300, 600 dpi"),
            (["--format", "zpl", "--sheet", "sheet-a4-40"], 64, "sheet: zpl jobs print on a roll"),
            (["--format", "tspl", "--per-unit"], 64, "per-unit:"),
            (["--format", "png", "--out", "-"], 64, "out: '-' (standard output) takes one file"),
            (["--format", "zpl", "--template", "product-label-48x27"], 65, "below the template's minimum of 300"),
        ]
        for (options, status, message) in cases {
            let result = try fixture.run(["label", "render", "--batch", "TH-4", "--out", out] + options + Self.templates)
            #expect(result.status == status, "\(options): \(result.stderrText)")
            #expect(result.stderrText.contains(message), "\(options): \(result.stderrText)")
            #expect(result.stderrText.split(separator: "\n").filter { !$0.hasPrefix("signing for") && !$0.hasPrefix("compact codes") }.count == 1,
                    "\(result.stderrText)")
        }
    }
}
