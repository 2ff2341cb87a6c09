import CCairo

/// A PDF or SVG document drawn by cairo into memory, page size in true physical units.
final class VectorDocument {
    enum Format { case pdf, svg }

    /// Fixed creation date written into PDFs: cairo would write the current time, and the same
    /// label must give the same bytes every time.
    static let pdfCreationDate = "2000-01-01T00:00:00Z"

    /// Collects the bytes cairo writes, or hands them on as they come. The surface keeps it alive
    /// (as user data) for as long as cairo may write: a cairo context drawing on the surface keeps
    /// the surface, and so its last writes, past the document's own life.
    private final class Sink {
        var bytes: [UInt8] = []
        let forward: (([UInt8]) -> Bool)?
        /// Set when the document is gone unfinished (an error stopped it): later writes are refused.
        var isClosed = false

        init(forward: (([UInt8]) -> Bool)?) {
            self.forward = forward
        }
    }

    private let sink: Sink
    let surface: OpaquePointer
    /// User units per mm on this surface: points for PDF, millimetres for SVG.
    let unitsPerMM: Double

    /// - Parameter forward: receives the document's bytes as cairo writes them (returning false
    ///   fails the document); nil keeps them for `finish()` to return.
    init(format: Format, widthMM: Double, heightMM: Double, title: String,
         forward: (([UInt8]) -> Bool)? = nil) throws(LabelError) {
        sink = Sink(forward: forward)
        let closure = Unmanaged.passRetained(sink).toOpaque()
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<VectorDocument.Sink>.fromOpaque(closure).takeUnretainedValue()
            if sink.isClosed { return CAIRO_STATUS_WRITE_ERROR }
            if let forward = sink.forward {
                return forward(Array(UnsafeBufferPointer(start: data, count: Int(length)))) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
            }
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        switch format {
        case .pdf:
            // PDF pages are measured in points (1/72 in): mm × 72 / 25.4.
            surface = cairo_pdf_surface_create_for_stream(
                write, closure, PixelGeometry.points(widthMM), PixelGeometry.points(heightMM))
            unitsPerMM = PixelGeometry.points(1)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ocop-trace")
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, Self.pdfCreationDate)
        case .svg:
            // With the document unit set to mm, width="50mm" and one user unit is one millimetre.
            surface = cairo_svg_surface_create_for_stream(write, closure, widthMM, heightMM)
            cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_MM)
            unitsPerMM = 1
        }
        // Released when cairo destroys the surface, after its last write.
        cairo_surface_set_user_data(surface, &Self.sinkKey, closure) { closure in
            if let closure { Unmanaged<VectorDocument.Sink>.fromOpaque(closure).release() }
        }
        try CairoStatus.check(surface: surface, format == .pdf ? "cairo_pdf_surface_create" : "cairo_svg_surface_create")
    }

    /// The key of the sink in the surface's user data; only its address matters.
    nonisolated(unsafe) private static var sinkKey = cairo_user_data_key_t()

    deinit {
        sink.isClosed = true
        cairo_surface_destroy(surface)
    }

    /// Ends the document and returns its bytes.
    func finish() throws(LabelError) -> [UInt8] {
        cairo_surface_finish(surface)
        try CairoStatus.check(surface: surface, "finishing the document")
        return sink.bytes
    }
}
