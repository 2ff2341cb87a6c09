import Foundation
import OCOPLabel
import Testing
import TestSupport

/// Each rule of the validator, on a small template written to a scratch folder. Every message
/// names the file, the element (index and kind) and the rule.
@Suite struct ValidatorTests {
    /// A valid 50 × 30 label: text, QR of the unit code, a rule.
    static func base() -> [String: Any] {
        [
            "kind": "label", "name": "test-label",
            "size_mm": ["width": 50, "height": 30],
            "dpi": ["default": 300, "minimum": 300],
            "safe_margin_mm": 1,
            "elements": [
                ["type": "text", "name": "name", "text": "{{product.name}}",
                 "font": ["family": "DejaVu Sans", "size_pt": 8, "min_size_pt": 5], "max_lines": 3, "shrink_to_fit": true,
                 "box": ["x": 1, "y": 1, "width": 19, "height": 12]],
                ["type": "qr", "name": "code", "payload": "unit_uri", "module_mm": 0.4, "min_module_mm": 0.396,
                 "box": ["x": 21, "y": 1, "width": 28, "height": 28]],
                ["type": "line", "from": ["x": 1, "y": 14], "to": ["x": 20, "y": 14]],
            ] as [Any],
        ]
    }

    private struct Checked {
        let file: URL
        let report: TemplateReport
        func issues(_ rule: TemplateIssue.Rule) -> [TemplateIssue] { report.issues.filter { $0.rule == rule } }
    }

