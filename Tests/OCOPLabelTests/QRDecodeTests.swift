import Foundation
import OCOPLabel
import Testing
import TestSupport

/// Every QR code on every shipped template, rendered at 300 dpi and at the template's minimum
/// dpi, must decode with both independent decoders to exactly the payload.
@Suite struct QRDecodeTests {
    static let cases: [(template: String, dpi: Double)] = LabelFixtures.labelTemplates.flatMap { name -> [(String, Double)] in
        let minimum = (try? LabelFixtures.label(name).template.dpi.minimum) ?? 300
        return Array(Set([300, minimum])).sorted().map { (name, $0) }
    }

    @Test func theSignedFixtureIsRealistic() {
        #expect(LabelFixtures.signature.count == 86)
        #expect(LabelFixtures.signature.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(LabelFixtures.unitURI.utf8.count == 159)
    }

    @Test(arguments: cases.map { "\($0.template)@\(Int($0.dpi))" })
    func decodesWithZbarAndZxing(_ name: String) throws {
        let parts = name.split(separator: "@")
        let template = try LabelFixtures.label(String(parts[0]))
        let dpi = Double(parts[1])!
        let payload = try #require(LabelFixtures.payload(of: template))
        let folder = try ProjectPaths.scratch("label-qr")
        defer { try? FileManager.default.removeItem(at: folder) }

        let png = try LabelRenderer(template, dpi: dpi).png(LabelFixtures.data)
        let file = folder.appendingPathComponent("\(parts[0])-\(parts[1]).png")
        try LabelFixtures.write(png, to: file)

        #expect(try QRDecoders.zbar(file) == Array(payload.utf8))
        #expect(try QRDecoders.zxing([file]) == [Array(payload.utf8)])
    }

    @Test func manyUnitsOfOneBatchEachCarryTheirOwnCode() throws {
        let template = try LabelFixtures.label("product-label-50x30")
        let prepared = try LabelRenderer(template, dpi: 203).prepare(LabelFixtures.data)
        let folder = try ProjectPaths.scratch("label-units")
        defer { try? FileManager.default.removeItem(at: folder) }
        let units = (0..<6).map(LabelFixtures.unit)
        var files: [URL] = []
        for (index, unit) in units.enumerated() {
            let file = folder.appendingPathComponent("unit-\(index).png")
            try LabelFixtures.write(try prepared.png(unit: unit), to: file)
            files.append(file)
        }
        let codes = units.map { LabelFixtures.code($0.uri, on: template) }
        #expect(codes.allSatisfy { $0.hasPrefix("HTTPS://ID.EXAMPLE.VN/01/") && !$0.contains("?s=") }, "a compact template")
        #expect(try QRDecoders.zxing(files) == codes.map { Array($0.utf8) })
        for (file, code) in zip(files, codes) {
            #expect(try QRDecoders.zbar(file) == Array(code.utf8))
        }
    }

    /// Modules are whole pixels: inside the QR box a raster holds only pure black and pure white.
    @Test(arguments: [203.0, 300, 600])
    func qrModulesAreExactPixels(dpi: Double) throws {
        let template = try LabelFixtures.label("product-label-50x30")
        let raster = try LabelRenderer(template, dpi: dpi).raster(LabelFixtures.data)
        guard case let .gray(pixels) = raster.pixels else {
            Issue.record("a black-only template renders gray")
            return
        }
        guard case let .qr(qr)? = template.template.elements.first(where: { $0.kind == .qr }) else {
            Issue.record("no QR element")
            return
        }
        let perMM = dpi / 25.4
        let x0 = Int((qr.box.x * perMM).rounded(.up)), x1 = Int((qr.box.maxX * perMM).rounded(.down))
        let y0 = Int((qr.box.y * perMM).rounded(.up)), y1 = Int((qr.box.maxY * perMM).rounded(.down))
        var blurred = 0, dark = 0
        for y in y0..<y1 {
            for x in x0..<x1 {
                let value = pixels[y * raster.width + x]
                if value != 0 && value != 255 { blurred += 1 }
                if value == 0 { dark += 1 }
            }
        }
        #expect(blurred == 0)
        let pixelsPerModule = QRModuleSize.pixelsPerModule(qr, dpi: dpi)
        #expect(dark % (pixelsPerModule * pixelsPerModule) == 0, "dark area is a whole number of modules")
    }
}
