import Foundation
import OCOPBarcode
import OCOPDomain
import OCOPLabel
import Testing
import TestSupport

/// The `barcode` element: EAN-13, UPC-A, GS1-128 and GS1 DataMatrix encoded by libzint, drawn on
/// the pixel grid, read back by zbar (EAN-13, UPC-A, GS1-128) and zxing-cpp (all four) in PNG at
/// 300 dpi, bilevel at 203 dpi (a thermal printer's), PDF rasterised by poppler and SVG by librsvg.
@Suite struct BarcodeTests {
    /// A one-element label template for each symbology, sized to pass `template check` at 203, 300 and 600 dpi.
    static func template(_ symbology: String, folder: URL, element: String? = nil, size: String? = nil,
                         extra: String = "", dpi: String = #"{ "default": 300, "minimum": 203 }"#) throws -> URL {
        let defaults: [String: (size: String, element: String)] = [
            "ean13": (#"{ "width": 48, "height": 38 }"#,
                      #"{ "type": "barcode", "name": "EAN", "symbology": "ean13", "x_dimension_mm": 0.33, "box": { "x": 2, "y": 2, "width": 44, "height": 34 } }"#),
            "upca": (#"{ "width": 48, "height": 38 }"#,
                     #"{ "type": "barcode", "name": "UPC", "symbology": "upca", "x_dimension_mm": 0.33, "box": { "x": 2, "y": 2, "width": 44, "height": 34 } }"#),
            "gs1_128": (#"{ "width": 175, "height": 45 }"#,
                        #"{ "type": "barcode", "name": "carton", "symbology": "gs1_128", "x_dimension_mm": 0.495, "box": { "x": 3, "y": 3, "width": 169, "height": 39 } }"#),
            "gs1_datamatrix": (#"{ "width": 20, "height": 20 }"#,
                               #"{ "type": "barcode", "name": "matrix", "symbology": "gs1_datamatrix", "x_dimension_mm": 0.5, "box": { "x": 2, "y": 2, "width": 16, "height": 16 } }"#),
        ]
        let chosen = defaults[symbology]!
        let name = "barcode-\(symbology)-\(UUID().uuidString.prefix(6))"
        let json = """
        { "kind": "label", "name": "\(name)", "size_mm": \(size ?? chosen.size), "dpi": \(dpi),
          "elements": [ \(element ?? chosen.element)\(extra) ] }
        """
        let file = folder.appendingPathComponent("\(name).json")
        try Data(json.utf8).write(to: file)
        return file
    }

    static func data(for symbology: String) -> LabelData {
        var data = LabelFixtures.data
        if symbology == "upca" { data.product.gtin = LabelData.sampleGTIN12 }
        return data
    }

    /// What each decoder must read: zbar's format, flags and transmitted data; zxing-cpp's.
    static func expected(_ symbology: String) -> (zbar: BarcodeDecoders.Symbol?, zxing: BarcodeDecoders.Symbol) {
        let hri = "(01)09528400000020(17)270502(10)KD-2026-11"
        switch symbology {
        case "ean13":
            return (.init(format: "EAN-13", flags: [], text: "9528400000020"),
                    .init(format: "EAN-13", flags: ["]E0", "Text"], text: "9528400000020"))
        case "upca":
            // ISO/IEC 15420 transmits a UPC-A as the EAN-13 with a leading 0 (`]E0`); zbar names it UPC-A when asked to.
            return (.init(format: "UPC-A", flags: [], text: "036000291452"),
                    .init(format: "EAN-13", flags: ["]E0", "Text"], text: "0036000291452"))
        case "gs1_128":
            // FNC1 first: zbar flags GS1, zxing-cpp gives the GS1-128 identifier ]C1.
            return (.init(format: "CODE-128", flags: ["GS1"], text: "0109528400000020172705021" + "0KD-2026-11"),
                    .init(format: "Code 128", flags: ["]C1", "GS1"], text: hri))
        default:
            return (nil, .init(format: "Data Matrix", flags: ["]d2", "GS1"], text: hri))
        }
    }

    static let symbologies = ["ean13", "upca", "gs1_128", "gs1_datamatrix"]

    @Test(arguments: symbologies)
    func everyOutputDecodesInBothDecoders(symbology: String) throws {
        let folder = try ProjectPaths.scratch("barcode-\(symbology)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.template(symbology, folder: folder)
        let report = TemplateValidator().check(file: file)
        #expect(report.issues.isEmpty, "\(report.issues.map(\.description))")
        let template = try TemplateValidator().loadLabel(file)
        let data = Self.data(for: symbology)

        var images: [(String, URL)] = []
        let png300 = folder.appendingPathComponent("300.png")
        try LabelFixtures.write(try LabelRenderer(template, dpi: 300).png(data), to: png300)
        images.append(("PNG 300 dpi", png300))
        let png203 = folder.appendingPathComponent("203-bilevel.png")
        try LabelFixtures.write(try LabelRenderer(template, dpi: 203, rasterization: .bilevel).png(data), to: png203)
        images.append(("bilevel 203 dpi", png203))
        guard let pdftoppm = which("pdftoppm") else {
            Issue.record("pdftoppm (poppler-utils) is missing: run `make test`")
            return
        }
        let pdf = folder.appendingPathComponent("label.pdf")
        try LabelFixtures.write(try LabelRenderer(template).pdf(data), to: pdf)
        let rendered = try run(pdftoppm, ["-r", "300", "-gray", "-png", "-singlefile", pdf.path, folder.appendingPathComponent("pdf").path])
        #expect(rendered.status == 0, "\(rendered.stderrText)")
        images.append(("PDF via pdftoppm", folder.appendingPathComponent("pdf.png")))
        guard let rsvg = which("rsvg-convert") else {
            Issue.record("rsvg-convert (Debian librsvg2-bin) is missing: run `make test`")
            return
        }
        let svg = folder.appendingPathComponent("label.svg")
        try LabelFixtures.write(try LabelRenderer(template).svg(data), to: svg)
        let svgPNG = folder.appendingPathComponent("svg.png")
        // 300 dpi: the SVG is sized in mm.
        let converted = try run(rsvg, ["-d", "300", "-p", "300", "-b", "white", "-o", svgPNG.path, svg.path])
        #expect(converted.status == 0, "rsvg-convert: \(converted.stderrText)")
        images.append(("SVG via rsvg-convert", svgPNG))

        let expected = Self.expected(symbology)
        let zxing = try BarcodeDecoders.zxing(images.map(\.1))
        for (index, (output, image)) in images.enumerated() {
            #expect(zxing[index] == [expected.zxing], "zxing-cpp, \(symbology), \(output): \(zxing[index])")
            if let zbarExpected = expected.zbar {
                let zbar = try BarcodeDecoders.zbar(image)
                #expect(zbar == [zbarExpected], "zbar, \(symbology), \(output): \(zbar)")
            }
        }
    }

    @Test func rasterBarsAreWholePixelsOfOneModuleWidth() throws {
        let folder = try ProjectPaths.scratch("barcode-pixels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = try TemplateValidator().loadLabel(try Self.template("ean13", folder: folder))
        for (dpi, modulePixels) in [(300.0, 4), (203.0, 3), (600.0, 8)] {
            let raster = try LabelRenderer(template, dpi: dpi, rasterization: dpi == 203 ? .bilevel : .antialiased).raster(LabelFixtures.data)
            guard case let .gray(gray) = raster.pixels else { Issue.record("a black-only template renders gray"); continue }
            // A row through the middle of the bars: only black and white, every run a whole number of modules.
            let y = PixelGeometry.pixels(12, dpi: dpi)
            let row = Array(gray[(y * raster.width)..<((y + 1) * raster.width)])
            #expect(row.allSatisfy { $0 == 0 || $0 == 255 }, "\(Int(dpi)) dpi: gray pixels in the bars")
            var runs: [Int] = []
            var start = row.firstIndex(of: 0)!
            let end = row.lastIndex(of: 0)! + 1
            for x in (start + 1)...end where x == end || row[x] != row[x - 1] {
                runs.append(x - start)
                start = x
            }
            #expect(runs.allSatisfy { $0 % modulePixels == 0 }, "\(Int(dpi)) dpi: runs \(runs)")
            // 95 modules from the first bar's left edge to the last bar's right edge.
            #expect(runs.reduce(0, +) == 95 * modulePixels)
            #expect(runs.count == 59, "30 bars and the 29 spaces between them")
        }
    }

    @Test func theEncoderReadsZintsModules() throws {
        let ean = try BarcodeEncoder.encode(.ean13, data: "9528400000020")
        #expect(ean.rows == 1 && ean.columns == 95)
        #expect(Array(ean.modules[0..<3]) == [true, false, true], "start guard")
        #expect(Array(ean.modules[45..<50]) == [false, true, false, true, false], "centre guard")
        #expect(ean.darkRuns(inRow: 0).count == 30)
        let upc = try BarcodeEncoder.encode(.upca, data: "036000291452")
        #expect(upc.rows == 1 && upc.columns == 95)
        let carton = try BarcodeEncoder.encode(.gs1_128, data: "[01]09528400000020[17]270502[10]KD-2026-11")
        #expect(carton.rows == 1 && carton.columns == 310, "start C, FNC1, 8 + 4 + 1 pairs, code B, 10 letters, check, stop")
        let matrix = try BarcodeEncoder.encode(.gs1DataMatrix, data: "[01]09528400000020[17]270502[10]KD-2026-11")
        #expect(matrix.rows == 20 && matrix.columns == 20)
        #expect((0..<20).allSatisfy { matrix[0, $0] } && (0..<20).allSatisfy { matrix[$0, 19] }, "the L of the finder pattern")
    }

    @Test func zintsRefusalsAreErrorsNamingTheRule() {
        let checkDigit = #expect(throws: BarcodeEncodingError.self) { try BarcodeEncoder.encode(.ean13, data: "9528400000021") }
        #expect(checkDigit?.description.contains("EAN-13 cannot carry \"9528400000021\"") == true, "\(String(describing: checkDigit))")
        #expect(checkDigit?.description.contains("check digit") == true)
        // zint only warns about a bad GS1 date; warnings are failures here.
        let date = #expect(throws: BarcodeEncodingError.self) { try BarcodeEncoder.encode(.gs1_128, data: "[01]09528400000020[17]271302") }
        #expect(date?.description.contains("month") == true, "\(String(describing: date))")
        #expect(throws: BarcodeEncodingError.self) { try BarcodeEncoder.encode(.upca, data: "") }
    }

    @Test func dataThatABarcodeCannotCarryIsAnErrorNamingElementAndField() throws {
        let folder = try ProjectPaths.scratch("barcode-data")
        defer { try? FileManager.default.removeItem(at: folder) }
        let upc = try TemplateValidator().loadLabel(try Self.template("upca", folder: folder))
        let noGTIN12 = #expect(throws: LabelError.self) { try LabelRenderer(upc).png(LabelFixtures.data) }
        #expect(noGTIN12?.description.contains("elements[0] (barcode \"UPC\"): product.gtin: 09528400000020 is no GTIN-12") == true,
                "\(String(describing: noGTIN12))")
        var withoutGTIN = LabelFixtures.data
        withoutGTIN.product.gtin = nil
        let ean = try TemplateValidator().loadLabel(try Self.template("ean13", folder: folder))
        let missing = #expect(throws: LabelError.self) { try LabelRenderer(ean).prepare(withoutGTIN) }
        #expect(missing?.description.contains("elements[0] (barcode \"EAN\"): the data has no product.gtin") == true)
        var caseGTIN = LabelFixtures.data
        caseGTIN.product.gtin = "19528400000027"
        let indicator = #expect(throws: LabelError.self) { try LabelRenderer(ean).pdf(caseGTIN) }
        #expect(indicator?.description.contains("has an indicator digit") == true, "\(String(describing: indicator))")
        var longLot = LabelFixtures.data
        longLot.lot = "LOT WITH SPACES"
        let matrix = try TemplateValidator().loadLabel(try Self.template("gs1_datamatrix", folder: folder))
        let lot = #expect(throws: LabelError.self) { try LabelRenderer(matrix).png(longLot) }
        #expect(lot?.description.contains("elements[0] (barcode \"matrix\"): lot: character") == true, "\(String(describing: lot))")
    }

    // MARK: template check

    func issues(_ symbology: String, element: String? = nil, size: String? = nil, extra: String = "",
                dpi: String = #"{ "default": 300, "minimum": 203 }"#) throws -> [TemplateIssue] {
        let folder = try ProjectPaths.scratch("barcode-check")
        defer { try? FileManager.default.removeItem(at: folder) }
        return TemplateValidator().check(file: try Self.template(symbology, folder: folder, element: element, size: size, extra: extra, dpi: dpi)).issues
    }

    @Test func xDimensionOutsideGS1sTableIsRefused() throws {
        let small = try issues("ean13", element: #"{ "type": "barcode", "name": "EAN", "symbology": "ean13", "x_dimension_mm": 0.25, "box": { "x": 2, "y": 2, "width": 44, "height": 34 } }"#)
        #expect(small.count == 1 && small[0].rule == .xDimensionOutOfRange, "\(small)")
        #expect(small.first?.description.contains(#"elements[0] (barcode "EAN") x_dimension_mm: 0.25 mm is outside 0.264-0.660 mm (target 0.330) for EAN-13 (GS1 General Specifications, symbol specification table 1"#) == true,
                "\(small)")
        let carton = try issues("gs1_128", element: #"{ "type": "barcode", "symbology": "gs1_128", "x_dimension_mm": 0.33, "box": { "x": 3, "y": 3, "width": 169, "height": 39 } }"#)
        #expect(carton.map(\.rule) == [.xDimensionOutOfRange])
        #expect(carton.first?.message.contains("0.495-1.016 mm (target 0.495) for GS1-128 (GS1 General Specifications, symbol specification table 2") == true)
        let matrix = try issues("gs1_datamatrix", element: #"{ "type": "barcode", "symbology": "gs1_datamatrix", "x_dimension_mm": 1.2, "box": { "x": 2, "y": 2, "width": 16, "height": 16 } }"#,
                                size: #"{ "width": 40, "height": 40 }"#)
        #expect(matrix.map(\.rule) == [.xDimensionOutOfRange] && matrix.first?.message.contains("0.396-0.990 mm") == true, "\(matrix)")
    }

    @Test func barsLowerThanGS1AsksAreRefused() throws {
        // 0.33 mm modules need 22.85 mm bars; whole pixels at 300 dpi (0.339 mm) need 23.45 mm.
        let found = try issues("ean13", element: #"{ "type": "barcode", "name": "EAN", "symbology": "ean13", "x_dimension_mm": 0.33, "bar_height_mm": 23, "box": { "x": 2, "y": 2, "width": 44, "height": 34 } }"#,
                               dpi: #"{ "default": 300, "minimum": 300 }"#)
        #expect(found.map(\.rule) == [.barHeightTooLow], "\(found)")
        #expect(found.first?.description.contains("bar_height_mm: at 300 dpi the bars are 23.03 mm high at 0.339 mm modules; EAN-13 needs at least 23.45 mm") == true, "\(found)")
        let carton = try issues("gs1_128", element: #"{ "type": "barcode", "symbology": "gs1_128", "x_dimension_mm": 0.495, "box": { "x": 3, "y": 3, "width": 169, "height": 30 } }"#)
        #expect(carton.map(\.rule) == [.barHeightTooLow] && carton.first?.message.contains("at least 31.75 mm") == true, "\(carton)")
    }

    @Test func aBlockLargerThanItsBoxIsRefusedWithItsSize() throws {
        let found = try issues("ean13", element: #"{ "type": "barcode", "name": "EAN", "symbology": "ean13", "x_dimension_mm": 0.33, "box": { "x": 2, "y": 2, "width": 38, "height": 34 } }"#)
        #expect(found.map(\.rule) == [.barcodeDoesNotFit], "\(found)")
        // 113 modules with quiet zones: 37.29 mm in PDF, 42.42 mm at 203 dpi (3 dots = 0.375 mm).
        #expect(found.first?.message.contains("at 203 dpi the EAN-13 of 95 modules at 0.375 mm (3 px at 203 dpi) with 11 + 7 quiet-zone modules is 42.42 × ") == true, "\(found)")
    }

    @Test func anotherElementInTheQuietZoneIsRefused() throws {
        let text = #", { "type": "text", "name": "note", "text": "x", "font": { "size_pt": 6 }, "box": { "x": 10, "y": 10, "width": 3, "height": 3 } }"#
        let found = try issues("ean13", extra: text)
        #expect(found.map(\.rule) == [.quietZoneOverlap], "\(found)")
        #expect(found.first?.description.contains(#"elements[0] (barcode "EAN") box: the EAN-13 with its quiet zones is"#) == true)
        #expect(found.first?.message.contains(#"elements[1] (text "note")"#) == true)
        // A rule across the bars: zero area as a span, but 0.2 mm of ink.
        let rule = #", { "type": "line", "name": "rule", "from": { "x": 1, "y": 20 }, "to": { "x": 47, "y": 20 } }"#
        let crossed = try issues("ean13", extra: rule)
        #expect(crossed.map(\.rule) == [.quietZoneOverlap] && crossed.first?.message.contains(#"elements[1] (line "rule")"#) == true, "\(crossed)")
    }

    @Test func aDigitalLinkQRMoreThan50mmFromTheEANIsRefused() throws {
        let qr = #", { "type": "qr", "name": "unit code", "payload": "unit_uri", "module_mm": 0.42, "box": { "x": 90, "y": 2, "width": 28, "height": 28 } }"#
        let far = try issues("ean13", size: #"{ "width": 120, "height": 38 }"#, extra: qr).filter { $0.severity == .error }
        #expect(far.map(\.rule) == [.qrTooFarFromBarcode], "\(far)")
        #expect(far.first?.description.contains(#"elements[1] (qr "unit code") box: its farthest corner (quiet zone included) is"#) == true, "\(far)")
        #expect(far.first?.message.contains("from the centre of the EAN-13 bars (elements[0] (barcode \"EAN\")); GS1 places the whole Digital Link QR code within 50 mm") == true)
        // The EAN-13 at the right of its box and the QR code right beside it: 47.8 mm.
        let near = try issues("ean13", element: #"{ "type": "barcode", "name": "EAN", "symbology": "ean13", "x_dimension_mm": 0.33, "align": "right", "box": { "x": 2, "y": 2, "width": 44, "height": 34 } }"#,
                              size: #"{ "width": 80, "height": 38 }"#,
                              extra: #", { "type": "qr", "name": "unit code", "payload": "unit_uri", "module_mm": 0.42, "box": { "x": 46.2, "y": 2, "width": 28, "height": 28 } }"#)
        #expect(near.filter { $0.severity == .error }.isEmpty, "\(near)")
    }

    @Test func keysThatDoNotSuitTheSymbologyAreRefused() throws {
        let folder = try ProjectPaths.scratch("barcode-keys")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases = [
            (#"{ "type": "barcode", "symbology": "gs1_datamatrix", "x_dimension_mm": 0.5, "human_readable": true, "box": { "x": 2, "y": 2, "width": 16, "height": 16 } }"#,
             "human_readable: is for linear symbols"),
            (#"{ "type": "barcode", "symbology": "gs1_datamatrix", "x_dimension_mm": 0.5, "bar_height_mm": 10, "box": { "x": 2, "y": 2, "width": 16, "height": 16 } }"#,
             "bar_height_mm: a GS1 DataMatrix has no bars"),
            (#"{ "type": "barcode", "symbology": "code39", "x_dimension_mm": 0.5, "box": { "x": 2, "y": 2, "width": 16, "height": 16 } }"#,
             "symbology: \"code39\" is not a barcode symbology; use one of ean13, upca, gs1_128, gs1_datamatrix"),
        ]
        for (element, message) in cases {
            let report = TemplateValidator().check(file: try Self.template("gs1_datamatrix", folder: folder, element: element))
            #expect(report.errors.count == 1 && report.errors[0].description.contains(message), "\(report.issues)")
        }
    }

    @Test func theShippedEANLabelKeepsItsQRWithin50mmAndDecodes() throws {
        let template = try LabelFixtures.label("product-label-99x38-ean13")
        let report = TemplateValidator().check(file: LabelFixtures.library.file(named: "product-label-99x38-ean13"))
        #expect(report.issues.isEmpty, "\(report.issues.map(\.description))")
        let folder = try ProjectPaths.scratch("barcode-shipped")
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("label.png")
        try LabelFixtures.write(try LabelRenderer(template).png(LabelFixtures.data), to: png)
        let zbar = try BarcodeDecoders.zbar(png)
        #expect(zbar.contains(BarcodeDecoders.Symbol(format: "EAN-13", flags: [], text: "9528400000020")), "\(zbar)")
        #expect(zbar.contains(BarcodeDecoders.Symbol(format: "QR-Code", flags: [], text: LabelFixtures.unitURI)), "\(zbar)")
        let zxing = try BarcodeDecoders.zxing([png])[0]
        #expect(zxing.contains(BarcodeDecoders.Symbol(format: "EAN-13", flags: ["]E0", "Text"], text: "9528400000020")), "\(zxing)")
        #expect(zxing.contains { $0.format == "QR Code" && $0.text == LabelFixtures.unitURI }, "\(zxing)")
    }

    @Test(arguments: [300.0, 600.0])
    func theShippedDataMatrixLabelCarriesGTINExpiryAndLot(dpi: Double) throws {
        let template = try LabelFixtures.label("product-label-99x38-datamatrix")
        let folder = try ProjectPaths.scratch("barcode-shipped-matrix")
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("label.png")
        try LabelFixtures.write(try LabelRenderer(template, dpi: dpi).png(LabelFixtures.data), to: png)
        let zxing = try BarcodeDecoders.zxing([png])[0]
        #expect(zxing.filter { $0.format == "Data Matrix" }
            == [BarcodeDecoders.Symbol(format: "Data Matrix", flags: ["]d2", "GS1"], text: "(01)09528400000020(17)270502(10)KD-2026-11")], "\(zxing)")
        #expect(zxing.contains { $0.format == "QR Code" && $0.text == LabelFixtures.unitURI }, "\(zxing)")
        #expect(try QRDecoders.zbar(png) == Array(LabelFixtures.unitURI.utf8))
    }
}
