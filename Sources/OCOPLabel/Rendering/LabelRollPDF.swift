import CCairo

/// One PDF with a page per label, each page the label's true size: what the CUPS drivers of
/// label printers take (they print page after page onto the roll). The bytes go to `write` as
/// cairo produces them, so a 100,000-label roll never sits in memory.
///
/// ```swift
/// let roll = try LabelRollPDF(renderer, write: { bytes in file.append(bytes) })
/// for unit in units { try roll.add(batch.with(unit: unit)) }
/// try roll.finish()
/// ```
public final class LabelRollPDF {
    private let renderer: LabelRenderer
    private let document: VectorDocument
    private let context: DrawingContext
    public private(set) var pages = 0

    /// - Parameter write: receives the PDF's bytes in order; returning false stops the document.
    public init(_ renderer: LabelRenderer, write: @escaping ([UInt8]) -> Bool) throws(LabelError) {
        self.renderer = renderer
        let size = renderer.template.template.size
        document = try VectorDocument(format: .pdf, widthMM: size.width, heightMM: size.height,
                                      title: renderer.template.name, forward: write)
        context = try DrawingContext(surface: document.surface, unitsPerMM: document.unitsPerMM)
    }

    /// Draws one label on a page of its own.
    public func add(_ data: LabelData) throws(LabelError) {
        try renderer.drawVector(data, context: context, x: 0, y: 0)
        cairo_show_page(context.cairo)
        try context.check("drawing page \(pages + 1) of \(renderer.template.name)")
        pages += 1
    }

    /// Ends the document; its last bytes go to `write`.
    public func finish() throws(LabelError) {
        _ = try document.finish()
    }
}
