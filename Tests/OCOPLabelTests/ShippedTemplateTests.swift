import Foundation
import OCOPLabel
import Testing
import TestSupport

@Suite struct ShippedTemplateTests {
    @Test(arguments: LabelFixtures.labelTemplates + LabelFixtures.sheetTemplates)
    func passesTheValidator(name: String) throws {
        let report = TemplateValidator().check(file: LabelFixtures.library.file(named: name))
        #expect(report.errors.isEmpty, "\(report.errors.map(\.description))")
        #expect(report.document?.name == name)
        // The only warning a shipped template may carry: phone-sized QR modules on small labels.
        for warning in report.warnings {
            #expect(warning.rule == .moduleBelowRetail, "\(warning)")
        }
    }

    @Test func everyShippedFileIsListed() {
        #expect(LabelFixtures.library.names() == (LabelFixtures.labelTemplates + LabelFixtures.sheetTemplates).sorted())
    }

    @Test func theA4SheetAddsUpTo210By297() throws {
        let sheet = try LabelFixtures.library.sheet(named: "sheet-a4-40").template
        #expect(sheet.labelsPerPage == 40)
        #expect(sheet.page == LabelSize(width: 210, height: 297))
        let across = sheet.margin.left + 4 * sheet.cell.width + 3 * sheet.gap.horizontal + sheet.rightMargin
        let down = sheet.margin.top + 10 * sheet.cell.height + 9 * sheet.gap.vertical + sheet.bottomMargin
        #expect(abs(across - 210) < 1e-9 && abs(down - 297) < 1e-9)
        #expect(abs(sheet.rightMargin - sheet.margin.left) < 1e-9, "centred across")
        #expect(abs(sheet.bottomMargin - sheet.margin.top) < 1e-9, "centred down")
        // The last cell ends inside the page.
        let last = sheet.cellBox(39)
        #expect(last.maxX <= 210 && last.maxY <= 297)
    }

    @Test func theSheetsDefaultLabelTilesOntoIt() throws {
        let sheet = try LabelFixtures.library.sheet(named: "sheet-a4-40")
        let label = try LabelFixtures.label(try #require(sheet.template.label))
        let renderer = try SheetRenderer(sheet: sheet, label: label)
        #expect(renderer.labelsPerPage == 40)
        #expect(renderer.pageCount(labels: 41) == 2)
    }

    @Test func aFiftyByThirtyLabelCannotTileFortyToAnA4Sheet() throws {
        // Ten rows of 30 mm are 300 mm: more than A4's 297 mm before any margin.
        let sheet = try LabelFixtures.library.sheet(named: "sheet-a4-40")
        let error = #expect(throws: LabelError.self) {
            try SheetRenderer(sheet: sheet, label: try LabelFixtures.label("product-label-50x30"))
        }
        #expect(error?.description.contains("larger than sheet-a4-40's 48 × 27 mm cells") == true, "\(String(describing: error))")
    }
}
