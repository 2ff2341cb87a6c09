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

    /// - Parameter compressionLevel: zlib level 0-9 for PNG; nil picks by measurement: level 4
    ///   with a small hash table for 1-bit and palette codes (same size as level 6, twice as fast),
    ///   libpng's default for 8-bit gray.
    public init(options: QRRenderOptions, compressionLevel: Int? = nil) throws(RenderError) {
        try options.validate()
        if let compressionLevel, !(0...9).contains(compressionLevel) {
            throw .invalidOption("zlib: \(compressionLevel) is out of range; use 0 (store) to 9 (smallest)")
        }
        self.options = options
        let bilevel = options.pixelFormat != .gray8
        self.encoder = PNGEncoder(dpi: options.dpi,
                                  compressionLevel: compressionLevel ?? (bilevel ? PNGEncoder.bilevelCompressionLevel : nil),
                                  unfiltered: true,
                                  memoryLevel: bilevel ? PNGEncoder.bilevelMemoryLevel : nil)
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
