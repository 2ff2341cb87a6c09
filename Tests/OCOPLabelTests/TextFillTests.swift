import Foundation
import OCOPLabel
import Testing
import TestSupport

/// Mustache placeholders in text elements: plain text (no HTML escaping), sections, bad syntax.
@Suite struct TextFillTests {
    private func template(text: String) throws -> (file: URL, report: TemplateReport) {
        let json: [String: Any] = [
            "kind": "label", "name": "text-test", "size_mm": ["width": 60, "height": 20],
            "elements": [["type": "text", "name": "line", "text": text,
                          "font": ["size_pt": 7], "box": ["x": 1, "y": 1, "width": 58, "height": 10], "max_lines": 3]],
        ]
        let folder = try ProjectPaths.scratch("text-fill")
        let file = folder.appendingPathComponent("text.json")
        try JSONSerialization.data(withJSONObject: json).write(to: file)
        return (file, TemplateValidator().check(file: file))
    }

    private func filled(_ text: String, _ data: LabelData = LabelFixtures.data) throws -> String {
        let (file, report) = try template(text: text)
        #expect(report.isValid, "\(report.issues)")
        let renderer = try LabelRenderer(try TemplateValidator().loadLabel(file))
        return try #require(try renderer.textMeasurements(data).first?.measurement.text)
    }

    @Test func ampersandsAndQuotesPrintAsTyped() throws {
        var data = LabelFixtures.data
        data.producer.name = "Công ty Trà & Dừa \"Đại Phước\" <TV>"
        #expect(try filled("{{producer.name}}", data) == "Công ty Trà & Dừa \"Đại Phước\" <TV>")
    }

    @Test func sectionsShowOnlyWhenTheValueExists() throws {
        let text = "{{#rating}}OCOP {{stars}} sao, đến {{valid_until}}{{/rating}}{{^rating}}chưa xếp hạng{{/rating}}"
        #expect(try filled(text) == "OCOP 4 sao, đến 15/10/2029")
        var unrated = LabelFixtures.data
        unrated.rating = nil
        #expect(try filled(text, unrated) == "chưa xếp hạng")
        var noExpiry = LabelFixtures.data
        noExpiry.expires = nil
        #expect(try filled("{{#expires}}HSD: {{expires}}{{/expires}}", noExpiry) == "")
    }

    @Test func brokenMustacheIsATemplateError() throws {
        let (_, report) = try template(text: "{{#lot}}Lô {{lot}}")
        let issue = report.errors.first
        #expect(issue?.rule == .invalidValue && issue?.element?.index == 0, "\(report.issues)")
        #expect(issue?.message.contains("Mustache syntax") == true)
    }

    @Test func partialsAreRefused() throws {
        let (_, report) = try template(text: "{{> footer}}")
        #expect(report.errors.contains { $0.rule == .invalidValue && $0.message.contains("partials") }, "\(report.issues)")
    }
}
