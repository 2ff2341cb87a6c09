import Foundation
import TestSupport
import Testing

/// `label render --format pdf`: one PDF a batch, a page per unit at the label's size, as CUPS
/// label printer drivers take it; `--per-unit` keeps one file per unit.
@Suite struct RollPDFTests {
    static let templates = ["--templates", ProjectPaths.root.appendingPathComponent("Templates").path]

    @Test func onePagePerUnitAtTheLabelsSizeAndEveryPageDecodes() throws {
        guard let pdfinfo = which("pdfinfo"), let pdftoppm = which("pdftoppm") else {
            Issue.record("pdfinfo and pdftoppm (poppler-utils) are missing: run `make test`")
            return
        }
        let fixture = try StoreFixture("roll-pdf")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "RL-1", units: 8)
        let out = fixture.folder.appendingPathComponent("out")
        let render = try fixture.run(["label", "render", "--batch", "RL-1", "--format", "pdf", "--out", out.path] + Self.templates)
        #expect(render.status == 0 && render.stdoutText.contains("1 file(s) for 8 units"), "\(render.stderrText)")
        let folder = out.appendingPathComponent("TV-P002/TV-0002/RL-1")
        let pdf = folder.appendingPathComponent("labels.pdf")
        let info = try run(pdfinfo, ["-l", "100", pdf.path]).stdoutText
        #expect(info.range(of: #"Pages:\s+8\n"#, options: .regularExpression) != nil, "\(info)")
        // 50 × 30 mm = 141.732 × 85.0394 pt on every page.
        let sizes = info.split(separator: "\n").filter { $0.hasPrefix("Page ") && $0.contains("size:") }
        #expect(sizes.count == 8)
        #expect(sizes.allSatisfy { $0.contains("141.732 x 85.0394 pts") }, "\(sizes)")

        let manifest = try String(contentsOf: folder.appendingPathComponent("manifest.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(manifest.count == 8 && manifest.allSatisfy { $0[0] == "labels.pdf" })
        #expect(Set(manifest.map { $0[1] }) == Set(codes.map { CompactCodes.label($0.uri) }))
        let pages = try ProjectPaths.scratch("roll-pages")
        defer { try? FileManager.default.removeItem(at: pages) }
        let rendered = try run(pdftoppm, ["-r", "300", "-gray", "-png", pdf.path, pages.appendingPathComponent("page").path])
        #expect(rendered.status == 0, "\(rendered.stderrText)")
        let images = try FileManager.default.contentsOfDirectory(at: pages, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "png" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        #expect(images.count == 8)
        let zxing = try QRDecoders.zxing(images)
        for (index, image) in images.enumerated() {
            let expected = Array(manifest[index][1].utf8)
            #expect(try QRDecoders.zbar(image) == expected, "zbar, page \(index + 1)")
            #expect(zxing[index] == expected, "zxing-cpp, page \(index + 1)")
        }

        // The same PDF on standard output, for `lp -d PRINTER`.
        let piped = try fixture.run(["label", "render", "--batch", "RL-1", "--format", "pdf", "--out", "-"] + Self.templates)
        let saved = try Data(contentsOf: pdf)
        #expect(piped.status == 0 && piped.stdout == saved)
    }

    @Test func perUnitKeepsOneFilePerUnit() throws {
        let fixture = try StoreFixture("roll-per-unit")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "RL-2", units: 3)
        let out = fixture.folder.appendingPathComponent("out")
        let render = try fixture.run(["label", "render", "--batch", "RL-2", "--format", "pdf", "--per-unit", "--out", out.path] + Self.templates)
        #expect(render.status == 0 && render.stdoutText.contains("3 file(s) for 3 units"), "\(render.stderrText)")
        let folder = out.appendingPathComponent("TV-P002/TV-0002/RL-2")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pdf") }.sorted()
        #expect(files == codes.map { "\($0.serial).pdf" }.sorted())
    }
}
