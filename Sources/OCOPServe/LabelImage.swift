import CZbar
import Foundation
import OCOPPNG

/// Reads the QR code in an uploaded label image with zbar: PNG through libpng (any colour type,
/// composed over white, to 8-bit gray), JPEG through zbar's own converter (libjpeg). Image sizes
/// are checked from the file's header before any pixel memory is allocated.
enum LabelImage {
    enum Failure: Error, Equatable {
        /// Not a PNG or a JPEG, or a broken one.
        case unreadable(String)
        case tooManyPixels
        /// An image, but no QR code zbar could read.
        case noCode
    }

    /// zbar keeps no state between scans, but one scan at a time keeps memory use bounded.
    private static let lock = NSLock()

    static func fourcc(_ text: String) -> UInt {
        text.utf8.enumerated().reduce(0) { $0 | UInt($1.element) << (8 * $1.offset) }
    }

    /// The text of every QR code found, in zbar's order.
    static func decode(_ bytes: [UInt8], maxPixels: Int) throws(Failure) -> [String] {
        if PNGDecoder.isPNG(bytes) {
            let gray: GrayImage
            do {
                gray = try PNGDecoder(maxPixels: maxPixels).decodeGray(bytes)
            } catch {
                throw error.message.contains("too many pixels") ? .tooManyPixels : .unreadable(error.message)
            }
            return try scan(gray.pixels, width: gray.width, height: gray.height, format: fourcc("Y800"))
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            guard let (width, height) = jpegSize(bytes) else { throw .unreadable("no JPEG frame header") }
            // A zero height (to be given later by a DNL marker) or width is not an image zbar can take.
            guard width > 0, height > 0 else { throw .unreadable("the JPEG frame is \(width)×\(height) pixels") }
            guard width * height <= maxPixels else { throw .tooManyPixels }
            return try scan(bytes, width: width, height: height, format: fourcc("JPEG"))
        }
        throw .unreadable("not a PNG or JPEG file")
    }

    private static func scan(_ data: [UInt8], width: Int, height: Int, format: UInt) throws(Failure) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        guard let scanner = zbar_image_scanner_create() else { throw .unreadable("zbar could not start") }
        defer { zbar_image_scanner_destroy(scanner) }
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        // Raw bytes, as printed: zbar would otherwise guess a legacy character set.
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1)

        let found: [String]? = data.withUnsafeBufferPointer { buffer -> [String]? in
            guard let source = zbar_image_create() else { return nil }
            defer { zbar_image_destroy(source) }
            zbar_image_set_format(source, format)
            zbar_image_set_size(source, UInt32(width), UInt32(height))
            zbar_image_set_data(source, buffer.baseAddress, UInt(buffer.count), nil)
            let gray: OpaquePointer
            var converted: OpaquePointer?
            if format == fourcc("Y800") {
                gray = source
            } else {
                guard let image = zbar_image_convert(source, fourcc("Y800")) else { return nil }
                converted = image
                gray = image
            }
            defer { if let converted { zbar_image_destroy(converted) } }
            guard zbar_scan_image(scanner, gray) > 0 else { return [] }
            var texts: [String] = []
            var symbol = zbar_image_first_symbol(gray)
            while let current = symbol {
                if let bytes = zbar_symbol_get_data(current) {
                    let count = Int(zbar_symbol_get_data_length(current))
                    let raw = UnsafeRawBufferPointer(start: bytes, count: count)
                    texts.append(String(decoding: raw, as: UTF8.self))
                }
                symbol = zbar_symbol_next(current)
            }
            return texts
        }
        guard let found else { throw .unreadable("zbar could not read the image") }
        guard !found.isEmpty else { throw .noCode }
        return found
    }

    /// Width and height from a JPEG's first start-of-frame marker.
    static func jpegSize(_ bytes: [UInt8]) -> (Int, Int)? {
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { index += 2; continue }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                let height = Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
                let width = Int(bytes[index + 7]) << 8 | Int(bytes[index + 8])
                return (width, height)
            }
            guard length >= 2 else { return nil }
            index += 2 + length
        }
        return nil
    }
}
