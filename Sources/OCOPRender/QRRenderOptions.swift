/// How a QR matrix becomes an image: module size, quiet zone, resolution and pixel format.
public struct QRRenderOptions: Sendable, Equatable {
    /// Pixel formats for PNG output. 1-bit is smallest and fastest; 8-bit gray suits tools that
    /// dislike low bit depths; a palette carries colours for stamp art.
    public enum PixelFormat: String, Sendable, CaseIterable {
        case gray1 = "1"
        case gray8 = "8"
        case palette = "palette"
    }

    /// The GS1 / ISO 18004 quiet zone: 4 modules on every side.
    public static let standardMargin = 4

    public var modulePixels: Int
    public var margin: Int
    public var dpi: Double
    public var pixelFormat: PixelFormat
    public var dark: RGBColor
    public var light: RGBColor

    public init(
        modulePixels: Int = 8,
        margin: Int = QRRenderOptions.standardMargin,
        dpi: Double = 300,
        pixelFormat: PixelFormat = .gray1,
        dark: RGBColor = .black,
        light: RGBColor = .white
    ) {
        self.modulePixels = modulePixels
        self.margin = margin
        self.dpi = dpi
        self.pixelFormat = pixelFormat
        self.dark = dark
        self.light = light
    }

    /// Checks the numbers a user can get wrong; the message names the option and the rule.
    public func validate() throws(RenderError) {
        guard (1...100).contains(modulePixels) else {
            throw .invalidOption("module-px: \(modulePixels) is out of range; use 1 to 100 pixels per module")
        }
        guard (0...40).contains(margin) else {
            throw .invalidOption("margin: \(margin) is out of range; use 0 to 40 modules (4 is the standard quiet zone)")
        }
        guard dpi.isFinite, (50...4800).contains(dpi) else {
            throw .invalidOption("dpi: \(dpi) is out of range; use 50 to 4800")
        }
    }

    /// Side of the square image in pixels for a symbol of `size` modules.
    public func imageSide(forModules size: Int) -> Int {
        (size + 2 * margin) * modulePixels
    }
}

/// A colour for QR art, 8 bits per channel.
public struct RGBColor: Sendable, Equatable {
    public var red: UInt8, green: UInt8, blue: UInt8
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }
    public static let black = RGBColor(0, 0, 0)
    public static let white = RGBColor(255, 255, 255)

    /// `#RRGGBB`, as SVG writes it.
    public var hex: String {
        "#" + [red, green, blue].map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