    private func check(_ json: [String: Any], file name: String = "template.json",
                       extraFiles: [String: [UInt8]] = [:]) throws -> Checked {
        let folder = try ProjectPaths.scratch("validator")
        for (extra, bytes) in extraFiles { try Data(bytes).write(to: folder.appendingPathComponent(extra)) }
        let file = folder.appendingPathComponent(name)
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: file)
        return Checked(file: file, report: TemplateValidator().check(file: file))
    }

    private func element(_ json: inout [String: Any], _ index: Int, _ change: (inout [String: Any]) -> Void) {
        var elements = json["elements"] as! [Any]
        var object = elements[index] as! [String: Any]
        change(&object)
        elements[index] = object
        json["elements"] = elements
    }

    /// The issue names the file, `elements[index] (kind`, and the rule.
    private func expectNamed(_ issue: TemplateIssue?, _ checked: Checked, index: Int?, kind: String?, rule: TemplateIssue.Rule,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        guard let issue else {
            Issue.record("no \(rule.rawValue) issue in \(checked.report.issues)", sourceLocation: sourceLocation)
            return
        }
        let text = issue.description
        #expect(text.hasPrefix(checked.file.path + ": "), "\(text)", sourceLocation: sourceLocation)
        if let index, let kind {
            #expect(issue.element?.index == index && issue.element?.kind.rawValue == kind, "\(text)", sourceLocation: sourceLocation)
            #expect(text.contains("elements[\(index)] (\(kind)"), "\(text)", sourceLocation: sourceLocation)
        }
        #expect(text.hasSuffix("[\(rule.rawValue)]"), "\(text)", sourceLocation: sourceLocation)
    }

    @Test func theBaseTemplateIsValid() throws {
        let checked = try check(Self.base())
        #expect(checked.report.isValid, "\(checked.report.issues)")
        #expect(checked.report.warnings.isEmpty)
    }

    @Test func unknownKeysAreRefusedNotIgnored() throws {
        var json = Self.base()
        element(&json, 1) { $0["modul_mm"] = 0.3 }
        let checked = try check(json)
        let issue = checked.issues(.unknownField).first
        expectNamed(issue, checked, index: 1, kind: "qr", rule: .unknownField)
        #expect(issue?.field == "modul_mm")
        #expect(issue?.description.contains("\"modul_mm\" is not a known key") == true)

        var nested = Self.base()
        element(&nested, 0) { $0["font"] = ["family": "DejaVu Sans", "size_pt": 8, "colour": "#000000"] }
        let nestedChecked = try check(nested)
        let nestedIssue = nestedChecked.issues(.unknownField).first
        expectNamed(nestedIssue, nestedChecked, index: 0, kind: "text", rule: .unknownField)
        #expect(nestedIssue?.field == "font.colour")

        var top = Self.base()
        top["sise_mm"] = ["width": 1, "height": 1]
        let topChecked = try check(top)
        expectNamed(topChecked.issues(.unknownField).first, topChecked, index: nil, kind: nil, rule: .unknownField)
    }

    @Test func boxesOutsideTheLabelOrSafeArea() throws {
        var json = Self.base()
        element(&json, 2) { $0["to"] = ["x": 52, "y": 14] }
        json["bleed_mm"] = 1
        var checked = try check(json)
        expectNamed(checked.issues(.outsideLabel).first, checked, index: 2, kind: "line", rule: .outsideLabel)

        json = Self.base()
        element(&json, 0) { $0["box"] = ["x": 0.5, "y": 1, "width": 20, "height": 10] }
        checked = try check(json)
        expectNamed(checked.issues(.outsideSafeArea).first, checked, index: 0, kind: "text", rule: .outsideSafeArea)
    }

    /// A QR code's quiet zone is blank label: it may lie in the safe margin, its symbol may not.
    @Test func aQRCodesQuietZoneMayLieInTheSafeMarginButNotItsSymbol() throws {
        // Modules of 0.4 mm (0.423 at 300 and 600 dpi): a quiet zone of 1.6 mm. The box reaches
        // 0.9 mm into the 1 mm margin on three sides; the symbol stays 0.7 mm clear of it.
        var json = Self.base()
        element(&json, 1) { $0["box"] = ["x": 21, "y": 0.1, "width": 28.9, "height": 29.8] }
        var checked = try check(json)
        #expect(checked.report.isValid, "\(checked.report.issues)")

        // With a 2 mm margin the same symbol reaches 0.3 mm into it.
        json["safe_margin_mm"] = 2
        element(&json, 0) { $0["box"] = ["x": 2, "y": 2, "width": 18, "height": 11] }
        element(&json, 2) { $0["from"] = ["x": 2, "y": 14] }
        checked = try check(json)
        let issue = checked.issues(.outsideSafeArea).first
        expectNamed(issue, checked, index: 1, kind: "qr", rule: .outsideSafeArea)
        #expect(issue?.message.contains("its quiet zone left out") == true, "\(String(describing: issue))")
        #expect(checked.report.issues.count == 1, "\(checked.report.issues)")

        // On a stamp the symbol keeps the margin and the quiet zone stays on the circle.
        var stamp = Self.base()
        stamp["size_mm"] = ["width": 30, "height": 30]
        stamp["shape"] = "round"
        stamp["elements"] = [["type": "qr", "payload": "product_uri", "module_mm": 0.4, "box": ["x": 6, "y": 6, "width": 18, "height": 18]]]
        checked = try check(stamp)
        #expect(checked.report.isValid, "\(checked.report.issues)")
        stamp["elements"] = [["type": "qr", "payload": "product_uri", "module_mm": 0.4, "box": ["x": 4, "y": 4, "width": 22, "height": 22]]]
        checked = try check(stamp)
        expectNamed(checked.issues(.outsideLabel).first, checked, index: 0, kind: "qr", rule: .outsideLabel)
        #expect(checked.issues(.outsideLabel).first?.message.contains("quiet zone must be on the label") == true)
    }

    @Test func roundStampsKeepContentInsideTheCircle() throws {
        var json = Self.base()
        json["size_mm"] = ["width": 30, "height": 30]
        json["shape"] = "round"
        json["elements"] = [
            ["type": "qr", "payload": "product_uri", "module_mm": 0.4, "box": ["x": 2, "y": 2, "width": 18, "height": 18]],
        ]
        let checked = try check(json)
        let issue = checked.issues(.outsideSafeArea).first
        expectNamed(issue, checked, index: 0, kind: "qr", rule: .outsideSafeArea)
        #expect(issue?.message.contains("from the stamp's centre") == true)
    }

    @Test func qrModulesUnderAQuarterMillimetreAreRefusedAndUnderRetailWarned() throws {
        var json = Self.base()
        element(&json, 1) { $0["module_mm"] = 0.2 }
        var checked = try check(json)
        expectNamed(checked.issues(.moduleTooSmall).first, checked, index: 1, kind: "qr", rule: .moduleTooSmall)
        #expect(!checked.report.isValid)

        json = Self.base()
        element(&json, 1) {
            $0["module_mm"] = 0.33
            $0.removeValue(forKey: "min_module_mm")
        }
        checked = try check(json)
        let warning = checked.issues(.moduleBelowRetail).first
        expectNamed(warning, checked, index: 1, kind: "qr", rule: .moduleBelowRetail)
        #expect(warning?.severity == .warning)
        #expect(warning?.description.contains("warning: ") == true)
        #expect(checked.report.isValid, "a warning does not refuse the template")
    }

    @Test func aQRCodeThatCannotHoldTheLongestPayloadDoesNotFit() throws {
        var json = Self.base()
        element(&json, 1) { $0["box"] = ["x": 21, "y": 1, "width": 20, "height": 20] }
        let checked = try check(json)
        let issue = checked.issues(.qrDoesNotFit).first
        expectNamed(issue, checked, index: 1, kind: "qr", rule: .qrDoesNotFit)
        #expect(issue?.message.contains("a 190-byte unit_uri at level M needs 57 modules + 2 × 4 quiet-zone modules = 65 modules") == true,
                "\(String(describing: issue))")
    }

    @Test func fontFamiliesMustBeInstalled() throws {
        var json = Self.base()
        element(&json, 0) { $0["font"] = ["family": "Comic Sans MS", "size_pt": 8] }
        let checked = try check(json)
        let issue = checked.issues(.fontNotInstalled).first
        expectNamed(issue, checked, index: 0, kind: "text", rule: .fontNotInstalled)
        #expect(issue?.field == "font.family")
        #expect(FontCatalog.isInstalled("DejaVu Sans") && FontCatalog.isInstalled("dejavu sans mono"))
    }

    @Test func imagesMustBeReadablePNGs() throws {
        var json = Self.base()
        var elements = json["elements"] as! [Any]
        elements.append(["type": "image", "name": "logo", "path": "logo.png", "box": ["x": 1, "y": 16, "width": 10, "height": 10]])
        json["elements"] = elements
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0]
        var checked = try check(json, extraFiles: ["logo.png": jpeg])
        expectNamed(checked.issues(.imageNotPNG).first, checked, index: 3, kind: "image", rule: .imageNotPNG)

        checked = try check(json)
        expectNamed(checked.issues(.imageUnreadable).first, checked, index: 3, kind: "image", rule: .imageUnreadable)
    }

    @Test func aRealLogoIsDrawn() throws {
        var json = Self.base()
        var elements = json["elements"] as! [Any]
        elements.append(["type": "image", "name": "logo", "path": "logo.png", "box": ["x": 1, "y": 16, "width": 10, "height": 10]])
        json["elements"] = elements
        let logo = try LabelRaster(width: 4, height: 4, pixels: .rgb([UInt8](repeating: 200, count: 48))).png(dpi: 72)
        let checked = try check(json, extraFiles: ["logo.png": logo])
        #expect(checked.report.isValid, "\(checked.report.issues)")
        let template = try TemplateValidator().loadLabel(checked.file)
        #expect(!template.template.isMonochrome, "pictures make the output colour")
        let png = try LabelRenderer(template).png(LabelFixtures.data)
        #expect(try PNGChunks(png).header?.colorType != 0)
    }

    @Test func textThatCannotFitItsBoxAtTheSmallestSize() throws {
        var json = Self.base()
        element(&json, 0) {
            $0["box"] = ["x": 1, "y": 1, "width": 10, "height": 3]
            $0["max_lines"] = 1
        }
        let checked = try check(json)
        let issue = checked.issues(.textDoesNotFit).first
        expectNamed(issue, checked, index: 0, kind: "text", rule: .textDoesNotFit)
        #expect(issue?.message.contains("Bánh tét lá cẩm") == true, "the message shows the sample text")
    }

    @Test func unknownDataFields() throws {
        var json = Self.base()
        element(&json, 0) { $0["text"] = "{{product.nam}}" }
        element(&json, 1) { $0["payload"] = "unit_url" }
        let checked = try check(json)
        let issues = checked.issues(.unknownDataField)
        expectNamed(issues.first { $0.element?.index == 0 }, checked, index: 0, kind: "text", rule: .unknownDataField)
        expectNamed(issues.first { $0.element?.index == 1 }, checked, index: 1, kind: "qr", rule: .unknownDataField)
    }

    @Test func malformedFiles() throws {
        let folder = try ProjectPaths.scratch("validator-json")
        let file = folder.appendingPathComponent("broken.json")
        try Data("{ \"kind\": \"label\", ".utf8).write(to: file)
        let report = TemplateValidator().check(file: file)
        #expect(report.issues.first?.rule == .jsonSyntax)
        #expect(report.issues.first?.description.hasPrefix(file.path) == true)

        var json = Self.base()
        element(&json, 1) { $0.removeValue(forKey: "box") }
        var checked = try check(json)
        let missing = checked.issues(.missingField).first
        expectNamed(missing, checked, index: 1, kind: "qr", rule: .missingField)
        #expect(missing?.field == "box")

        json = Self.base()
        element(&json, 2) { $0["color"] = "red" }
        checked = try check(json)
        let invalid = checked.issues(.invalidValue).first
        expectNamed(invalid, checked, index: 2, kind: "line", rule: .invalidValue)
        #expect(invalid?.message.contains("#RRGGBB") == true)

        let missingFile = TemplateValidator().check(file: folder.appendingPathComponent("nothing.json"))
        #expect(missingFile.issues.first?.rule == .unreadable)
    }

    @Test func loadingAnInvalidTemplateThrowsEveryError() throws {
        var json = Self.base()
        element(&json, 0) { $0["font"] = ["family": "Comic Sans MS", "size_pt": 8] }
        element(&json, 1) { $0["module_mm"] = 0.1 }
        let checked = try check(json)
        let error = #expect(throws: LabelError.self) { try TemplateValidator().loadLabel(checked.file) }
        guard case let .template(templateError)? = error else {
            Issue.record("expected a template error, got \(String(describing: error))")
            return
        }
        #expect(Set(templateError.errors.map(\.rule)) == [.fontNotInstalled, .moduleTooSmall])
        #expect(templateError.description.split(separator: "\n").count == 2)
    }

    @Test func sheetsThatOverflowThePageOrCannotHoldTheirLabel() throws {
        let folder = try ProjectPaths.scratch("validator-sheet")
        try FileManager.default.copyItem(at: LabelFixtures.library.file(named: "product-label-50x30"),
                                         to: folder.appendingPathComponent("product-label-50x30.json"))
        let sheet: [String: Any] = [
            "kind": "sheet", "name": "tall", "page_mm": ["width": 210, "height": 297], "columns": 4, "rows": 10,
            "label_mm": ["width": 50, "height": 28], "margin_mm": ["top": 5, "left": 5],
            "gap_mm": ["horizontal": 0, "vertical": 0], "label": "product-label-50x30",
        ]
        let file = folder.appendingPathComponent("tall.json")
        try JSONSerialization.data(withJSONObject: sheet).write(to: file)
        let report = TemplateValidator().check(file: file)
        let overflow = report.issues.first { $0.rule == .sheetDoesNotFitPage }
        #expect(overflow == nil, "4 × 50 and 10 × 28 mm fit A4")
        #expect(report.issues.contains { $0.rule == .labelDoesNotFitCell }, "\(report.issues)")
        #expect(report.issues.allSatisfy { $0.description.hasPrefix(file.path) })

        var tooTall = sheet
        tooTall["label_mm"] = ["width": 50, "height": 30]
        try JSONSerialization.data(withJSONObject: tooTall).write(to: file)
        let second = TemplateValidator().check(file: file)
        let issue = second.issues.first { $0.rule == .sheetDoesNotFitPage }
        #expect(issue?.message.contains("= 305 mm, taller than the 297 mm page") == true, "\(second.issues)")
        #expect(!second.issues.contains { $0.rule == .labelDoesNotFitCell })
    }

    @Test func hugeLabelsPagesAndLogosAreRefusedBeforeAnythingIsDrawn() throws {
        var json = Self.base()
        json["size_mm"] = ["width": 1_000_000, "height": 30]
        let label = try check(json)
        let tooLarge = label.issues(.tooLarge).first
        expectNamed(tooLarge, label, index: nil, kind: nil, rule: .tooLarge)
        #expect(tooLarge?.message.hasSuffix("× 30 mm is larger than the 300 mm a label may have per side") == true, "\(label.report.issues)")

        // Only the PNG header is read: a 20000 × 20000 logo is refused without decoding it.
        var withLogo = Self.base()
        var elements = withLogo["elements"] as! [Any]
        elements.append(["type": "image", "name": "logo", "path": "logo.png", "box": ["x": 1, "y": 16, "width": 10, "height": 10]])
        withLogo["elements"] = elements
        let side: [UInt8] = [0x00, 0x00, 0x4E, 0x20]
        let header: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + side + side + [8, 0, 0, 0, 0]
        let logo = try check(withLogo, extraFiles: ["logo.png": header])
        expectNamed(logo.issues(.tooLarge).first, logo, index: 3, kind: "image", rule: .tooLarge)
        #expect(logo.issues(.tooLarge).first?.message.contains("20000 × 20000 px; a logo may have at most 4096 px per side") == true,
                "\(logo.report.issues)")

        let sheet: [String: Any] = [
            "kind": "sheet", "name": "vast", "page_mm": ["width": 1_000_000, "height": 297], "columns": 1, "rows": 1,
            "label_mm": ["width": 50, "height": 30], "margin_mm": ["top": 5, "left": 5], "gap_mm": ["horizontal": 0, "vertical": 0],
        ]
        let page = try check(sheet, file: "vast.json")
        #expect(page.issues(.tooLarge).first?.message.contains("a sheet page may have per side") == true, "\(page.report.issues)")
    }

    @Test func aSheetWhoseLabelIsASheetIsAnIssueNotARecursion() throws {
        let sheet: [String: Any] = [
            "kind": "sheet", "name": "loop", "page_mm": ["width": 210, "height": 297], "columns": 1, "rows": 1,
            "label_mm": ["width": 50, "height": 30], "margin_mm": ["top": 5, "left": 5], "gap_mm": ["horizontal": 0, "vertical": 0],
            "label": "loop",
        ]
        let checked = try check(sheet, file: "loop.json")
        let issue = checked.issues(.unknownTemplate).first
        #expect(issue?.message.contains("\"loop\" is a sheet template") == true, "\(checked.report.issues)")
    }
}
