import CCairo

/// The static part of a label (everything but the per-unit fields) drawn once into a cairo
/// recording surface. Painting the same recording surface on every label of a PDF makes cairo
/// write it once, as one form XObject, and each label refers to it in a few bytes.
final class RecordedLabelPart {
    let batch: LabelData
    private let surface: OpaquePointer
    /// User units per mm inside the recording: the PDF's points, so text is laid out exactly
    /// as when it is drawn on the page itself.
    private let unitsPerMM: Double

    init(_ renderer: LabelRenderer, batch: LabelData, unitsPerMM: Double) throws(LabelError) {
        self.batch = batch
        self.unitsPerMM = unitsPerMM
        let size = renderer.template.template.size
        var extents = cairo_rectangle_t(x: 0, y: 0, width: size.width * unitsPerMM, height: size.height * unitsPerMM)
        surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)
        try CairoStatus.check(surface: surface, "cairo_recording_surface_create")
        let context = try DrawingContext(surface: surface, unitsPerMM: unitsPerMM)
        let painter = ElementPainter(plan: renderer.plan, context: context, target: .vector)
        painter.paintBackground()
        try painter.draw(renderer.plan.staticElements, data: batch)
    }

    deinit {
        cairo_surface_destroy(surface)
    }

    /// Paints the recorded part with its top-left corner at (`x`, `y`) mm of a millimetre context.
    func paint(on context: DrawingContext, x: Double, y: Double) {
        let cairo = context.cairo
        cairo_save(cairo)
        cairo_translate(cairo, x, y)
        cairo_scale(cairo, 1 / unitsPerMM, 1 / unitsPerMM)
        cairo_set_source_surface(cairo, surface, 0, 0)
        cairo_paint(cairo)
        cairo_restore(cairo)
    }
}
