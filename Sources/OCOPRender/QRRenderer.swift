import OCOPPNG
import OCOPQR

/// File formats a QR code can be written in.
public enum QRFileFormat: String, Sendable, CaseIterable {
    case png
    case svg

    /// The format a file name implies, if its extension names one.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }
}

/// Renders QR matrices to PNG or SVG bytes and writes them atomically.
public struct QRRenderer: Sendable {
    public let options: QRRenderOptions
    private let encoder: PNGEncoder

    public init(options: QRRenderOptions) throws(RenderError) {
        try options.validate()
        self.options = options
        self.encoder = PNGEncoder(dpi: options.dpi, unfiltered: true)
    }

    public func png(for matrix: QRMatrix) throws(RenderError) -> [UInt8] {
        let image = QRRasterizer(options: options).image(for: matrix)
        do {
            return try encoder.encode(image)
        } catch {
            throw .encoding(error.description)
        }
    }

    public func svg(for matrix: QRMatrix) -> String {
        QRSVGWriter(options: options).svg(for: matrix)
    }

    public func data(for matrix: QRMatrix, format: QRFileFormat) throws(RenderError) -> [UInt8] {
        switch format {
        case .png: return try png(for: matrix)
        case .svg: return Array(svg(for: matrix).utf8)
        }
    }

    public func write(_ matrix: QRMatrix, format: QRFileFormat, to path: String) throws(RenderError) {
        try AtomicFile.write(try data(for: matrix, format: format), to: path)
    }
}
