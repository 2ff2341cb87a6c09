import Foundation
import OCOPLabel
import Testing
import TestSupport

@Suite struct RendererTests {
    @Test func resolutionsBelowTheTemplatesMinimumAreRefused() throws {
        let stamp = try LabelFixtures.label("ocop-star-stamp-30")
        let error = #expect(throws: LabelError.self) { try LabelRenderer(stamp, dpi: 203) }
        #expect(error?.description.contains("below the template's minimum of 300") == true)
        #expect(try LabelRenderer(stamp).dpi == 300)
    }

    @Test func aMissingUnitCodeNamesTheElementAndField() throws {
        let renderer = try LabelRenderer(try LabelFixtures.label("product-label-50x30"))
        let error = #expect(throws: LabelError.self) { try renderer.png(LabelFixtures.data.with(unit: nil)) }
        guard case let .element(template, element, .missingValue(field))? = error else {
            Issue.record("expected a missing value, got \(String(describing: error))")
            return
        }
        #expect(template == "product-label-50x30" && element.kind == .qr && field == "unit_uri")
        #expect(error?.description.contains("elements[7] (qr \"unit code\")") == true, "\(String(describing: error))")
    }

    @Test func theStaticPartIsDrawnOnceAndUnitsOnlyAddTheirCode() throws {
        let renderer = try LabelRenderer(try LabelFixtures.label("product-label-50x30"))
        let prepared = try renderer.prepare(LabelFixtures.data)
        let first = try prepared.raster(unit: LabelFixtures.unit(1))
        let second = try prepared.raster(unit: LabelFixtures.unit(2))
        guard case let .gray(a) = first.pixels, case let .gray(b) = second.pixels else {
            Issue.record("gray expected")
            return
        }
        // Only the right-hand column (QR code and short code) differs between units.
        let splitX = Int((24.0 * 300 / 25.4).rounded(.down))
        for y in 0..<first.height {
            for x in 0..<splitX where a[y * first.width + x] != b[y * first.width + x] {
                Issue.record("pixel \(x),\(y) differs outside the per-unit area")
                return
            }
        }
        #expect(a != b)
    }

    @Test func textThatOverflowsIsAnErrorUnlessEllipsisIsAsked() throws {
        var data = LabelFixtures.data
        data.product.name = String(repeating: "Bánh tét lá cẩm Trà Cú ", count: 6)
        let renderer = try LabelRenderer(try LabelFixtures.label("product-label-50x30"))
        let error = #expect(throws: LabelError.self) { try renderer.png(data) }
        guard case .element(_, _, .textOverflow)? = error else {
            Issue.record("expected overflow, got \(String(describing: error))")
            return
        }

        let folder = try ProjectPaths.scratch("ellipsis")
        var json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: LabelFixtures.library.file(named: "product-label-50x30"))) as! [String: Any]
        var elements = json["elements"] as! [[String: Any]]
        elements[0]["ellipsize"] = true
        json["elements"] = elements
        let file = folder.appendingPathComponent("ellipsis.json")
        try JSONSerialization.data(withJSONObject: json).write(to: file)
        let ellipsizing = try LabelRenderer(try TemplateValidator().loadLabel(file))
        let measurement = try #require(try ellipsizing.textMeasurements(data).first { $0.element.index == 0 }?.measurement)
        #expect(measurement.ellipsized && measurement.fits && measurement.lineCount == 3)
        #expect(try ellipsizing.png(data).count > 1000)
    }

    /// Stars: as many as the rating says, all the same size.
    @Test func starsFollowTheRating() throws {
        let label = try LabelFixtures.label("ocop-star-stamp-30")
        let renderer = try LabelRenderer(label)
        guard let box = label.template.elements.first(where: { $0.kind == .stars })?.box else {
            Issue.record("the stamp has no stars element")
            return
        }
        var goldPixels: [Int: Double] = [:]
        for stars in 3...5 {
            var data = LabelFixtures.data
            data.rating?.stars = stars
            let raster = try renderer.raster(data)
            guard case let .rgb(rgb) = raster.pixels else {
                Issue.record("the stamp is coloured")
                return
            }
            // The gold ink in the stars' box, anti-aliased edges by their coverage: gold (D9 9A 00)
            // over white leaves blue at 255 × (1 - coverage). Exact-gold pixels alone vary with
            // where small stars fall on the pixel grid.
            let perMM = Double(raster.width) / label.template.size.width
            let columns = Int(box.x * perMM)..<Int((box.maxX * perMM).rounded(.up))
            let rows = Int(box.y * perMM)..<Int((box.maxY * perMM).rounded(.up))
            var ink = 0.0
            for row in rows {
                for column in columns {
                    let at = (row * raster.width + column) * 3
                    if rgb[at + 1] > 64 { ink += Double(255 - Int(rgb[at + 2])) / 255 }
                }
            }
            goldPixels[stars] = ink
        }
        let three = goldPixels[3]!, four = goldPixels[4]!, five = goldPixels[5]!
        #expect(three > 0)
        #expect(abs(four / three - 4.0 / 3) < 0.02 && abs(five / three - 5.0 / 3) < 0.02, "\(goldPixels)")

        var unrated = LabelFixtures.data
        unrated.rating = nil
        let error = #expect(throws: LabelError.self) { try renderer.png(unrated) }
        #expect(error?.description.contains("the data has no rating.stars") == true, "\(String(describing: error))")
    }

    @Test func colourBecomesPaletteWhenFewColoursOccurElseRGB() throws {
        let png = try LabelRenderer(try LabelFixtures.label("ocop-star-stamp-30")).png(LabelFixtures.data)
        let header = try #require(try PNGChunks(png).header)
        // Anti-aliased red, gold and black edges give the stamp more than 256 colours.
        #expect(header.colorType == 2 && header.bitDepth == 8)

        let flat = LabelRaster(width: 3, height: 1, pixels: .rgb([200, 16, 46, 255, 255, 255, 200, 16, 46]))
        let image = flat.pngImage()
        #expect(image.colorType == .palette(bitDepth: 1, palette: [.init(200, 16, 46), .white]))
        #expect(image.pixels == [0b0100_0000])
    }

    @Test func pdfDrawsTheQRCodeAsVectors() throws {
        let pdf = try LabelRenderer(try LabelFixtures.label("product-label-50x30")).pdf(LabelFixtures.data)
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(!text.contains("/Subtype /Image"), "no raster image in the PDF")
    }

    @Test func dataFieldsReadTheVietnameseWay() {
        let data = LabelFixtures.data
        #expect(data.value(of: "produced") == "02/11/2026")
        #expect(data.value(of: "produced_iso") == "2026-11-02")
        #expect(data.value(of: "rating.valid_until") == "15/10/2029")
        #expect(data.value(of: "rating.stars_symbols") == "★★★★")
        #expect(data.value(of: "short_code") == "7Q2K-9XW3-M")
        #expect(LabelField.all.allSatisfy { data.value(of: $0) != nil }, "the sample fills every field")
    }
}
