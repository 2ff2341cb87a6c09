import PNGShim

/// An 8-bit grayscale image: `width` bytes per row, 0 = black.
public struct GrayImage: Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// A PNG that libpng could not read, with libpng's own words.
public struct PNGDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { "PNG decoding failed: \(message)" }
}

/// Decodes PNG files to 8-bit gray with libpng, whatever their colour type or depth.
public struct PNGDecoder: Sendable {
    /// Images with more pixels are refused before any pixel memory is allocated.
    public var maxPixels: Int

    public init(maxPixels: Int = 40_000_000) {
        self.maxPixels = maxPixels
    }

    /// True when the bytes start with the PNG signature.
    public static func isPNG(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    public func decodeGray(_ bytes: [UInt8]) throws(PNGDecodingError) -> GrayImage {
        guard Self.isPNG(bytes) else { throw PNGDecodingError(message: "not a PNG file (bad signature)") }
        var image = ocop_png_gray()
        var errorText = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { buffer in
            ocop_png_decode_gray(buffer.baseAddress, buffer.count, UInt64(max(0, maxPixels)), &image,
                                 &errorText, errorText.count)
        }
        guard status == 0 else {
            let message = errorText.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw PNGDecodingError(message: message)
        }
        defer { ocop_png_free_gray(&image) }
        let width = Int(image.width), height = Int(image.height)
        return GrayImage(width: width, height: height,
                         pixels: Array(UnsafeBufferPointer(start: image.pixels, count: width * height)))
    }
}
