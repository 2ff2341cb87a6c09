import Foundation
import OCOPLabel
import Testing
import TestSupport

/// Every shipped A4 stock, checked against the layout its maker publishes (the numbers below are
/// typed from the stock's spec, not read from the templates): pages, where each label and its
/// cut outline land (read back by poppler and `scripts/sheet-probe.py`, sharing no code with the
/// writer), `start-at` and the printer offset, every QR read by zbar and zxing-cpp, and the
/// PDF's size per label.
@Suite(.serialized) struct SheetStockTests {
    struct Stock: Sendable, CustomStringConvertible {
        let sheet: String
        let columns: Int, rows: Int
        let width: Double, height: Double
        let left: Double, top: Double
        let pitchX: Double, pitchY: Double

        var description: String { sheet }
        var perPage: Int { columns * rows }

        /// The stock's die-cut cell `index`, shifted by an offset.
        func cell(_ index: Int, dx: Double = 0, dy: Double = 0) -> (x: Double, y: Double) {
            (left + Double(index % columns) * pitchX + dx, top + Double(index / columns) * pitchY + dy)
        }
    }

    static let stocks: [Stock] = [
        Stock(sheet: "sheet-a4-65-38x21", columns: 5, rows: 13, width: 38.1, height: 21.2, left: 4.75, top: 10.7, pitchX: 40.6, pitchY: 21.2),
        Stock(sheet: "sheet-a4-40-52x30", columns: 4, rows: 10, width: 52.5, height: 29.7, left: 0, top: 0, pitchX: 52.5, pitchY: 29.7),
        Stock(sheet: "sheet-a4-24-70x37", columns: 3, rows: 8, width: 70, height: 37, left: 0, top: 0.5, pitchX: 70, pitchY: 37),
        Stock(sheet: "sheet-a4-21-63x38", columns: 3, rows: 7, width: 63.5, height: 38.1, left: 7.25, top: 15.15, pitchX: 66, pitchY: 38.1),
        Stock(sheet: "sheet-a4-14-99x38", columns: 2, rows: 7, width: 99.1, height: 38.1, left: 4.65, top: 15.15, pitchX: 101.6, pitchY: 38.1),
        Stock(sheet: "sheet-a4-40", columns: 4, rows: 10, width: 48, height: 27, left: 4.5, top: 6.75, pitchX: 51, pitchY: 28.5),
    ]

    static let tolerance = 0.1
    static let probeDPI = 400.0

    struct Probe: Decodable {
        struct Code: Decodable {
            let text: String
            let left_mm: Double, top_mm: Double, right_mm: Double, bottom_mm: Double
        }

        let columns_mm: [Double]
        let rows_mm: [Double]
        let codes: [Code]
    }

    static func renderer(_ stock: Stock) throws -> SheetRenderer {
        let sheet = try LabelFixtures.library.sheet(named: stock.sheet)
        return try SheetRenderer(sheet: sheet, label: try LabelFixtures.label(try #require(sheet.template.label)))
    }

    /// Renders `page` (from 1) with pdftoppm and reads it back with the probe.
    static func probe(_ pdf: URL, page: Int, in folder: URL) throws -> (Probe, URL) {
        let pdftoppm = try #require(which("pdftoppm"), "pdftoppm is missing: run `make test` (poppler-utils)")
        let prefix = folder.appendingPathComponent("page-\(page)")
        let rendered = try run(pdftoppm, ["-r", String(Int(probeDPI)), "-png", "-singlefile", "-f", "\(page)", "-l", "\(page)",
                                          pdf.path, prefix.path])
        #expect(rendered.status == 0, "\(rendered.stderrText)")
        let png = prefix.appendingPathExtension("png")
        let script = ProjectPaths.root.appendingPathComponent("scripts/sheet-probe.py")
        let result = try run(try QRDecoders.zxingPython(), [script.path, png.path, String(probeDPI)])
        try #require(result.status == 0, "sheet-probe.py: \(result.stderrText)")
        return (try JSONDecoder().decode(Probe.self, from: result.stdout), png)
    }

    /// The edges of the used cells' outlines as the stock puts them: sorted, merged where two
    /// cells share an edge, only those on the page.
    static func expectedLines(_ stock: Stock, cells: [Int], dx: Double, dy: Double) -> (columns: [Double], rows: [Double]) {
        func merged(_ values: [Double], page: Double) -> [Double] {
            var result: [Double] = []
            for value in values.sorted() where value > 0.3 && value < page - 0.3 {
                if let last = result.last, abs(last - value) < 0.3 { continue }
                result.append(value)
            }
            return result
        }
        let origins = cells.map { stock.cell($0, dx: dx, dy: dy) }
        return (merged(origins.flatMap { [$0.x, $0.x + stock.width] }, page: 210),
                merged(origins.flatMap { [$0.y, $0.y + stock.height] }, page: 297))
    }

    /// Where the QR symbol's dark modules start, in mm on the page, for a label in `cell`.
    static func expectedSymbolCorner(_ stock: Stock, label: LoadedLabelTemplate, cell: (x: Double, y: Double), modules: Int) throws -> (x: Double, y: Double) {
        let template = label.template
        let qr = try #require(template.elements.compactMap { element -> QRElement? in
            if case let .qr(qr) = element { return qr } else { return nil }
        }.first)
        let side = Double(modules + 8) * qr.moduleMM
        let spareX = qr.box.width - side, spareY = qr.box.height - side
        let x = qr.box.x + (qr.align == .left ? 0 : qr.align == .center ? spareX / 2 : spareX)
        let y = qr.box.y + (qr.verticalAlign == .top ? 0 : qr.verticalAlign == .middle ? spareY / 2 : spareY)
        let labelX = cell.x + (stock.width - template.size.width) / 2, labelY = cell.y + (stock.height - template.size.height) / 2
        return (labelX + x + 4 * qr.moduleMM, labelY + y + 4 * qr.moduleMM)
    }

