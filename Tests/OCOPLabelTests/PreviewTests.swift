import Foundation
import OCOPLabel
import Testing
import TestSupport

/// Writes every shipped template's sample to $OCOP_LABEL_PREVIEW (when set), to look at by eye.
@Suite struct PreviewTests {
    @Test func writesPreviewsWhenAsked() throws {
        guard let folder = ProcessInfo.processInfo.environment["OCOP_LABEL_PREVIEW"] else { return }
        let out = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for name in LabelFixtures.labelTemplates {
            let template = try LabelFixtures.label(name)
            for dpi in [203.0, 300, 600] where dpi >= template.template.dpi.minimum {
                let renderer = try LabelRenderer(template, dpi: dpi)
                try LabelFixtures.write(renderer.png(LabelFixtures.data), to: out.appendingPathComponent("\(name)-\(Int(dpi)).png"))
            }
            let renderer = try LabelRenderer(template)
            try LabelFixtures.write(renderer.pdf(LabelFixtures.data), to: out.appendingPathComponent("\(name).pdf"))
            try LabelFixtures.write(renderer.svg(LabelFixtures.data), to: out.appendingPathComponent("\(name).svg"))
        }
    }
}
