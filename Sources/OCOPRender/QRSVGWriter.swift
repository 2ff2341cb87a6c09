import OCOPQR

/// Writes a QR matrix as SVG for print shops: one unit per module, physical size from the DPI,
/// and the dark modules as a single path of horizontal runs (`M x y h n v 1 h -n z`).
public struct QRSVGWriter: Sendable {
    public let options: QRRenderOptions

    public init(options: QRRenderOptions) {
        self.options = options
    }

    public func svg(for matrix: QRMatrix) -> String {
        let side = matrix.size + 2 * options.margin
        let millimetres = Double(options.imageSide(forModules: matrix.size)) / options.dpi * 25.4
        let width = Self.format(millimetres)
        var path = ""
        for y in 0..<matrix.size {
            for run in matrix.darkRuns(inRow: y) {
                path += "M\(run.lowerBound + options.margin) \(y + options.margin)h\(run.count)v1h-\(run.count)z"
            }
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(width)mm" height="\(width)mm" \
        viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges">
        <rect width="\(side)" height="\(side)" fill="\(options.light.hex)"/>
        <path fill="\(options.dark.hex)" d="\(path)"/>
        </svg>

        """
    }

    /// Millimetres with at most three decimals and no trailing zeros.
    private static func format(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let whole = thousandths / 1000
        var fraction = String(thousandths % 1000)
        while fraction.count < 3 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? String(whole) : "\(whole).\(fraction)"
    }
}
