import CCairo

/// A cairo context on one surface whose user unit is the millimetre, with its pango context.
final class DrawingContext {
    let cairo: OpaquePointer
    let rasterization: Rasterization
    private var textContext: TextContext?

    init(surface: OpaquePointer, unitsPerMM: Double, rasterization: Rasterization = .antialiased) throws(LabelError) {
        cairo = cairo_create(surface)
        self.rasterization = rasterization
        try CairoStatus.check(context: cairo, "cairo_create")
        cairo_scale(cairo, unitsPerMM, unitsPerMM)
        // Shapes keep cairo's default on anti-aliased output, so those files stay byte-identical.
        if rasterization == .bilevel { cairo_set_antialias(cairo, CAIRO_ANTIALIAS_NONE) }
    }

    deinit {
        cairo_destroy(cairo)
    }

    /// Made on first use, after the scale is set, so pango sees the final transformation.
    var text: TextContext {
        if let textContext { return textContext }
        let made = TextContext(for: cairo, rasterization: rasterization)
        textContext = made
        return made
    }

    func setColor(_ color: LabelColor) {
        let rgb = color.components
        cairo_set_source_rgb(cairo, rgb.red, rgb.green, rgb.blue)
    }

    /// Adds the label's outline (rectangle or circle) to the path.
    func addShapePath(_ template: LabelTemplate) {
        switch template.shape {
        case .rect:
            cairo_rectangle(cairo, 0, 0, template.size.width, template.size.height)
        case .round:
            let radius = template.size.width / 2
            cairo_new_sub_path(cairo)
            cairo_arc(cairo, radius, radius, radius, 0, 2 * Double.pi)
        }
    }

    func check(_ operation: String) throws(LabelError) {
        try CairoStatus.check(context: cairo, operation)
    }
}
