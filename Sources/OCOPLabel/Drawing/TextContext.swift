import CCairo

/// A pango context set up for drawing on one cairo context whose user unit is the millimetre.
///
/// Pango's font map is shared per thread: since pango 1.32.6 `pango_cairo_font_map_get_default`
/// returns a map owned by the calling thread, so threads never share one (font maps are not
/// thread-safe) while each thread still caches its fonts across labels. fontconfig and cairo's
/// own caches are locked internally. Contexts and layouts are made per drawing and never shared.
final class TextContext {
    let context: OpaquePointer

    init(for cairo: OpaquePointer, rasterization: Rasterization = .antialiased) {
        let fontMap = pango_cairo_font_map_get_default()
        context = pango_font_map_create_context(fontMap)
        // Font sizes are points; one user unit is 1 mm, so "dots per inch" is 25.4 units per inch.
        pango_cairo_context_set_resolution(context, PixelGeometry.millimetresPerInch)
        // Positions rounded to whole user units would snap glyphs to whole millimetres.
        pango_context_set_round_glyph_positions(context, 0)
        // Unhinted metrics: the same text wraps the same way at every dpi, in PDF and in bilevel
        // output, and output does not depend on the machine's fontconfig hinting settings.
        let options = cairo_font_options_create()
        cairo_font_options_set_antialias(options, rasterization.antialias)
        cairo_font_options_set_hint_style(options, rasterization.hintStyle)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_subpixel_order(options, CAIRO_SUBPIXEL_ORDER_DEFAULT)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_cairo_update_context(cairo, context)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    /// A pango font description for `font` at `sizePt`; free with `pango_font_description_free`.
    static func fontDescription(_ font: FontSpec, sizePt: Double) -> OpaquePointer {
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, font.family)
        pango_font_description_set_weight(description, font.weight == .bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_size(description, Int32((sizePt * Double(PANGO_SCALE)).rounded()))
        return description
    }
}
