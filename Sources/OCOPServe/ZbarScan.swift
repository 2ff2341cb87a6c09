import CZbar
import Foundation
import OCOPPNG

/// One zbar pass over an image, QR codes only.
enum ZbarScan {
    /// zbar keeps no state between scans, but one scan at a time keeps memory use bounded.
    private static let lock = NSLock()

    static func fourcc(_ text: String) -> UInt {
        text.utf8.enumerated().reduce(0) { $0 | UInt($1.element) << (8 * $1.offset) }
    }

    /// The text of every QR code zbar finds in a gray image, in zbar's order; empty when none.
    static func codes(in image: GrayImage) throws(LabelImage.Failure) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        guard let scanner = zbar_image_scanner_create() else { throw .unreadable("zbar could not start") }
        defer { zbar_image_scanner_destroy(scanner) }
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        // Raw bytes, as printed: zbar would otherwise guess a legacy character set.
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1)

        let found: [String]? = image.pixels.withUnsafeBufferPointer { buffer -> [String]? in
            guard let gray = zbar_image_create() else { return nil }
            defer { zbar_image_destroy(gray) }
            zbar_image_set_format(gray, fourcc("Y800"))
            zbar_image_set_size(gray, UInt32(image.width), UInt32(image.height))
            zbar_image_set_data(gray, buffer.baseAddress, UInt(buffer.count), nil)
            guard zbar_scan_image(scanner, gray) > 0 else { return [] }
            var texts: [String] = []
            var symbol = zbar_image_first_symbol(gray)
            while let current = symbol {
                if let bytes = zbar_symbol_get_data(current) {
                    let count = Int(zbar_symbol_get_data_length(current))
                    texts.append(String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self))
                }
                symbol = zbar_symbol_next(current)
            }
            return texts
        }
        guard let found else { throw .unreadable("zbar could not read the image") }
        return found
    }

    /// A JPEG to gray through zbar's own converter (libjpeg behind an error handler of zbar's).
    static func grayFromJPEG(_ bytes: [UInt8], width: Int, height: Int) throws(LabelImage.Failure) -> GrayImage {
        let pixels: [UInt8]? = bytes.withUnsafeBufferPointer { buffer -> [UInt8]? in
            guard let source = zbar_image_create() else { return nil }
            defer { zbar_image_destroy(source) }
            zbar_image_set_format(source, fourcc("JPEG"))
            zbar_image_set_size(source, UInt32(width), UInt32(height))
            zbar_image_set_data(source, buffer.baseAddress, UInt(buffer.count), nil)
            guard let gray = zbar_image_convert(source, fourcc("Y800")) else { return nil }
            defer { zbar_image_destroy(gray) }
            guard let data = zbar_image_get_data(gray), Int(zbar_image_get_data_length(gray)) >= width * height else { return nil }
            return Array(UnsafeBufferPointer(start: data.assumingMemoryBound(to: UInt8.self), count: width * height))
        }
        guard let pixels else { throw .unreadable("zbar could not convert the JPEG") }
        return GrayImage(width: width, height: height, pixels: pixels)
    }
}
