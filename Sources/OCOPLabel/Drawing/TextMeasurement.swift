/// How a text element's text was laid out, as pango reports it.
public struct TextMeasurement: Sendable, Equatable {
    /// The NFC text that was laid out.
    public let text: String
    /// The size used after shrink-to-fit.
    public let fontSizePt: Double
    public let lineCount: Int
    /// The logical extent of the laid-out text in mm.
    public let widthMM: Double
    public let heightMM: Double
    /// `pango_layout_get_unknown_glyphs_count`: characters no installed font could draw.
    public let unknownGlyphs: Int
    public let ellipsized: Bool
    /// Within the box and within `max_lines`.
    public let fits: Bool

    /// Why it does not fit, for messages.
    func overflowDetail(_ element: TextElement) -> String {
        var reasons: [String] = []
        if lineCount > element.maxLines { reasons.append("\(lineCount) lines, max_lines is \(element.maxLines)") }
        if heightMM > element.box.height + TextLayout.toleranceMM {
            reasons.append("\(MillimetreText.format(heightMM)) mm high in a \(MillimetreText.format(element.box.height)) mm box")
        }
        if widthMM > element.box.width + TextLayout.toleranceMM {
            reasons.append("\(MillimetreText.format(widthMM)) mm wide in a \(MillimetreText.format(element.box.width)) mm box")
        }
        return "at \(MillimetreText.format(fontSizePt)) pt it takes " + reasons.joined(separator: ", ")
    }
}
