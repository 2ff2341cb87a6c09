/// Pixels ready for PNG encoding: rows already packed at the chosen bit depth.
public struct PNGImage: Sendable {
    public enum ColorType: Sendable, Equatable {
        /// Grayscale at 1, 2, 4 or 8 bits per pixel (0 = black).
        case gray(bitDepth: Int)
        /// 8-bit red, green, blue.
        case rgb
        /// Indexes into `palette` at 1, 2, 4 or 8 bits per pixel.
        case palette(bitDepth: Int, palette: [RGB])
    }

    public struct RGB: Sendable, Equatable {
        public var red: UInt8, green: UInt8, blue: UInt8
        public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
            self.red = red
            self.green = green
            self.blue = blue
        }
        public static let black = RGB(0, 0, 0)
        public static let white = RGB(255, 255, 255)
    }

    public let width: Int
    public let height: Int
    public let colorType: ColorType
    public let rowBytes: Int
    public let pixels: [UInt8]

    public init(width: Int, height: Int, colorType: ColorType, rowBytes: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.colorType = colorType
        self.rowBytes = rowBytes
        self.pixels = pixels
    }

    public var bitDepth: Int {
        switch colorType {
        case let .gray(depth), let .palette(depth, _): return depth
        case .rgb: return 8
        }
    }

    /// Bytes one row needs at this width, colour type and depth.
    public static func rowBytes(width: Int, colorType: ColorType) -> Int {
        switch colorType {
        case let .gray(depth), let .palette(depth, _): return (width * depth + 7) / 8
        case .rgb: return width * 3
        }
    }
}
