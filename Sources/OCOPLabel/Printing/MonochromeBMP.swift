/// A 1-bit Windows BMP file, the picture format TSPL's `DOWNLOAD` and `PUTBMP` take: palette
/// entry 0 black, 1 white; rows bottom-up, each padded to four bytes.
enum MonochromeBMP {
    static func encode(_ bitmap: MonoBitmap, dpi: Double) -> [UInt8] {
        let rowBytes = (bitmap.bytesPerRow + 3) / 4 * 4
        let headerBytes = 14 + 40 + 8
        let imageBytes = rowBytes * bitmap.height
        let pixelsPerMetre = UInt32((dpi / 0.0254).rounded())
        var out: [UInt8] = []
        out.reserveCapacity(headerBytes + imageBytes)
        out += Array("BM".utf8)
        out += littleEndian(UInt32(headerBytes + imageBytes))
        out += littleEndian(UInt32(0))
        out += littleEndian(UInt32(headerBytes))
        out += littleEndian(UInt32(40))
        out += littleEndian(UInt32(bitmap.width))
        out += littleEndian(UInt32(bitmap.height))
        out += [1, 0, 1, 0]  // one plane, one bit per pixel
        out += littleEndian(UInt32(0))  // no compression
        out += littleEndian(UInt32(imageBytes))
        out += littleEndian(pixelsPerMetre) + littleEndian(pixelsPerMetre)
        out += littleEndian(UInt32(2)) + littleEndian(UInt32(2))
        out += [0, 0, 0, 0, 255, 255, 255, 0]
        let padding = [UInt8](repeating: 0xFF, count: rowBytes - bitmap.bytesPerRow)
        for y in (0..<bitmap.height).reversed() {
            out += TSPLEncoder.inverted(bitmap.row(y), width: bitmap.width)
            out += padding
        }
        return out
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }
}
