import CHeif
import OCOPPNG

/// HEIC photos (the iPhone's default) to 8-bit gray with libheif. libheif reports every failure
/// as a returned `heif_error`, so a broken file is an error here, never a crash.
enum HEICImage {
    /// libheif's plugins (the HEVC decoder) are loaded once, on first use.
    private static let initialised: Bool = heif_init(nil).code == heif_error_Ok

    /// An ISO media file whose brand libheif recognises as HEIF (HEIC, AVIF and kin).
    static func isHEIF(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 12, bytes[4...7].elementsEqual(Array("ftyp".utf8)) else { return false }
        let kind = bytes.withUnsafeBufferPointer { heif_check_filetype($0.baseAddress, Int32(min($0.count, 64))) }
        return kind != heif_filetype_no
    }

    /// The primary image, turned as the file says (rotation, mirroring), as gray. Its size is
    /// checked from the file's header before any pixel memory is allocated.
    static func decodeGray(_ bytes: [UInt8], maxPixels: Int) throws(LabelImage.Failure) -> GrayImage {
        guard initialised else { throw .unreadable("libheif could not start") }
        guard bytes.count < Int(Int32.max) else { throw .unreadable("file too large") }
        guard let context = heif_context_alloc() else { throw .unreadable("libheif could not start") }
        defer { heif_context_free(context) }
        // The image thread is the only one decoding: libheif adds no threads of its own.
        heif_context_set_max_decoding_threads(context, 0)

        return try bytes.withUnsafeBufferPointer { buffer throws(LabelImage.Failure) -> GrayImage in
            try check(heif_context_read_from_memory_without_copy(context, buffer.baseAddress, buffer.count, nil))
            var handle: OpaquePointer?
            try check(heif_context_get_primary_image_handle(context, &handle))
            guard let handle else { throw .unreadable("no primary image") }
            defer { heif_image_handle_release(handle) }
            let width = Int(heif_image_handle_get_width(handle)), height = Int(heif_image_handle_get_height(handle))
            guard width > 0, height > 0 else { throw .unreadable("the image is \(width)×\(height) pixels") }
            guard width * height <= maxPixels else { throw .tooManyPixels }

            var image: OpaquePointer?
            // Interleaved RGB is the one output every libheif decodes to (asked for "undefined",
            // libheif 1.15 hands back RGB for some files); gray is weighted from it here.
            try check(heif_decode_image(handle, &image, heif_colorspace_RGB, heif_chroma_interleaved_RGB, nil))
            guard let image else { throw .unreadable("no pixels decoded") }
            defer { heif_image_release(image) }
            var stride: Int32 = 0
            guard let plane = heif_image_get_plane_readonly(image, heif_channel_interleaved, &stride) else {
                throw .unreadable("no pixel plane")
            }
            let planeWidth = Int(heif_image_get_width(image, heif_channel_interleaved))
            let planeHeight = Int(heif_image_get_height(image, heif_channel_interleaved))
            guard planeWidth > 0, planeHeight > 0, Int(stride) >= planeWidth * 3, planeWidth * planeHeight <= maxPixels else {
                throw .unreadable("the decoded plane is \(planeWidth)×\(planeHeight) pixels")
            }
            var pixels = [UInt8](repeating: 0, count: planeWidth * planeHeight)
            pixels.withUnsafeMutableBufferPointer { target in
                for row in 0..<planeHeight {
                    let source = plane + row * Int(stride)
                    for column in 0..<planeWidth {
                        let r = UInt32(source[column * 3]), g = UInt32(source[column * 3 + 1]), b = UInt32(source[column * 3 + 2])
                        target[row * planeWidth + column] = UInt8((r * 299 + g * 587 + b * 114) / 1000)
                    }
                }
            }
            return GrayImage(width: planeWidth, height: planeHeight, pixels: pixels)
        }
    }

    private static func check(_ error: heif_error) throws(LabelImage.Failure) {
        guard error.code != heif_error_Ok else { return }
        throw .unreadable(error.message.map { String(cString: $0) } ?? "libheif error \(error.code.rawValue)")
    }
}
