import Foundation
import OCOPLabel
import Testing
import TestSupport

/// The same input gives the same bytes: manifests carry sha256 sums, and a re-run must not
/// look like a change.
@Suite struct DeterminismTests {
    @Test(arguments: LabelFixtures.labelTemplates)
    func pngPdfAndSvgAreByteIdenticalAcrossRuns(_ name: String) throws {
        let first = try LabelRenderer(try LabelFixtures.label(name))
        let second = try LabelRenderer(try LabelFixtures.label(name))
        let data = LabelFixtures.data
        #expect(try first.png(data) == second.png(data))
        #expect(try first.pdf(data) == second.pdf(data))
        #expect(try first.svg(data) == second.svg(data))
        // Preparing once and rendering the unit gives what a one-shot render gives.
        #expect(try first.prepare(data).png(unit: data.unit) == second.png(data))
    }

    @Test func pdfCarriesAFixedCreationDate() throws {
        let pdf = try LabelRenderer(try LabelFixtures.label("product-label-50x30")).pdf(LabelFixtures.data)
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/CreationDate (20000101000000Z)"))
        #expect(!text.contains("/ModDate"))
    }

    @Test func sheetsAreByteIdenticalAcrossRuns() throws {
        let sheet = try LabelFixtures.library.sheet(named: "sheet-a4-40")
        let label = try LabelFixtures.label("product-label-48x27")
        let labels = (0..<6).map { LabelFixtures.data.with(unit: LabelFixtures.unit($0)) }
        let first = try SheetRenderer(sheet: sheet, label: label)
        let second = try SheetRenderer(sheet: sheet, label: label)
        #expect(try first.pdf(labels) == second.pdf(labels))
        #expect(try first.pngPages(labels, threads: 2) == second.pngPages(labels, threads: 1))
    }
}
