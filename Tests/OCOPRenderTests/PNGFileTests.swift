import Foundation
import OCOPPNG
import OCOPQR
import OCOPRender
import TestSupport
import Testing

@Suite struct PNGFileTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let modulePixels: Int, margin: Int, dpi: Double, format: QRRenderOptions.PixelFormat
        var testDescription: String { "\(modulePixels)px margin \(margin) \(Int(dpi))dpi \(format.rawValue)" }
    }

    static let cases: [Case] = [
        Case(modulePixels: 8, margin: 4, dpi: 300, format: .gray1),
        Case(modulePixels: 3, margin: 4, dpi: 203, format: .gray8),
        Case(modulePixels: 10, margin: 2, dpi: 600, format: .palette),
        Case(modulePixels: 1, margin: 0, dpi: 72, format: .gray1),
        Case(modulePixels: 17, margin: 6, dpi: 1200, format: .gray8),
    ]

    @Test(arguments: cases)
    func headerSizeAndResolution(_ c: Case) throws {
        let matrix = try QREncoder().encode(SamplePayloads.digitalLinks[0])
        let options = QRRenderOptions(modulePixels: c.modulePixels, margin: c.margin, dpi: c.dpi, pixelFormat: c.format)
        let png = try PNGChunks(QRRenderer(options: options).png(for: matrix))
        let side = (matrix.size + 2 * c.margin) * c.modulePixels
        let header = try #require(png.header)
        #expect(header.width == side && header.height == side)
        switch c.format {
        case .gray1: #expect(header.bitDepth == 1 && header.colorType == 0)
        case .gray8: #expect(header.bitDepth == 8 && header.colorType == 0)
        case .palette: #expect(header.bitDepth == 1 && header.colorType == 3)
        }
        let physical = try #require(png.physical)
        let expected = UInt32((c.dpi / 0.0254).rounded())
        #expect(physical.x == expected && physical.y == expected && physical.unit == 1)
        #expect(png.chunks.first?.type == "IHDR" && png.chunks.last?.type == "IEND")
    }

    @Test func threeHundredDpiIs11811PixelsPerMetre() {
        #expect(PNGEncoder.pixelsPerMeter(dpi: 300) == 11811)
        #expect(PNGEncoder.pixelsPerMeter(dpi: 203) == 7992)
    }

    @Test func libpngErrorsBecomeThrownErrors() {
        // A zero width makes libpng call png_error ("Invalid IHDR data"), which longjmps inside the C shim.
        let empty = PNGImage(width: 0, height: 1, colorType: .gray(bitDepth: 8), rowBytes: 1, pixels: [0])
        #expect {
            try PNGEncoder().encode(empty)
        } throws: { error in
            (error as? PNGEncodingError)?.message.contains("IHDR") == true
        }
        // 3 bits per pixel is no PNG depth: libpng refuses it in png_set_IHDR.
        let odd = PNGImage(width: 4, height: 1, colorType: .gray(bitDepth: 3), rowBytes: 2, pixels: [0, 0])
        #expect(throws: PNGEncodingError.self) { try PNGEncoder().encode(odd) }
        let noPalette = PNGImage(width: 8, height: 1, colorType: .palette(bitDepth: 1, palette: []), rowBytes: 1, pixels: [0])
        #expect(throws: PNGEncodingError.self) { try PNGEncoder().encode(noPalette) }
    }

    @Test func encoderStillWorksAfterAnError() throws {
        // The longjmp path must leave nothing broken behind: encode again after failures.
        for _ in 0..<100 {
            _ = try? PNGEncoder().encode(PNGImage(width: 0, height: 1, colorType: .gray(bitDepth: 8), rowBytes: 1, pixels: [0]))
        }
        let ok = PNGImage(width: 2, height: 2, colorType: .gray(bitDepth: 8), rowBytes: 2, pixels: [0, 255, 255, 0])
        let header = try #require(try PNGChunks(PNGEncoder().encode(ok)).header)
        #expect(header.width == 2)
    }

    @Test func writingIntoAMissingFolderThrows() throws {
        let matrix = try QREncoder().encode("A")
        let path = "/nonexistent-\(UInt32.random(in: 0...UInt32.max))/code.png"
        #expect {
            try QRRenderer(options: QRRenderOptions()).write(matrix, format: .png, to: path)
        } throws: { error in
            guard case let .unwritable(failedPath, reason)? = error as? RenderError else { return false }
            return failedPath == path && reason.contains("no such file")
        }
    }

    @Test func atomicWriteReplacesAndLeavesNoTemporaryFiles() throws {
        let folder = try ProjectPaths.scratch("atomic")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("code.png").path
        try AtomicFile.write([1, 2, 3], to: path)
        try AtomicFile.write([4, 5], to: path)
        #expect(FileManager.default.contents(atPath: path) == Data([4, 5]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["code.png"])
    }

    @Test func invalidOptionsNameTheOption() {
        #expect(throws: RenderError.self) { try QRRenderer(options: QRRenderOptions(modulePixels: 0)) }
        do {
            _ = try QRRenderer(options: QRRenderOptions(dpi: 10))
            Issue.record("dpi 10 was accepted")
        } catch {
            #expect(error.description.hasPrefix("dpi:"))
        }
    }
}
