/// A 1-bit picture as label printers take it: rows of bytes, the leftmost pixel in the most
/// significant bit, a set bit a printed (black) dot. Bits past the width in a row's last byte are 0.
public struct MonoBitmap: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var bits: [UInt8]

    public var bytesPerRow: Int { (width + 7) / 8 }

    /// All white.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        bits = [UInt8](repeating: 0, count: (width + 7) / 8 * height)
    }

    /// Pixels darker than middle gray become dots. Bilevel rendering leaves only black and white,
    /// so the threshold matters only for gray fills and pictures.
    public init(_ raster: LabelRaster) {
        self.init(width: raster.width, height: raster.height)
        let rowBytes = bytesPerRow
        switch raster.pixels {
        case let .gray(gray):
            for y in 0..<height {
                for x in 0..<width where gray[y * width + x] < 128 {
                    bits[y * rowBytes + x >> 3] |= 0x80 >> UInt8(x & 7)
                }
            }
        case let .rgb(rgb):
            for y in 0..<height {
                for x in 0..<width {
                    let offset = (y * width + x) * 3
                    // ITU-R BT.601 luma, in thousandths.
                    let luma = 299 * Int(rgb[offset]) + 587 * Int(rgb[offset + 1]) + 114 * Int(rgb[offset + 2])
                    if luma < 128_000 { bits[y * rowBytes + x >> 3] |= 0x80 >> UInt8(x & 7) }
                }
            }
        }
    }

    public func isDot(x: Int, y: Int) -> Bool {
        bits[y * bytesPerRow + x >> 3] & (0x80 >> UInt8(x & 7)) != 0
    }

    /// The bytes of row `y`.
    public func row(_ y: Int) -> ArraySlice<UInt8> {
        bits[(y * bytesPerRow)..<((y + 1) * bytesPerRow)]
    }

    /// Printed dots in all.
    public var dotCount: Int { bits.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The pixels inside `rect` (which must lie within the bitmap) as a bitmap of their own.
    public func cropped(to rect: PixelRect) -> MonoBitmap {
        var part = MonoBitmap(width: rect.width, height: rect.height)
        for y in 0..<rect.height {
            for x in 0..<rect.width where isDot(x: rect.x + x, y: rect.y + y) {
                part.bits[y * part.bytesPerRow + x >> 3] |= 0x80 >> UInt8(x & 7)
            }
        }
        return part
    }

    /// Clears every dot inside `rect`.
    public mutating func clear(_ rect: PixelRect) {
        let rowBytes = bytesPerRow
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                bits[y * rowBytes + x >> 3] &= ~(0x80 >> UInt8(x & 7))
            }
        }
    }
}