    /// Two pages: the first started at label 3 (two used), the second with the last four labels;
    /// everything shifted by a printer offset, with cut outlines.
    @Test(arguments: SheetStockTests.stocks)
    func labelsLandOnTheStocksCells(_ stock: Stock) throws {
        let renderer = try Self.renderer(stock)
        #expect(renderer.labelsPerPage == stock.perPage)
        let placement = SheetPlacement(startAt: 3, offsetX: 0.8, offsetY: 0.6, outlines: true)
        let units = (0..<(stock.perPage + 2)).map(LabelFixtures.unit)
        let folder = try ProjectPaths.scratch("sheet-stock")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("sheets.pdf")
        try LabelFixtures.write(try renderer.pdf(units.map { LabelFixtures.data.with(unit: $0) }, placement: placement), to: pdf)

        let info = try PDFInfo(pdf)
        #expect(info.pages == 2)
        for box in info.mediaBoxes { #expect(abs(box.width - 595.276) < 0.01 && abs(box.height - 841.89) < 0.01) }

        let label = try LabelFixtures.label(try #require(renderer.sheet.template.label))
        let pages: [(cells: [Int], units: ArraySlice<LabelData.Unit>)] = [
            (Array(2..<stock.perPage), units[0..<(stock.perPage - 2)]),
            (Array(0..<4), units[(stock.perPage - 2)...]),
        ]
        for (number, page) in pages.enumerated() {
            let (probe, png) = try Self.probe(pdf, page: number + 1, in: folder)
            let expected = Self.expectedLines(stock, cells: page.cells, dx: placement.offsetX, dy: placement.offsetY)
            #expect(probe.columns_mm.count == expected.columns.count, "page \(number + 1) columns \(probe.columns_mm) vs \(expected.columns)")
            #expect(probe.rows_mm.count == expected.rows.count, "page \(number + 1) rows \(probe.rows_mm) vs \(expected.rows)")
            for (found, wanted) in zip(probe.columns_mm, expected.columns) {
                #expect(abs(found - wanted) <= Self.tolerance, "page \(number + 1): outline at x \(found) mm, stock \(wanted) mm")
            }
            for (found, wanted) in zip(probe.rows_mm, expected.rows) {
                #expect(abs(found - wanted) <= Self.tolerance, "page \(number + 1): outline at y \(found) mm, stock \(wanted) mm")
            }

            // zxing-cpp read every code, each where its cell is; zbar reads the same set.
            let wanted = Dictionary(uniqueKeysWithValues: zip(page.units.map { LabelFixtures.code($0.uri, on: label) }, page.cells))
            #expect(Set(probe.codes.map(\.text)) == Set(wanted.keys), "page \(number + 1): zxing-cpp read \(probe.codes.count) of \(wanted.count)")
            let zbarimg = try #require(which("zbarimg"), "zbarimg is missing: run `make test`")
            // QR codes only: zbar's linear decoders may see a barcode in a QR code's modules.
            let zbar = try run(zbarimg, ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", png.path])
            let readByZbar = Set(zbar.stdoutText.split(separator: "\n").map(String.init))
            #expect(readByZbar == Set(wanted.keys),
                    "page \(number + 1): zbar read \(readByZbar.intersection(wanted.keys).count) of \(wanted.count), \(readByZbar.subtracting(wanted.keys).count) others")

            for code in probe.codes {
                guard let cell = wanted[code.text] else { continue }
                let qr = label.template.elements.compactMap { element -> QRElement? in
                    if case let .qr(qr) = element { return qr } else { return nil }
                }.first!
                let modules = Int(((code.right_mm - code.left_mm) / qr.moduleMM).rounded())
                let corner = try Self.expectedSymbolCorner(stock, label: label, cell: stock.cell(cell, dx: placement.offsetX, dy: placement.offsetY),
                                                            modules: modules)
                #expect(abs(code.left_mm - corner.x) <= Self.tolerance && abs(code.top_mm - corner.y) <= Self.tolerance,
                        "cell \(cell): QR at (\(code.left_mm), \(code.top_mm)) mm, expected (\(corner.x), \(corner.y))")
            }
        }
    }

    /// Without start-at, offset or outlines: pages fill from the top-left cell, and a page's
    /// worth plus one label takes two pages.
    @Test(arguments: SheetStockTests.stocks)
    func pageCountForABatch(_ stock: Stock) throws {
        let renderer = try Self.renderer(stock)
        let labels = (0..<(stock.perPage + 1)).map { LabelFixtures.data.with(unit: LabelFixtures.unit($0)) }
        let folder = try ProjectPaths.scratch("sheet-count")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("sheets.pdf")
        try LabelFixtures.write(try renderer.pdf(labels), to: pdf)
        #expect(try PDFInfo(pdf).pages == 2)
        #expect(renderer.pageCount(labels: stock.perPage * 3) == 3)
        #expect(renderer.pageCount(labels: stock.perPage, placement: SheetPlacement(startAt: 2)) == 2)
    }

    /// Loosely the 2 kB a label of the issue (the bench measures it exactly): the static part is
    /// written once, each unit is its QR mask and short code.
    @Test(arguments: SheetStockTests.stocks)
    func aLabelTakesUnderTwoAndAHalfKilobytes(_ stock: Stock) throws {
        let renderer = try Self.renderer(stock)
        let count = 400
        let bytes = try renderer.pdf((0..<count).map { LabelFixtures.data.with(unit: LabelFixtures.unit($0)) })
        #expect(bytes.count / count <= 2500, "\(bytes.count / count) bytes a label")
        // One form XObject for the static part, one image mask per unit.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.components(separatedBy: "/Subtype /Form").count - 1 == 1)
        #expect(text.components(separatedBy: "/ImageMask true").count - 1 == count)
    }

    @Test func startAtAndOffsetsOutsideTheirRangeAreRefused() throws {
        let renderer = try Self.renderer(Self.stocks[0])
        #expect(SheetPlacement(startAt: 0).problem(labelsPerPage: 65)?.hasPrefix("start-at: 0 ") == true)
        #expect(SheetPlacement(startAt: 66).problem(labelsPerPage: 65)?.contains("use 1 to 65") == true)
        #expect(SheetPlacement(offsetX: -5.5).problem(labelsPerPage: 65)?.hasPrefix("offset-x: -5.5 mm is outside -5 to 5 mm") == true)
        #expect(SheetPlacement(offsetY: .nan).problem(labelsPerPage: 65)?.hasPrefix("offset-y:") == true)
        #expect(SheetPlacement(startAt: 65, offsetX: -5, offsetY: 5).problem(labelsPerPage: 65) == nil)
        #expect(throws: LabelError.self) { try renderer.pdf([LabelFixtures.data], placement: SheetPlacement(startAt: 70)) }
    }

    /// The calibration page: one A4 page whose outlines are the stock's cells, shifted by the offset.
    @Test(arguments: [SheetStockTests.stocks[0], SheetStockTests.stocks[3]])
    func calibrationPageOutlinesTheStock(_ stock: Stock) throws {
        let sheet = try LabelFixtures.library.sheet(named: stock.sheet)
        let folder = try ProjectPaths.scratch("sheet-calibration")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("calibration.pdf")
        try LabelFixtures.write(try SheetCalibration.pdf(sheet, placement: SheetPlacement(offsetX: -1.0, offsetY: 0.5)), to: pdf)
        #expect(try PDFInfo(pdf).pages == 1)
        let (probe, _) = try Self.probe(pdf, page: 1, in: folder)
        let expected = Self.expectedLines(stock, cells: Array(0..<stock.perPage), dx: -1.0, dy: 0.5)
        #expect(probe.columns_mm.count == expected.columns.count && probe.rows_mm.count == expected.rows.count,
                "\(probe.columns_mm) \(probe.rows_mm)")
        for (found, wanted) in zip(probe.columns_mm + probe.rows_mm, expected.columns + expected.rows) {
            #expect(abs(found - wanted) <= Self.tolerance, "outline at \(found) mm, stock \(wanted) mm")
        }
    }
}
