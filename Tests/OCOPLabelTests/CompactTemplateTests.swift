import Foundation
import OCOPDomain
import OCOPLabel
import OCOPQR
import Testing
import TestSupport

/// Small labels carry the compact unit code (`"unit_code": "compact"`): QR version 4 at level M
/// instead of 8 (10 for the longest signed URI), so their modules reach GS1's 0.396 mm retail
/// minimum in every output, and every format draws the compact code whatever URI it is given.
@Suite struct CompactTemplateTests {
    static let compactTemplates = ["product-label-30x20", "product-label-38x21", "product-label-48x27", "product-label-50x30",
                                   "product-label-50x30-pin", "product-label-52x30"]

    /// The QR code of the unit URI, as `template check` reports it.
    static func unitCode(_ name: String) throws -> (report: TemplateReport, qr: QRSummary) {
        let report = TemplateValidator().check(file: LabelFixtures.library.file(named: name))
        let qr = try #require(report.qrCodes.first { $0.payload == "unit_uri" }, "\(name) has no unit code")
        return (report, qr)
    }

    @Test(arguments: compactTemplates)
    func smallTemplatesReachGS1ModulesWithACompactCode(_ name: String) throws {
        let template = try LabelFixtures.label(name)
        #expect(template.template.unitCode == .compact)
        let (report, qr) = try Self.unitCode(name)
        #expect(report.errors.isEmpty && report.warnings.isEmpty, "\(report.issues.map(\.description))")
        #expect(qr.unitCode == .compact && qr.payloadLength == 90)
        #expect(qr.version == 4 && qr.symbolSize == 33, "\(qr)")
        #expect(qr.meetsGS1, "\(qr)")
        #expect(qr.moduleMM >= QRSummary.gs1MinimumMM)
        for module in qr.raster {
            #expect(module.moduleMM >= QRSummary.gs1MinimumMM, "\(name) at \(Int(module.dpi)) dpi: \(module.pixels) px = \(module.moduleMM) mm")
        }
        #expect(qr.description.contains("GS1 retail minimum 0.396 mm (General Specifications 5.12.3, table 1): met"), "\(qr)")
    }

    /// What the compact code wins: the same box could not hold the signed code at GS1's size.
    @Test(arguments: compactTemplates)
    func theSignedCodeWouldNotFitTheSameBoxAtGS1Size(_ name: String) throws {
        let source = try String(contentsOf: LabelFixtures.library.file(named: name), encoding: .utf8)
        #expect(source.contains("\"unit_code\": \"compact\""))
        let folder = try ProjectPaths.scratch("compact-as-signed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("\(name).json")
        try Data(source.replacingOccurrences(of: "\"unit_code\": \"compact\"", with: "\"unit_code\": \"signed\"").utf8).write(to: file)
        let report = TemplateValidator().check(file: file)
        #expect(report.issues.contains { $0.rule == .qrDoesNotFit }, "\(report.issues.map(\.description))")
        let qr = try #require(report.qrCodes.first { $0.payload == "unit_uri" })
        #expect(qr.unitCode == .signed && qr.version == 10, "\(qr)")
    }

    @Test func theSampleCompactCodeIsVersionFourAndItsUpperCaseFormHelpsLongHosts() throws {
        let encoder = QREncoder(errorCorrection: .medium)
        let signed = LabelData.sample.unit!.uri
        let signedVersion = try encoder.encode(signed).version
        #expect(signed.utf8.count == 159 && signedVersion == 8)
        let compact = LabelData.sampleCompactURI
        let compactVersion = try encoder.encode(compact).version
        #expect(compact.utf8.count == 70 && compactVersion == 4)
        // Upper case keeps a longer host in alphanumeric mode: version 4, where lower case needs 5.
        let path = "/01/09528400000020/10/KD-2026-11/21/DWWHM8WC2DSA0"
        let upper = try encoder.encode("HTTPS://TRUYXUAT.TRAVINH.GOV.VN" + path).version
        let lower = try encoder.encode("https://truyxuat.travinh.gov.vn" + path).version
        #expect(upper == 4 && lower == 5)
    }

    /// Given a signed URI (as the other label tests are), a compact template draws the compact
    /// code in PNG at every checked dpi, in PDF and in SVG; both decoders read it.
    @Test(arguments: compactTemplates)
    func everyFormatDrawsTheCompactCode(_ name: String) throws {
        let template = try LabelFixtures.label(name)
        let expected = Array(CompactCodes.label(LabelFixtures.unitURI).utf8)
        #expect(LabelFixtures.payload(of: template).map { Array($0.utf8) } == expected)
        let folder = try ProjectPaths.scratch("compact-template-formats")
        defer { try? FileManager.default.removeItem(at: folder) }
        var images: [URL] = []
        for dpi in TemplateValidator.resolutions(for: template.template.dpi) {
            let file = folder.appendingPathComponent("\(Int(dpi)).png")
            try LabelFixtures.write(try LabelRenderer(template, dpi: dpi).png(LabelFixtures.data), to: file)
            images.append(file)
        }
        let pdftoppm = try #require(which("pdftoppm"), "pdftoppm (poppler-utils) is missing: run `make test`")
        let rsvg = try #require(which("rsvg-convert"), "rsvg-convert (librsvg2-bin) is missing: run `make test`")
        let pdf = folder.appendingPathComponent("label.pdf")
        try LabelFixtures.write(try LabelRenderer(template).pdf(LabelFixtures.data), to: pdf)
        #expect(try run(pdftoppm, ["-r", "300", "-gray", "-png", "-singlefile", pdf.path, folder.appendingPathComponent("pdf").path]).status == 0)
        images.append(folder.appendingPathComponent("pdf.png"))
        let svg = folder.appendingPathComponent("label.svg")
        try LabelFixtures.write(try LabelRenderer(template).svg(LabelFixtures.data), to: svg)
        let svgPNG = folder.appendingPathComponent("svg.png")
        #expect(try run(rsvg, ["-d", "300", "-p", "300", "-b", "white", "-o", svgPNG.path, svg.path]).status == 0)
        images.append(svgPNG)

        let zxing = try QRDecoders.zxing(images)
        for (image, read) in zip(images, zxing) {
            #expect(read == expected, "zxing-cpp, \(name) \(image.lastPathComponent): \(String(decoding: read, as: UTF8.self))")
            #expect(try QRDecoders.zbar(image) == expected, "zbar, \(name) \(image.lastPathComponent)")
        }
    }

    @Test(arguments: ["short_code", "Compact", "unsigned", ""])
    func anUnknownUnitCodeIsRefusedNamingTheKey(_ value: String) throws {
        let source = try String(contentsOf: LabelFixtures.library.file(named: "product-label-30x20"), encoding: .utf8)
        let folder = try ProjectPaths.scratch("compact-bad-kind")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.json")
        try Data(source.replacingOccurrences(of: "\"unit_code\": \"compact\"", with: "\"unit_code\": \"\(value)\"").utf8).write(to: file)
        let report = TemplateValidator().check(file: file)
        let issue = try #require(report.errors.first)
        #expect(issue.rule == .invalidValue && issue.field == "unit_code", "\(issue)")
        #expect(issue.message.contains("use \"signed\""), "\(issue)")
    }
}
