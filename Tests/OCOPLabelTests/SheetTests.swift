import Foundation
import OCOPLabel
import Testing
import TestSupport

@Suite struct SheetTests {
    static func renderer() throws -> SheetRenderer {
        let sheet = try LabelFixtures.library.sheet(named: "sheet-a4-40")
        return try SheetRenderer(sheet: sheet, label: try LabelFixtures.label("product-label-48x27"))
    }

    /// 45 labels: two A4 pages at 300 dpi; the first holds 40 codes, each decodable.
    @Test func pngPagesHoldEveryCode() throws {
        let renderer = try Self.renderer()
        let units = (0..<45).map(LabelFixtures.unit)
        let pages = try renderer.pngPages(units.map { LabelFixtures.data.with(unit: $0) })
        #expect(pages.count == 2)
        let header = try #require(try PNGChunks(pages[0]).header)
        #expect(header.width == 2480 && header.height == 3508 && header.colorType == 0)
        #expect(try PNGChunks(pages[0]).physical?.x == 11811)

        let folder = try ProjectPaths.scratch("sheet")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("page-1.png")
        try LabelFixtures.write(pages[0], to: file)
        let zbarimg = try #require(which("zbarimg"), "zbarimg is missing: run `make test`")
        let result = try run(zbarimg, ["--raw", "-q", file.path])
        let decoded = Set(result.stdoutText.split(separator: "\n").map(String.init))
        let label = try LabelFixtures.label("product-label-48x27")
        #expect(decoded == Set(units.prefix(40).map { LabelFixtures.code($0.uri, on: label) }))
    }

    @Test func pdfHasAnA4PagePerFortyLabels() throws {
        let renderer = try Self.renderer()
        let labels = (0..<41).map { LabelFixtures.data.with(unit: LabelFixtures.unit($0)) }
        let folder = try ProjectPaths.scratch("sheet-pdf")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("sheet.pdf")
        try LabelFixtures.write(try renderer.pdf(labels), to: file)
        let info = try PDFInfo(file)
        #expect(info.pages == 2)
        #expect(info.mediaBoxes.count == 2)
        for box in info.mediaBoxes {
            #expect(abs(box.width - 595.276) < 0.01 && abs(box.height - 841.89) < 0.01, "\(box)")
        }
    }

    @Test func aStampDoesNotFitTheLabelSheetsCells() throws {
        let sheet = try LabelFixtures.library.sheet(named: "sheet-a4-40")
        let error = #expect(throws: LabelError.self) {
            try SheetRenderer(sheet: sheet, label: try LabelFixtures.label("ocop-star-stamp-30"))
        }
        #expect(error?.description.contains("ocop-star-stamp-30 is 30 × 30 mm") == true)
    }
}
