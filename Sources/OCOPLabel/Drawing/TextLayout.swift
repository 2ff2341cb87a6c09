import CCairo

/// A pango layout of one text element's filled text, fitted to its box.
final class TextLayout {
    /// Rounding slack when comparing pango's extents with a box.
    static let toleranceMM = 0.01
    /// Shrink-to-fit tries sizes this far apart.
    static let shrinkStepPt = 0.25

    let layout: OpaquePointer
    private(set) var measurement: TextMeasurement

    /// Lays `text` out for `element`: at the font size, then (with `shrink_to_fit`) smaller in
    /// 0.25 pt steps down to the font's minimum, then (with `ellipsize`) with "…" at the minimum.
    /// The result may still not fit; `measurement.fits` says.
    init(text: String, element: TextElement, in context: TextContext) {
        layout = pango_layout_new(context.context)
        pango_layout_set_text(layout, text, -1)
        pango_layout_set_width(layout, Int32((element.box.width * Double(PANGO_SCALE)).rounded(.down)))
        // Words wrap whole; a single word wider than the box breaks between characters.
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        switch element.align {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }

        var sizes = [element.font.sizePt]
        if element.shrinkToFit {
            var size = element.font.sizePt - Self.shrinkStepPt
            while size > element.font.shrinkFloorPt + 1e-9 {
                sizes.append(size)
                size -= Self.shrinkStepPt
            }
            if element.font.shrinkFloorPt < element.font.sizePt { sizes.append(element.font.shrinkFloorPt) }
        }
        measurement = TextMeasurement(text: text, fontSizePt: 0, lineCount: 0, widthMM: 0, heightMM: 0,
                                      unknownGlyphs: 0, ellipsized: false, fits: false)
        for size in sizes {
            measurement = apply(size: size, element: element, text: text)
            if measurement.fits { return }
        }
        if element.ellipsize, let smallest = sizes.last {
            // A negative height tells pango to ellipsize after that many lines.
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
            pango_layout_set_height(layout, -Int32(element.maxLines))
            measurement = apply(size: smallest, element: element, text: text)
        }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    private func apply(size: Double, element: TextElement, text: String) -> TextMeasurement {
        let description = TextContext.fontDescription(element.font, sizePt: size)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)

        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let scale = Double(PANGO_SCALE)
        let width = Double(logical.width) / scale
        let height = Double(logical.height) / scale
        let lines = Int(pango_layout_get_line_count(layout))
        let fits = lines <= element.maxLines
            && height <= element.box.height + Self.toleranceMM
            && width <= element.box.width + Self.toleranceMM
        return TextMeasurement(
            text: text, fontSizePt: size, lineCount: lines, widthMM: width, heightMM: height,
            unknownGlyphs: Int(pango_layout_get_unknown_glyphs_count(layout)),
            ellipsized: pango_layout_is_ellipsized(layout) != 0, fits: fits
        )
    }

    /// Draws the layout in its box, aligned vertically as the element asks.
    func draw(on cairo: OpaquePointer, element: TextElement) {
        let spare = element.box.height - measurement.heightMM
        let offset: Double
        switch element.verticalAlign {
        case .top: offset = 0
        case .middle: offset = spare / 2
        case .bottom: offset = spare
        }
        let color = element.color.components
        cairo_save(cairo)
        cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
        cairo_move_to(cairo, element.box.x, element.box.y + offset)
        pango_cairo_show_layout(cairo, layout)
        cairo_restore(cairo)
    }
}
