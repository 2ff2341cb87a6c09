import Foundation
import TestSupport
import Testing

/// A batch on the shipped EAN-13 label (`product-label-99x38-ean13`) in every output `label render`
/// has: per-unit PNGs, the roll PDF, A4 sheets, ZPL and TSPL jobs. On every label the EAN-13 reads
/// as the product's GTIN-13 and the QR code as the unit's URI, in zbar and in zxing-cpp.
@Suite struct BarcodeLabelTests {
    static let templates = ["--templates", ProjectPaths.root.appendingPathComponent("Templates").path]
    static let template = ["--template", "product-label-99x38-ean13"]
    /// The fixture's product TV-0002 has GTIN 9528400000020.
    static let gtin13 = "9528400000020"

    static func ean13(_ text: String, zxing: Bool) -> BarcodeDecoders.Symbol {
        .init(format: "EAN-13", flags: zxing ? ["]E0", "Text"] : [], text: text)
    }

    /// Checks one picture of one label: one EAN-13 (the GTIN) and the QR code of `uri`, in both decoders.
    static func expectLabel(_ image: URL, zxing symbols: [BarcodeDecoders.Symbol], uri: String, _ where: String) throws {
        let zbar = try BarcodeDecoders.zbar(image)
        #expect(zbar.filter { $0.format == "EAN-13" } == [ean13(gtin13, zxing: false)], "zbar, \(`where`): \(zbar)")
        #expect(symbols.filter { $0.format == "EAN-13" } == [ean13(gtin13, zxing: true)], "zxing-cpp, \(`where`): \(symbols)")
        #expect(try QRDecoders.zbar(image) == Array(uri.utf8), "zbar QR, \(`where`)")
        #expect(symbols.filter { $0.format == "QR Code" }.map(\.text) == [uri], "zxing-cpp QR, \(`where`)")
    }

