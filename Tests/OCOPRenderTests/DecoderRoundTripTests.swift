import Foundation
import OCOPQR
import OCOPRender
import TestSupport
import Testing

/// Every payload is rendered to PNG and must come back byte for byte from two decoders that
/// share no code with ours: zbar and zxing-cpp.
@Suite struct DecoderRoundTripTests {
    @Test func samplePayloadsRoundTripThroughBothDecoders() throws {
        let payloads = SamplePayloads.all
        #expect(payloads.count >= 50)
        let folder = try ProjectPaths.scratch("roundtrip")
        defer { try? FileManager.default.removeItem(at: folder) }

        let formats = QRRenderOptions.PixelFormat.allCases
        var files: [URL] = []
        for (index, payload) in payloads.enumerated() {
            // Vary pixel format, module size and level so each path of the writer is decoded.
            let options = QRRenderOptions(modulePixels: 4 + index % 5, pixelFormat: formats[index % formats.count])
            let level: ErrorCorrection = payload == SamplePayloads.capacityLimitM ? .medium : ErrorCorrection.allCases[index % 4]
            let matrix = try QREncoder(errorCorrection: level).encode(payload)
            let file = folder.appendingPathComponent("payload-\(index).png")
            try QRRenderer(options: options).write(matrix, format: .png, to: file.path)
            files.append(file)
        }

        let zxing = try QRDecoders.zxing(files)
        for (index, payload) in payloads.enumerated() {
            let expected = Array(payload.utf8)
            #expect(try QRDecoders.zbar(files[index]) == expected, "zbar, payload \(index): \(payload.prefix(40))")
            #expect(zxing[index] == expected, "zxing-cpp, payload \(index): \(payload.prefix(40))")
        }
    }

    @Test func svgRasterisedByRsvgDecodes() throws {
        guard let rsvg = which("rsvg-convert") else {
            Issue.record("rsvg-convert (Debian librsvg2-bin) is missing: run `make test`")
            return
        }
        let folder = try ProjectPaths.scratch("svg-roundtrip")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, payload) in [SamplePayloads.digitalLinks[0], SamplePayloads.vietnamese[0], "A"].enumerated() {
            let matrix = try QREncoder().encode(payload)
            let svg = folder.appendingPathComponent("code-\(index).svg")
            let png = folder.appendingPathComponent("code-\(index).png")
            try QRRenderer(options: QRRenderOptions()).write(matrix, format: .svg, to: svg.path)
            let converted = try run(rsvg, ["-w", "600", "-b", "white", "-o", png.path, svg.path])
            #expect(converted.status == 0, "rsvg-convert: \(converted.stderrText)")
            #expect(try QRDecoders.zbar(png) == Array(payload.utf8))
            #expect(try QRDecoders.zxing([png]) == [Array(payload.utf8)])
        }
    }
}
