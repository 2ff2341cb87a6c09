import CCairo
import OCOPBarcode

/// Draws a barcode block: white over the whole block (quiet zones included), the bars or matrix
/// modules as rectangles on the geometry's grid, and the human-readable text under linear symbols
/// in DejaVu Sans Mono (digits 10 X high in em, GS1's recommended OCR-B being unavailable).
enum BarcodePainter {
    static let textFamily = "DejaVu Sans Mono"
    /// Main digits and GS1-128 text, in X-dimensions of em; UPC-A's outer digits are smaller.
    static let textEmModules = 10.0
    static let outerDigitEmModules = 7.0
    /// The text's baseline below the bars, in X-dimensions: digits 0.73 em high start about one
    /// module under the bars.
    static let baselineModules = 8.5

    static func paint(_ symbol: BarcodeSymbol, content: BarcodeContent, geometry: BarcodeGeometry, on context: DrawingContext) {
        let cairo = context.cairo
        let element = geometry.element
        let block = geometry.block
        context.setColor(.white)
        cairo_rectangle(cairo, block.x, block.y, block.width, block.height)
        cairo_fill(cairo)

        context.setColor(element.color)
        let bars = geometry.symbolBox
        let module = geometry.moduleMM
        if element.symbology.isLinear {
            let guards = element.humanReadable ? geometry.guardModules : []
            let extra = Double(BarcodeElement.guardExtensionModules) * module
            for run in symbol.darkRuns(inRow: 0) {
                let height = bars.height + (guards.contains(run.lowerBound) ? extra : 0)
                cairo_rectangle(cairo, bars.x + Double(run.lowerBound) * module, bars.y, Double(run.count) * module, height)
            }
        } else {
            // One path of horizontal runs, filled once: no hairline seams between modules.
            for row in 0..<symbol.rows {
                for run in symbol.darkRuns(inRow: row) {
                    cairo_rectangle(cairo, bars.x + Double(run.lowerBound) * module, bars.y + Double(row) * module,
                                    Double(run.count) * module, module)
                }
            }
        }
        cairo_fill(cairo)

        guard element.symbology.isLinear, element.humanReadable else { return }
        let baseline = bars.maxY + baselineModules * module
        let digits = content.humanReadable.map(String.init)
        // The centre of the 7-module digit that starts at module `start`.
        let digitCentre = { (start: Int) in bars.x + (Double(start) + 3.5) * module }
        switch element.symbology {
        case .ean13:
            show(digits[0], centreX: bars.x - 4 * module, baseline: baseline, emMM: textEmModules * module, on: context)
            for index in 0..<6 {
                show(digits[1 + index], centreX: digitCentre(3 + 7 * index), baseline: baseline, emMM: textEmModules * module, on: context)
                show(digits[7 + index], centreX: digitCentre(50 + 7 * index), baseline: baseline, emMM: textEmModules * module, on: context)
            }
        case .upca:
            show(digits[0], centreX: bars.x - 4 * module, baseline: baseline, emMM: outerDigitEmModules * module, on: context)
            for index in 0..<5 {
                show(digits[1 + index], centreX: digitCentre(10 + 7 * index), baseline: baseline, emMM: textEmModules * module, on: context)
                show(digits[6 + index], centreX: digitCentre(50 + 7 * index), baseline: baseline, emMM: textEmModules * module, on: context)
            }
            show(digits[11], centreX: bars.maxX + 4 * module, baseline: baseline, emMM: outerDigitEmModules * module, on: context)
        case .gs1_128:
            show(content.humanReadable, centreX: bars.x + bars.width / 2, baseline: baseline, emMM: textEmModules * module,
                 fitWidth: block.width, on: context)
        case .gs1DataMatrix:
            break
        }
    }

    /// One line of text centred on `centreX` with its baseline at `baseline` (mm), shrunk to
    /// `fitWidth` when given and wider.
    private static func show(_ text: String, centreX: Double, baseline: Double, emMM: Double, fitWidth: Double? = nil,
                             on context: DrawingContext) {
        let layout = pango_layout_new(context.text.context)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        pango_layout_set_text(layout, text, -1)
        var width = apply(emMM: emMM, to: layout)
        if let fitWidth, width > fitWidth {
            width = apply(emMM: emMM * fitWidth / width, to: layout)
        }
        let above = Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE)
        cairo_move_to(context.cairo, centreX - width / 2, baseline - above)
        pango_cairo_show_layout(context.cairo, layout)
    }

    /// Sets the font at an em of `emMM` and returns the text's width in mm.
    private static func apply(emMM: Double, to layout: OpaquePointer) -> Double {
        // The text context's resolution makes one point 1/72 in: em in mm × 72 / 25.4.
        let sizePt = emMM * PixelGeometry.pointsPerInch / PixelGeometry.millimetresPerInch
        let description = TextContext.fontDescription(FontSpec(family: textFamily, sizePt: sizePt), sizePt: sizePt)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.width) / Double(PANGO_SCALE)
    }
}
