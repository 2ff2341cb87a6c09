import CCairo

/// Renders one label template at one resolution: PNG, PDF or SVG.
///
/// ```swift
/// let template = try TemplateLibrary(folder: templates).label(named: "product-label-50x30")
/// let renderer = try LabelRenderer(template, dpi: 300)
/// let batch = try renderer.prepare(batchData)          // static part drawn once
/// for unit in units { try write(batch.png(unit: unit)) } // per unit: QR + short code only
/// ```
///
/// Raster output follows `PixelGeometry`'s dimensions rule (pixels = round(mm × dpi / 25.4),
/// pHYs = dpi) and is 8-bit gray when the template uses only grays, else palette or RGB. QR
/// modules are whole pixels (`QRModuleSize`). PDF pages measure the template's size in points
/// (mm × 72 / 25.4) and draw everything as vectors, QR modules as exact squares of `module_mm`.
///
/// Elements that use per-unit fields (`serial`, `short_code`, `unit_uri`) are drawn after all the
/// others, in every format, so the static part can be drawn once per batch.
///
/// Thread safety: a renderer and a `PreparedLabel` are immutable values; every call makes its own
/// cairo surface, cairo context and pango context, and pango's font map is per thread. Render from
/// as many threads as there are cores.
public struct LabelRenderer: Sendable {
    public let template: LoadedLabelTemplate
    public let dpi: Double
    /// Anti-aliased for PNG; bilevel for thermal printers (raster output only: vectors stay vectors).
    public let rasterization: Rasterization
    let plan: RenderPlan

    /// - Parameter dpi: nil for the template's default; below the template's minimum is refused.
    public init(_ template: LoadedLabelTemplate, dpi: Double? = nil, rasterization: Rasterization = .antialiased) throws(LabelError) {
        let chosen = dpi ?? template.template.dpi.default
        guard chosen.isFinite, chosen <= 2400 else {
            throw .resolution(template: template.name, detail: "\(chosen) dpi is out of range (up to 2400)")
        }
        guard chosen >= template.template.dpi.minimum else {
            throw .resolution(template: template.name, detail:
                "\(chosen) dpi is below the template's minimum of \(template.template.dpi.minimum) dpi "
                    + "(its QR code and smallest text were checked from there up)")
        }
        self.template = template
        self.dpi = chosen
        self.rasterization = rasterization
        plan = try RenderPlan(template)
    }

    /// Image size in pixels: round(mm × dpi / 25.4) each way.
    public var pixelWidth: Int { PixelGeometry.pixels(template.template.size.width, dpi: dpi) }
    public var pixelHeight: Int { PixelGeometry.pixels(template.template.size.height, dpi: dpi) }

    /// Draws everything that does not depend on the unit, once for a batch (or a stamp).
    public func prepare(_ data: LabelData) throws(LabelError) -> PreparedLabel {
        let canvas = try RasterCanvas(width: pixelWidth, height: pixelHeight)
        let context = try DrawingContext(surface: canvas.surface, unitsPerMM: PixelGeometry.pixelsPerMillimetre(dpi: dpi),
                                         rasterization: rasterization)
        let painter = ElementPainter(plan: plan, context: context, target: .raster(canvas, dpi: dpi))
        painter.paintBackground()
        try painter.draw(plan.staticElements, data: data.batchPart)
        return PreparedLabel(renderer: self, batch: data.batchPart, staticPixels: canvas.snapshot())
    }

    /// One label as PNG (prepare + render; use `prepare` for many units of a batch).
    public func png(_ data: LabelData) throws(LabelError) -> [UInt8] {
        try prepare(data).png(unit: data.unit)
    }

    public func raster(_ data: LabelData) throws(LabelError) -> LabelRaster {
        try prepare(data).raster(unit: data.unit)
    }

    /// One label as a one-page PDF of the template's true size.
    public func pdf(_ data: LabelData) throws(LabelError) -> [UInt8] {
        let size = template.template.size
        let document = try VectorDocument(format: .pdf, widthMM: size.width, heightMM: size.height, title: template.name)
        try drawVector(data, on: document)
        return try document.finish()
    }

    /// One label as SVG, width and height in mm.
    public func svg(_ data: LabelData) throws(LabelError) -> [UInt8] {
        let size = template.template.size
        let document = try VectorDocument(format: .svg, widthMM: size.width, heightMM: size.height, title: template.name)
        try drawVector(data, on: document)
        return SVGIdentifiers.normalise(try document.finish())
    }

    /// Draws the whole label on a one-label vector document.
    func drawVector(_ data: LabelData, on document: VectorDocument) throws(LabelError) {
        let context = try DrawingContext(surface: document.surface, unitsPerMM: document.unitsPerMM)
        try drawVector(data, context: context, x: 0, y: 0)
    }

    /// Draws the whole label with its top-left corner at (`x`, `y`) mm of a vector page.
    func drawVector(_ data: LabelData, context: DrawingContext, x: Double, y: Double) throws(LabelError) {
        // Save and restore keep the translation and the shape clip local to this label.
        cairo_save(context.cairo)
        defer { cairo_restore(context.cairo) }
        cairo_translate(context.cairo, x, y)
        let painter = ElementPainter(plan: plan, context: context, target: .vector)
        painter.paintBackground()
        try painter.draw(plan.staticElements, data: data)
        try painter.draw(plan.perUnitElements, data: data)
    }

    /// How each text element lays out with `data`, as pango measures it at this renderer's dpi:
    /// font size after shrinking, lines, extent, unknown glyphs, whether it fits.
    public func textMeasurements(_ data: LabelData) throws(LabelError) -> [(element: ElementRef, measurement: TextMeasurement)] {
        let probe = try TextProbe(dpi: dpi)
        return plan.texts.keys.sorted().compactMap { index in
            guard case let .text(text) = template.template.elements[index] else { return nil }
            return (plan.reference(index), probe.measure(plan.texts[index]!.fill(data), element: text))
        }
    }
}