    static func manifest(_ folder: URL) throws -> [[String]] {
        try String(contentsOf: folder.appendingPathComponent("manifest.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    }

    static func pdfPages(_ pdf: URL, into folder: URL) throws -> [URL] {
        guard let pdftoppm = which("pdftoppm") else { throw QRDecoders.Failure.missing("pdftoppm (poppler-utils)") }
        let rendered = try run(pdftoppm, ["-r", "300", "-gray", "-png", pdf.path, folder.appendingPathComponent("page").path])
        guard rendered.status == 0 else { throw SubprocessError(description: "pdftoppm: \(rendered.stderrText)") }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "png" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func pngLabelsAndTheRollPDFCarryTheGTINAndTheUnitCode() throws {
        let fixture = try StoreFixture("ean-labels")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "EAN-1", units: 4)
        let out = fixture.folder.appendingPathComponent("out")
        let png = try fixture.run(["label", "render", "--batch", "EAN-1", "--out", out.path] + Self.template + Self.templates)
        #expect(png.status == 0, "\(png.stderrText)")
        let folder = out.appendingPathComponent("TV-P002/TV-0002/EAN-1")
        let rows = try Self.manifest(folder)
        #expect(rows.count == 4 && Set(rows.map { $0[1] }) == Set(codes.map(\.uri)))
        let files = rows.map { folder.appendingPathComponent($0[0]) }
        let zxing = try BarcodeDecoders.zxing(files)
        for (index, row) in rows.enumerated() {
            try Self.expectLabel(files[index], zxing: zxing[index], uri: row[1], "PNG \(row[0])")
        }

        let roll = try fixture.run(["label", "render", "--batch", "EAN-1", "--format", "pdf", "--out", out.path] + Self.template + Self.templates)
        #expect(roll.status == 0, "\(roll.stderrText)")
        let pages = try ProjectPaths.scratch("ean-roll")
        defer { try? FileManager.default.removeItem(at: pages) }
        let images = try Self.pdfPages(folder.appendingPathComponent("labels.pdf"), into: pages)
        let rollRows = try Self.manifest(folder).filter { $0[0] == "labels.pdf" }
        #expect(images.count == 4 && rollRows.count == 4)
        let rollSymbols = try BarcodeDecoders.zxing(images)
        for (index, image) in images.enumerated() where index < rollRows.count {
            try Self.expectLabel(image, zxing: rollSymbols[index], uri: rollRows[index][1], "roll PDF page \(index + 1)")
        }
    }

    @Test func everyLabelOfAnA4SheetCarriesTheGTIN() throws {
        let fixture = try StoreFixture("ean-sheet")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "EAN-2", units: 5)
        let out = fixture.folder.appendingPathComponent("out")
        let render = try fixture.run(["label", "render", "--batch", "EAN-2", "--sheet", "sheet-a4-14-99x38", "--format", "pdf", "--out", out.path]
            + Self.template + Self.templates)
        #expect(render.status == 0, "\(render.stderrText)")
        let pdf = out.appendingPathComponent("TV-P002/TV-0002/EAN-2/sheets.pdf")
        guard let pdftoppm = which("pdftoppm") else { throw QRDecoders.Failure.missing("pdftoppm (poppler-utils)") }
        let cells = try ProjectPaths.scratch("ean-sheet")
        defer { try? FileManager.default.removeItem(at: cells) }
        // Each label's cell of page 1 at 300 dpi, cut by poppler: the stock's layout is 2 across
        // from 4.65 mm at a 101.6 mm pitch, 7 down from 15.15 mm at 38.1 mm; a label is 99.1 × 38.1 mm.
        let pixels = { (mm: Double) in String(Int((mm * 300 / 25.4).rounded())) }
        var images: [URL] = []
        for cell in 0..<5 {
            let x = 4.65 + Double(cell % 2) * 101.6, y = 15.15 + Double(cell / 2) * 38.1
            let base = cells.appendingPathComponent("cell-\(cell + 1)")
            let cut = try run(pdftoppm, ["-r", "300", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile",
                                         "-x", pixels(x), "-y", pixels(y), "-W", pixels(99.1), "-H", pixels(38.1), pdf.path, base.path])
            #expect(cut.status == 0, "\(cut.stderrText)")
            images.append(base.appendingPathExtension("png"))
        }
        // Labels fill the cells row by row in the order of the codes file.
        let zxing = try BarcodeDecoders.zxing(images)
        for (cell, image) in images.enumerated() {
            try Self.expectLabel(image, zxing: zxing[cell], uri: codes[cell].uri, "sheet cell \(cell + 1)")
        }
    }

    @Test(arguments: ["zpl", "tspl"])
    func thermalJobsPrintTheEANOnEveryLabel(_ language: String) throws {
        let fixture = try StoreFixture("ean-\(language)")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "EAN-3", units: 3)
        let out = fixture.folder.appendingPathComponent("out")
        let render = try fixture.run(["label", "render", "--batch", "EAN-3", "--format", language, "--dpi", "300", "--out", out.path]
            + Self.template + Self.templates)
        #expect(render.status == 0, "\(render.stderrText)")
        let folder = out.appendingPathComponent("TV-P002/TV-0002/EAN-3")
        let rows = try Self.manifest(folder)
        let pictures = try ProjectPaths.scratch("ean-\(language)-labels")
        defer { try? FileManager.default.removeItem(at: pictures) }
        let labels = try ThermalJobTests.printLabels(folder.appendingPathComponent("labels-300dpi.\(language)"), language: language,
                                                     dpi: 300, into: pictures)
        #expect(labels.count == 3 && labels.allSatisfy { $0.size == "1170x450" }, "\(labels.map(\.size))")
        let zxing = try BarcodeDecoders.zxing(labels.map(\.png))
        for (index, label) in labels.enumerated() where index < rows.count {
            try Self.expectLabel(label.png, zxing: zxing[index], uri: rows[index][1], "\(language) label \(index + 1)")
        }
    }

    @Test func theDataMatrixLabelCarriesTheBatchsExpiryAndLotFromTheStore() throws {
        let fixture = try StoreFixture("datamatrix-labels")
        defer { fixture.remove() }
        try fixture.expectSuccess(["batch", "issue", "--product", "TV-0002", "--lot", "DM/7", "--units", "2",
                                   "--produced", "2026-11-20", "--expires", "2027-05-20"])
        let out = fixture.folder.appendingPathComponent("out")
        let render = try fixture.run(["label", "render", "--batch", "DM/7", "--template", "product-label-99x38-datamatrix", "--out", out.path]
            + Self.templates)
        #expect(render.status == 0, "\(render.stderrText)")
        let folder = out.appendingPathComponent("TV-P002/TV-0002/DM%2F7")
        let rows = try Self.manifest(folder)
        #expect(rows.count == 2)
        let files = rows.map { folder.appendingPathComponent($0[0]) }
        let zxing = try BarcodeDecoders.zxing(files)
        for (index, row) in rows.enumerated() {
            // (01) GTIN-14, (17) the batch's expiry as YYMMDD, (10) its lot, '/' included.
            #expect(zxing[index].filter { $0.format == "Data Matrix" }
                == [BarcodeDecoders.Symbol(format: "Data Matrix", flags: ["]d2", "GS1"], text: "(01)09528400000020(17)270520(10)DM/7")],
                "\(zxing[index])")
            #expect(zxing[index].filter { $0.format == "QR Code" }.map(\.text) == [row[1]])
            #expect(try QRDecoders.zbar(files[index]) == Array(row[1].utf8))
        }
    }

    @Test func aProductWithoutGTINIsRefusedAndNothingIsWritten() throws {
        let fixture = try StoreFixture("ean-no-gtin")
        defer { fixture.remove() }
        _ = try fixture.issue(product: "TV-0004", lot: "NG-1", units: 2)
        let out = fixture.folder.appendingPathComponent("out")
        for format in ["png", "pdf", "zpl"] {
            let render = try fixture.run(["label", "render", "--batch", "NG-1", "--format", format, "--dpi", "300", "--out", out.path]
                + Self.template + Self.templates)
            #expect(render.status == 65, "\(format): \(render.stderrText)")
            let lines = render.stderrText.split(separator: "\n").filter { !$0.hasPrefix("signing for") }
            #expect(lines.count == 1, "\(format): \(render.stderrText)")
            #expect(lines.first?.contains(#"product-label-99x38-ean13: elements[7] (barcode "EAN-13"): the data has no product.gtin"#) == true,
                    "\(format): \(render.stderrText)")
        }
        let written = (try? FileManager.default.subpathsOfDirectory(atPath: out.path)) ?? []
        #expect(written.filter { !$0.hasSuffix("/") && $0.contains(".") }.isEmpty, "\(written)")
    }
}
