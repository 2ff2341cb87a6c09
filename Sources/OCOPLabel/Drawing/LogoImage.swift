import CCairo
import Foundation

/// A PNG picture loaded for drawing (cairo's own PNG reader; the file was checked when the template was).
final class LogoImage {
    let surface: OpaquePointer
    let width: Int
    let height: Int

    init(path: String) throws(LabelError) {
        guard FileManager.default.isReadableFile(atPath: path) else { throw .image(path: path, reason: "cannot be read") }
        surface = cairo_image_surface_create_from_png(path)
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            let reason = String(cString: cairo_status_to_string(status))
            cairo_surface_destroy(surface)
            throw .image(path: path, reason: reason)
        }
    }

    deinit {
        cairo_surface_destroy(surface)
    }

    /// Paints the picture as large as fits `box` with its aspect ratio kept, centred.
    func draw(in box: LabelBox, on cairo: OpaquePointer) {
        guard width > 0, height > 0 else { return }
        let scale = min(box.width / Double(width), box.height / Double(height))
        let drawnWidth = Double(width) * scale, drawnHeight = Double(height) * scale
        cairo_save(cairo)
        cairo_translate(cairo, box.x + (box.width - drawnWidth) / 2, box.y + (box.height - drawnHeight) / 2)
        cairo_scale(cairo, scale, scale)
        cairo_set_source_surface(cairo, surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cairo), CAIRO_FILTER_GOOD)
        cairo_rectangle(cairo, 0, 0, Double(width), Double(height))
        cairo_fill(cairo)
        cairo_restore(cairo)
    }
}
