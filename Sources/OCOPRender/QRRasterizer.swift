import OCOPPNG
import OCOPQR

/// Lays a QR matrix out as PNG-ready pixels: every module an exact square of device pixels,
/// surrounded by the quiet zone, so nothing is ever blurred by scaling.
public struct QRRasterizer: Sendable {
    public let options: QRRenderOptions

    public init(options: QRRenderOptions) {
        self.options = options
    }

    public func image(for matrix: QRMatrix) -> PNGImage {
        let side = options.imageSide(forModules: matrix.size)
        switch options.pixelFormat {
        case .gray1:
            // 1-bit gray: 0 is black, so dark modules are cleared bits on a white row.
            return packed(matrix, side: side, colorType: .gray(bitDepth: 1), darkBit: 0)
        case .palette:
            let palette = [options.light, options.dark].map { PNGImage.RGB($0.red, $0.green, $0.blue) }
            return packed(matrix, side: side, colorType: .palette(bitDepth: 1, palette: palette), darkBit: 1)
        case .gray8:
            return gray8(matrix, side: side)
        }
    }

    /// One bit per pixel: builds each module row once and repeats it `modulePixels` times.
    private func packed(_ matrix: QRMatrix, side: Int, colorType: PNGImage.ColorType, darkBit: UInt8) -> PNGImage {
        let rowBytes = PNGImage.rowBytes(width: side, colorType: colorType)
        let lightByte: UInt8 = darkBit == 0 ? 0xFF : 0x00
        let quietRow = [UInt8](repeating: lightByte, count: rowBytes)
        var pixels = [UInt8]()
        pixels.reserveCapacity(rowBytes * side)
        let quietRows = options.margin * options.modulePixels
        for _ in 0..<quietRows { pixels.append(contentsOf: quietRow) }
        for y in 0..<matrix.size {
            var row = quietRow
            for x in 0..<matrix.size where matrix[x, y] {
                let start = (options.margin + x) * options.modulePixels
                for px in start..<(start + options.modulePixels) {
                    let mask = UInt8(0x80) >> UInt8(px & 7)
                    if darkBit == 0 { row[px >> 3] &= ~mask } else { row[px >> 3] |= mask }
                }
            }
            for _ in 0..<options.modulePixels { pixels.append(contentsOf: row) }
        }
        for _ in 0..<quietRows { pixels.append(contentsOf: quietRow) }
        return PNGImage(width: side, height: side, colorType: colorType, rowBytes: rowBytes, pixels: pixels)
    }

    private func gray8(_ matrix: QRMatrix, side: Int) -> PNGImage {
        let quietRow = [UInt8](repeating: 0xFF, count: side)
        var pixels = [UInt8]()
        pixels.reserveCapacity(side * side)
        let quietRows = options.margin * options.modulePixels
        for _ in 0..<quietRows { pixels.append(contentsOf: quietRow) }
        for y in 0..<matrix.size {
            var row = quietRow
            for x in 0..<matrix.size where matrix[x, y] {
                let start = (options.margin + x) * options.modulePixels
                for px in start..<(start + options.modulePixels) { row[px] = 0 }
            }
            for _ in 0..<options.modulePixels { pixels.append(contentsOf: row) }
        }
        for _ in 0..<quietRows { pixels.append(contentsOf: quietRow) }
        return PNGImage(width: side, height: side, colorType: .gray(bitDepth: 8), rowBytes: side, pixels: pixels)
    }
}
