import Foundation
import OCOPPNG

/// Reads the QR code in an uploaded label photo: PNG through libpng, JPEG through zbar's
/// converter (libjpeg), HEIC through libheif, all to 8-bit gray. Image sizes are checked from the
/// file's header before any pixel memory is allocated. A large photo is shrunk first (zbar is no
/// better on 12 MP than on 2 MP, and much slower); zbar then reads it as it is, else a second
/// pass tries variants (`SecondPass`).
enum LabelImage {
    enum Failure: Error, Equatable {
        /// Not a PNG, JPEG or HEIC, or a broken one.
        case unreadable(String)
        case tooManyPixels
        /// An image, but no QR code zbar could read.
        case noCode
    }

    /// The codes found, and how: `first` (the photo as it is) or the second pass's variant.
    struct Reading: Sendable, Equatable {
        let codes: [String]
        let pass: String
    }

    /// Photos are decoded at most this big on their long side: a label's QR code filling a
    /// fifth of a photo's width still has 3+ pixels per module.
    static let decodeLongSide = 2000

    /// The text of every QR code found, in zbar's order.
    static func decode(_ bytes: [UInt8], maxPixels: Int, secondPass: SecondPass = SecondPass()) throws(Failure) -> Reading {
        let original = try gray(bytes, maxPixels: maxPixels)
        let photo = original.downscaled(toLongSide: decodeLongSide)
        let codes = try ZbarScan.codes(in: photo)
        if !codes.isEmpty { return Reading(codes: codes, pass: "first") }
        guard let rescued = try secondPass.codes(in: photo, original: original) else { throw .noCode }
        return Reading(codes: rescued.codes, pass: rescued.variant)
    }

    /// The photo in 8-bit gray, whatever its format.
    static func gray(_ bytes: [UInt8], maxPixels: Int) throws(Failure) -> GrayImage {
        if PNGDecoder.isPNG(bytes) {
            do {
                return try PNGDecoder(maxPixels: maxPixels).decodeGray(bytes)
            } catch {
                throw error.message.contains("too many pixels") ? .tooManyPixels : .unreadable(error.message)
            }
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            guard let (width, height) = jpegSize(bytes) else { throw .unreadable("no JPEG frame header") }
            // A zero height (to be given later by a DNL marker) or width is not an image zbar can take.
            guard width > 0, height > 0 else { throw .unreadable("the JPEG frame is \(width)×\(height) pixels") }
            guard width * height <= maxPixels else { throw .tooManyPixels }
            return try ZbarScan.grayFromJPEG(bytes, width: width, height: height)
        }
        if HEICImage.isHEIF(bytes) {
            return try HEICImage.decodeGray(bytes, maxPixels: maxPixels)
        }
        throw .unreadable("not a PNG, JPEG or HEIC file")
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
