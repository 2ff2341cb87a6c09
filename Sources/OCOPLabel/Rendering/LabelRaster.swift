import OCOPPNG

/// A rendered label (or sheet page) as pixels, before PNG encoding.
public struct LabelRaster: Sendable, Equatable {
    public enum Pixels: Sendable, Equatable {
        /// One byte per pixel, 0 = black.
        case gray([UInt8])
        /// Red, green, blue bytes per pixel.
        case rgb([UInt8])
    }

    public let width: Int
    public let height: Int
    public let pixels: Pixels

    public init(width: Int, height: Int, pixels: Pixels) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Ready for libpng: 8-bit gray as is; colour as a palette image when at most 256 colours
    /// occur (at 1, 2, 4 or 8 bits: much smaller files for flat stamp art), else 8-bit RGB.
    public func pngImage() -> PNGImage {
        switch pixels {
        case let .gray(gray):
            return PNGImage(width: width, height: height, colorType: .gray(bitDepth: 8), rowBytes: width, pixels: gray)
        case let .rgb(rgb):
            if let indexed = PaletteImage(rgb: rgb, width: width, height: height) {
                return indexed.image
            }
            return PNGImage(width: width, height: height, colorType: .rgb, rowBytes: width * 3, pixels: rgb)
        }
    }

    /// zlib level for 8-bit gray labels, by measurement on the 50 × 30 mm label at 300 dpi
    /// (591 × 354 px, no row filter): level 3 takes 0.80 ms and 16.6 kB per label, libpng's
    /// default 6 takes 1.87 ms and 14.2 kB, level 1 0.73 ms and 21.8 kB. zlib was 71 % of the
    /// label run's time at level 6.
    static let grayCompressionLevel = 3

    /// Encodes the raster as PNG with pHYs = `dpi`.
    public func png(dpi: Double) throws(LabelError) -> [UInt8] {
        let level: Int? = if case .gray = pixels { Self.grayCompressionLevel } else { nil }
        do {
            return try PNGEncoder(dpi: dpi, compressionLevel: level, unfiltered: true).encode(pngImage())
        } catch {
            throw .encoding(error.description)
        }
    }
}

/// An RGB image re-expressed as palette indexes, when it has few enough colours.
struct PaletteImage {
    let image: PNGImage

    /// Nil when more than 256 colours occur. Palette order is first appearance, so equal pixels
    /// always give equal files.
    init?(rgb: [UInt8], width: Int, height: Int) {
        var indexOf: [UInt32: UInt8] = [:]
        var palette: [PNGImage.RGB] = []
        var indexes = [UInt8](repeating: 0, count: width * height)
        var previous: UInt32 = .max, previousIndex: UInt8 = 0
        for pixel in 0..<(width * height) {
            let offset = pixel * 3
            let key = UInt32(rgb[offset]) << 16 | UInt32(rgb[offset + 1]) << 8 | UInt32(rgb[offset + 2])
            if key == previous {
                indexes[pixel] = previousIndex
                continue
            }
            let index: UInt8
            if let known = indexOf[key] {
                index = known
            } else {
                guard palette.count < 256 else { return nil }
                index = UInt8(palette.count)
                indexOf[key] = index
                palette.append(PNGImage.RGB(rgb[offset], rgb[offset + 1], rgb[offset + 2]))
            }
            indexes[pixel] = index
            previous = key
            previousIndex = index
        }
        let depth = palette.count <= 2 ? 1 : palette.count <= 4 ? 2 : palette.count <= 16 ? 4 : 8
        let colorType = PNGImage.ColorType.palette(bitDepth: depth, palette: palette)
        let rowBytes = PNGImage.rowBytes(width: width, colorType: colorType)
        image = PNGImage(width: width, height: height, colorType: colorType, rowBytes: rowBytes,
                         pixels: Self.pack(indexes, width: width, height: height, depth: depth, rowBytes: rowBytes))
    }

    /// Packs indexes MSB first at `depth` bits, each row starting on a byte.
    private static func pack(_ indexes: [UInt8], width: Int, height: Int, depth: Int, rowBytes: Int) -> [UInt8] {
        guard depth < 8 else { return indexes }
        var packed = [UInt8](repeating: 0, count: rowBytes * height)
        let perByte = 8 / depth
        for y in 0..<height {
            for x in 0..<width {
                let shift = UInt8(8 - depth * (x % perByte + 1))
                packed[y * rowBytes + x / perByte] |= indexes[y * width + x] << shift
            }
        }
        return packed
    }
}
