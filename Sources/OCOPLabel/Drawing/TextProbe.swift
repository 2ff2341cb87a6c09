/// Lays text out without drawing it, on a one-pixel surface at the same scale as real output,
/// so a measurement here matches what rendering at that dpi will find.
final class TextProbe {
    private let canvas: RasterCanvas
    private let context: DrawingContext

    init(dpi: Double) throws(LabelError) {
        canvas = try RasterCanvas(width: 1, height: 1)
        context = try DrawingContext(surface: canvas.surface, unitsPerMM: PixelGeometry.pixelsPerMillimetre(dpi: dpi))
    }

    func measure(_ text: String, element: TextElement) -> TextMeasurement {
        TextLayout(text: text, element: element, in: context.text).measurement
    }
}
