import Foundation
import OCOPLabel
import Testing
import TestSupport

@Suite struct DimensionsTests {
    static let cases: [String] = LabelFixtures.labelTemplates.flatMap { name in
        [203.0, 300, 600].map { "\(name)@\(Int($0))" }
    }

    /// pixels = round(mm × dpi / 25.4); pHYs = dpi in pixels per metre.
    @Test(arguments: cases)
    func pngSizeFollowsTheDimensionsRule(_ name: String) throws {
        let parts = name.split(separator: "@")
        let template = try LabelFixtures.label(String(parts[0]))
        let dpi = Double(parts[1])!
        guard dpi >= template.template.dpi.minimum else {
            #expect(throws: LabelError.self) { try LabelRenderer(template, dpi: dpi) }
            return
        }
        let png = try LabelRenderer(template, dpi: dpi).png(LabelFixtures.data)
        let chunks = try PNGChunks(png)
        let header = try #require(chunks.header)
        let size = template.template.size
        #expect(header.width == Int((size.width * dpi / 25.4).rounded()))
        #expect(header.height == Int((size.height * dpi / 25.4).rounded()))
        let physical = try #require(chunks.physical)
        #expect(physical.x == UInt32((dpi / 0.0254).rounded()) && physical.y == physical.x && physical.unit == 1)
        // Black-only designs are 8-bit gray; coloured stamps are palette or RGB.
        if template.template.isMonochrome {
            #expect(header.colorType == 0 && header.bitDepth == 8)
        } else {
            #expect(header.colorType == 3 || header.colorType == 2)
        }
    }

    @Test func knownSizes() throws {
        let label = try LabelRenderer(try LabelFixtures.label("product-label-50x30"), dpi: 300)
        #expect(label.pixelWidth == 591 && label.pixelHeight == 354)
        #expect(PixelGeometry.pixels(50, dpi: 203) == 400 && PixelGeometry.pixels(30, dpi: 203) == 240)
        #expect(PixelGeometry.pixels(210, dpi: 300) == 2480 && PixelGeometry.pixels(297, dpi: 300) == 3508)
    }

    /// The PDF's MediaBox, read by poppler's pdfinfo, is the template's size in points.
    @Test(arguments: LabelFixtures.labelTemplates)
    func pdfPageIsTheTemplatesSizeInPoints(_ name: String) throws {
        let template = try LabelFixtures.label(name)
        let folder = try ProjectPaths.scratch("label-pdf")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("\(name).pdf")
        try LabelFixtures.write(try LabelRenderer(template).pdf(LabelFixtures.data), to: file)

        let info = try PDFInfo(file)
        #expect(info.pages == 1)
        let box = try #require(info.mediaBoxes.first)
        let size = template.template.size
        #expect(abs(box.width - size.width * 72 / 25.4) < 0.01, "\(box.width) pt")
        #expect(abs(box.height - size.height * 72 / 25.4) < 0.01, "\(box.height) pt")
    }
}

/// What `pdfinfo -box` (Debian poppler-utils) says about a PDF: an independent reader.
struct PDFInfo {
    let pages: Int
    /// Width and height of each page's MediaBox in points.
    let mediaBoxes: [(width: Double, height: Double)]

    init(_ file: URL) throws {
        guard let pdfinfo = which("pdfinfo") else {
            throw PDFInfoError.missing
        }
        let summary = try run(pdfinfo, [file.path])
        guard summary.status == 0 else { throw PDFInfoError.failed(summary.stderrText) }
        let pageLine = summary.stdoutText.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        pages = Int(pageLine?.split(separator: " ").last ?? "") ?? 0

        let boxes = try run(pdfinfo, ["-box", "-f", "1", "-l", String(max(pages, 1)), file.path])
        mediaBoxes = boxes.stdoutText.split(separator: "\n").compactMap { line in
            guard line.contains("MediaBox:") else { return nil }
            let numbers = line.split(separator: ":").last!.split(separator: " ").compactMap { Double($0) }
            guard numbers.count == 4 else { return nil }
            return (numbers[2] - numbers[0], numbers[3] - numbers[1])
        }
    }
}

enum PDFInfoError: Error, CustomStringConvertible {
    case missing
    case failed(String)

    var description: String {
        switch self {
        case .missing: return "pdfinfo is missing: install Debian's poppler-utils (run `make test`)"
        case let .failed(message): return "pdfinfo failed: \(message)"
        }
    }
}
