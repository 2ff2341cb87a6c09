import Foundation
import OCOPLabel
import Testing
import TestSupport

@Suite struct VietnameseTextTests {
    static let text = "Bánh tét lá cẩm Trà Cú — Hợp tác xã Kim Hòa"

    private func nameMeasurement(_ template: String, name: String, dpi: Double? = nil) throws -> TextMeasurement {
        var data = LabelFixtures.data
        data.product.name = name
        let renderer = try LabelRenderer(try LabelFixtures.label(template), dpi: dpi)
        let measurements = try renderer.textMeasurements(data)
        return try #require(measurements.first { $0.element.name == "product name" }?.measurement)
    }

    /// Pango's own layout API: no unknown glyphs (no boxes), and the text fits its box.
    @Test(arguments: ["product-label-50x30", "product-label-48x27"])
    func everyToneMarkHasAGlyphAndTheNameFits(_ template: String) throws {
        for dpi in [203.0, 300, 600] where dpi >= (try LabelFixtures.label(template)).template.dpi.minimum {
            let measurement = try nameMeasurement(template, name: Self.text, dpi: dpi)
            #expect(measurement.unknownGlyphs == 0)
            #expect(measurement.fits, "\(measurement)")
            #expect(!measurement.ellipsized)
            #expect(measurement.text == Self.text)
        }
        var data = LabelFixtures.data
        data.product.name = Self.text
        data.producer.name = "Hợp tác xã Kim Hòa"
        let png = try LabelRenderer(try LabelFixtures.label(template)).png(data)
        #expect(png.count > 1000)
    }

    @Test func everyVowelWithEveryToneRendersWithoutMissingGlyphs() throws {
        let measurement = try nameMeasurement("product-label-50x30", name: "ằ ẵ ẫ ỗ ợ ữ ỹ Đ")
        #expect(measurement.unknownGlyphs == 0)
        for line in SamplePayloads.vietnamese.prefix(8) {
            #expect(try nameMeasurement("product-label-50x30", name: line).unknownGlyphs == 0, "\(line)")
        }
    }

    /// Decomposed input (a + combining marks, as some keyboards type it) is laid out as NFC.
    @Test func decomposedTextIsNormalisedToNFC() throws {
        let decomposed = Self.text.decomposedStringWithCanonicalMapping
        #expect(Array(decomposed.unicodeScalars) != Array(Self.text.unicodeScalars))
        let measurement = try nameMeasurement("product-label-50x30", name: decomposed)
        #expect(Array(measurement.text.unicodeScalars) == Array(Self.text.unicodeScalars))
        #expect(measurement.unknownGlyphs == 0)
    }

    @Test func longNamesShrinkBeforeTheyFail() throws {
        let short = try nameMeasurement("product-label-50x30", name: "Kẹo dừa")
        let long = try nameMeasurement("product-label-50x30", name: Self.text)
        #expect(short.fontSizePt == 9)
        #expect(long.fontSizePt < 9 && long.fontSizePt >= 6)
    }

    @Test func aCharacterNoFontHasIsReportedNotDrawnAsABox() throws {
        var data = LabelFixtures.data
        data.product.name = "Bánh tét 𓀀"
        let renderer = try LabelRenderer(try LabelFixtures.label("product-label-50x30"))
        let measurement = try #require(try renderer.textMeasurements(data).first { $0.element.name == "product name" })
        #expect(measurement.measurement.unknownGlyphs == 1)
        let error = #expect(throws: LabelError.self) { try renderer.png(data) }
        guard case let .element(template, element, .missingGlyphs(_, count))? = error else {
            Issue.record("expected missing glyphs, got \(String(describing: error))")
            return
        }
        #expect(template == "product-label-50x30" && element.index == 0 && count == 1)
    }
}
