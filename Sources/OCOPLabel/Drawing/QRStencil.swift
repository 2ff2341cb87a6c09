import CCairo
import OCOPQR

/// A QR symbol painted as a 1-bit image mask in one colour. cairo writes it to PDF as one
/// `/ImageMask` image of `size × size` bits (a few hundred bytes deflated) where a path would
/// take a rectangle per run of dark modules (several kilobytes); the nearest-neighbour filter
/// makes cairo write `/Interpolate false`, so every module prints as a sharp square.
enum QRStencil {
    /// Paints `matrix` with its top-left module at (`x`, `y`) mm, `moduleMM` per module, in the
    /// context's current colour.
    static func paint(_ matrix: QRMatrix, on cairo: OpaquePointer, x: Double, y: Double, moduleMM: Double) throws(LabelError) {
        let size = Int32(matrix.size)
        guard let mask = cairo_image_surface_create(CAIRO_FORMAT_A1, size, size) else {
            throw .graphics(operation: "cairo_image_surface_create", status: "no surface")
        }
        defer { cairo_surface_destroy(mask) }
        try CairoStatus.check(surface: mask, "cairo_image_surface_create (QR mask)")
        cairo_surface_flush(mask)
        let stride = Int(cairo_image_surface_get_stride(mask))
        guard let data = cairo_image_surface_get_data(mask) else {
            throw .graphics(operation: "cairo_image_surface_get_data", status: "no pixels")
        }
        // A1 pixels are 32-bit words, the leftmost pixel in the lowest bit on little-endian
        // machines (pixman's order); the new surface is all zero, i.e. transparent.
        let raw = UnsafeMutableRawPointer(data)
        for row in 0..<matrix.size {
            for column in 0..<matrix.size where matrix[column, row] {
                let offset = row * stride + (column / 32) * 4
                let word = raw.load(fromByteOffset: offset, as: UInt32.self)
                raw.storeBytes(of: word | Self.bit(column % 32), toByteOffset: offset, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(mask)
        let pattern = cairo_pattern_create_for_surface(mask)
        defer { cairo_pattern_destroy(pattern) }
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST)
        cairo_save(cairo)
        cairo_translate(cairo, x, y)
        cairo_scale(cairo, moduleMM, moduleMM)
        cairo_mask(cairo, pattern)
        cairo_restore(cairo)
    }

    private static func bit(_ index: Int) -> UInt32 {
        #if _endian(little)
        return UInt32(1) << UInt32(index)
        #else
        return UInt32(0x8000_0000) >> UInt32(index)
        #endif
    }
}
