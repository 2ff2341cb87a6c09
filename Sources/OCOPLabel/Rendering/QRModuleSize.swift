import OCOPQR

/// The size of one QR module on the output, and where the symbol sits in its box.
///
/// In raster output a module is a whole number of pixels, so every module is an exact square and
/// nothing is resampled: `round(module_mm × dpi / 25.4)` pixels, raised until the module is at
/// least `min_module_mm` (never below what the template allows). The symbol with its quiet zone is
/// placed in the box as the element's alignment says and starts on a whole pixel. Vector output uses `module_mm` itself.
public struct QRModuleSize: Sendable, Equatable {
    /// Below this phones fail often: templates are refused.
    public static let refusedBelowMM = 0.25
    /// GS1's minimum X-dimension for codes scanned at a retail checkout: templates are warned.
    public static let retailMinimumMM = 0.396

    /// Pixels per module at `dpi` for `element`.
    public static func pixelsPerModule(_ element: QRElement, dpi: Double) -> Int {
        let perMM = PixelGeometry.pixelsPerMillimetre(dpi: dpi)
        var pixels = max(1, Int((element.moduleMM * perMM).rounded()))
        let floor = max(element.minModuleMM, refusedBelowMM)
        if Double(pixels) / perMM < floor - 1e-9 {
            pixels = Int((floor * perMM - 1e-9).rounded(.up))
        }
        return pixels
    }

    /// Modules across the symbol plus its quiet zone on both sides.
    public static func modulesWithQuietZone(symbolSize: Int) -> Int {
        symbolSize + 2 * QRElement.quietZoneModules
    }

    /// The symbol's side in pixels (with quiet zone) and its top-left corner on the raster.
    struct RasterPlacement: Equatable {
        let modulePixels: Int
        let side: Int
        let x: Int
        let y: Int
    }

    /// Where the symbol goes on a raster at `dpi`, or nil when it does not fit the box.
    static func raster(_ element: QRElement, symbolSize: Int, dpi: Double) -> RasterPlacement? {
        let perMM = PixelGeometry.pixelsPerMillimetre(dpi: dpi)
        let modulePixels = pixelsPerModule(element, dpi: dpi)
        let side = modulesWithQuietZone(symbolSize: symbolSize) * modulePixels
        let boxWidth = element.box.width * perMM, boxHeight = element.box.height * perMM
        // Half a pixel of slack: the box edges themselves fall between pixels.
        guard Double(side) <= boxWidth + 0.5, Double(side) <= boxHeight + 0.5 else { return nil }
        let origin = element.origin(side: Double(side), boxX: element.box.x * perMM, boxY: element.box.y * perMM,
                                    boxWidth: boxWidth, boxHeight: boxHeight)
        return RasterPlacement(modulePixels: modulePixels, side: side,
                               x: Int(origin.x.rounded()), y: Int(origin.y.rounded()))
    }

    /// The symbol's side in mm (with quiet zone) in vector output, and its top-left corner.
    static func vector(_ element: QRElement, symbolSize: Int) -> (side: Double, x: Double, y: Double)? {
        let side = Double(modulesWithQuietZone(symbolSize: symbolSize)) * element.moduleMM
        guard side <= element.box.width + 1e-6, side <= element.box.height + 1e-6 else { return nil }
        let origin = element.origin(side: side, boxX: element.box.x, boxY: element.box.y,
                                    boxWidth: element.box.width, boxHeight: element.box.height)
        return (side, origin.x, origin.y)
    }

    /// The matrix size of the longest payload `element` must carry: `bytes` of data that only
    /// byte mode can encode (lower-case letters and punctuation), the worst case for that length.
    static func worstCaseSymbolSize(bytes: Int, level: ErrorCorrection) throws(QREncodingError) -> Int {
        // No runs of digits or upper-case letters, which the encoder would pack tighter.
        try symbolSize(filler: "https://id.example.vn/abcdefghijklmnopqrstuvwxyz/?s=a-b_c.d~e", count: bytes, level: level)
    }

    /// The matrix size of the longest compact unit code (`CompactCode`) of `characters`, all in
    /// QR alphanumeric mode as an upper-case code is: no runs of digits, which numeric mode would
    /// pack tighter. A lot with lower-case letters costs more than this and is refused at
    /// rendering if its code then does not fit the box.
    static func worstCaseCompactSymbolSize(characters: Int, level: ErrorCorrection) throws(QREncodingError) -> Int {
        try symbolSize(filler: "HTTPS://ID.EXAMPLE.VN/ABCDEFGHIJKLMNOPQRSTUVWXYZ/-.:", count: characters, level: level)
    }

    private static func symbolSize(filler text: String, count: Int, level: ErrorCorrection) throws(QREncodingError) -> Int {
        let filler = Array(text.utf8)
        let payload = (0..<count).map { filler[$0 % filler.count] }
        return try QREncoder(errorCorrection: level).encode(bytes: payload).size
    }
}
