import Foundation
import TestSupport
import Testing

/// `label render --sheet` with `--start-at`, `--offset-x/-y`, `--outlines`, and `label calibrate`,
/// through the command line: what lands in the files, and one-line refusals with exit 64.
@Suite struct SheetOptionsTests {
    static let templates = ["--templates", ProjectPaths.root.appendingPathComponent("Templates").path]

    @Test func startAtMovesTheBatchOnTheFirstSheet() throws {
        let pdftotext = try #require(which("pdftotext"), "pdftotext (poppler-utils) is missing: run `make test`")
        let fixture = try StoreFixture("sheet-options")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "SH-1", units: 20)
        let out = fixture.folder.appendingPathComponent("out")
        let render = try fixture.run(["label", "render", "--batch", "SH-1", "--sheet", "sheet-a4-14-99x38", "--format", "pdf",
                                      "--start-at", "13", "--offset-x", "-1.5", "--offset-y=0.5", "--outlines", "--out", out.path]
                                     + Self.templates)
        #expect(render.status == 0 && render.stdoutText.contains("1 file(s) for 20 units"), "\(render.stderrText)")
        let pdf = out.appendingPathComponent("TV-P002/TV-0002/SH-1/sheets.pdf")
        // 14 labels a sheet, starting at the 13th: 2 + 14 + 4 labels on three sheets.
        let info = try run(try #require(which("pdfinfo")), [pdf.path]).stdoutText
        #expect(info.range(of: #"Pages:\s+3\n"#, options: .regularExpression) != nil, "\(info)")
        // The short codes, read by poppler with their boxes: the first two sit in the last row
        // (cells 13 and 14: from y 15.15 + 6 × 38.1 = 243.75 mm, shifted 0.5 mm down).
        let boxes = try run(pdftotext, ["-bbox", "-f", "1", "-l", "1", pdf.path, "-"]).stdoutText
        for code in codes.prefix(2) {
            let line = try #require(boxes.split(separator: "\n").first { $0.contains(">\(code.short)<") }, "\(code.short) on page 1")
            let yMin = try #require(line.components(separatedBy: "yMin=\"").dropFirst().first?.split(separator: "\"").first.flatMap { Double($0) })
            #expect(yMin * 25.4 / 72 > 244.25 && yMin * 25.4 / 72 < 244.25 + 38.1, "\(line)")
        }
    }

    @Test func calibrateWritesOnePage() throws {
        // No store: the page depends on the sheet alone.
        let folder = try ProjectPaths.scratch("sheet-calibrate")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("calibration.pdf")
        let result = try run(ProjectPaths.ocopTrace, ["label", "calibrate", "--sheet", "sheet-a4-65-38x21", "--out", file.path] + Self.templates)
        #expect(result.status == 0, "\(result.stderrText)")
        let info = try run(try #require(which("pdfinfo")), [file.path]).stdoutText
        #expect(info.range(of: #"Pages:\s+1\n"#, options: .regularExpression) != nil && info.contains("595.276 x 841.89 pts"), "\(info)")
    }

    @Test(arguments: [
        (["--start-at", "15"], "start-at: 15 is not a label of the sheet; use 1 to 14"),
        (["--offset-x", "-6"], "offset-x: -6 mm is outside -5 to 5 mm"),
        (["--offset-y", "7.5"], "offset-y: 7.5 mm is outside -5 to 5 mm"),
    ])
    func placementOutsideItsRangeIsAUsageError(options: [String], message: String) throws {
        let fixture = try StoreFixture("sheet-refusals")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "SH-2", units: 2)
        let result = try fixture.run(["label", "render", "--batch", "SH-2", "--sheet", "sheet-a4-14-99x38", "--format", "pdf",
                                      "--out", fixture.folder.appendingPathComponent("out").path] + options + Self.templates)
        #expect(result.status == 64, "\(result.stderrText)")
        #expect(result.stderrText.contains(message), "\(result.stderrText)")
        let calibrate = try run(ProjectPaths.ocopTrace, ["label", "calibrate", "--sheet", "sheet-a4-14-99x38", "--out", "-"] + options + Self.templates)
        if options[0] != "--start-at" { #expect(calibrate.status == 64 && calibrate.stderrText.contains(message)) }
    }

    @Test func placementWithoutASheetIsAUsageError() throws {
        let fixture = try StoreFixture("sheet-no-sheet")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "SH-3", units: 1)
        let result = try fixture.run(["label", "render", "--batch", "SH-3", "--start-at", "2",
                                      "--out", fixture.folder.appendingPathComponent("out").path] + Self.templates)
        #expect(result.status == 64 && result.stderrText.contains("sheet: --start-at"), "\(result.stderrText)")
    }
}
