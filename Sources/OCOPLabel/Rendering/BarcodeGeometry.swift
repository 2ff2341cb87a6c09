import OCOPBarcode
import OCOPDomain

/// Where a barcode's modules, quiet zones and human-readable text go, in mm on the label.
///
/// Vector output uses the template's `x_dimension_mm`. Raster output (`dpi` given) makes a
/// module a whole number of pixels: `round(x_dimension_mm × dpi / 25.4)`, raised while it is
/// under GS1's minimum X-dimension for the symbology; the block starts on a whole pixel and the
/// bar height is whole pixels, so every bar edge is a pixel edge (thermal: a dot edge).
///
/// A linear block is the left quiet zone, the bars and the right quiet zone across, and the bars
/// over `BarcodeElement.textBandModules` X of human-readable text down (EAN-13 and UPC-A guard
/// bars reach 5 X into that band, between the digits). A GS1 DataMatrix block is its modules with a 1 X quiet zone
/// on every side.
struct BarcodeGeometry: Equatable {
    let element: BarcodeElement
    let columns: Int
    let rows: Int
    /// The X-dimension drawn, mm.
    let moduleMM: Double
    /// The bars' height (linear symbols), or the matrix height without quiet zone, mm.
    let barHeightMM: Double
    let originX: Double
    let originY: Double
    let widthMM: Double
    let heightMM: Double
    let specification: GS1SymbolSpecification

    /// Whole pixels per module at `dpi` for `element`.
    static func pixelsPerModule(_ element: BarcodeElement, dpi: Double) -> Int {
        let perMM = PixelGeometry.pixelsPerMillimetre(dpi: dpi)
        let minimum = GS1SymbolSpecification.of(element.symbology).minimumXMM
        var pixels = max(1, Int((element.xDimensionMM * perMM).rounded()))
        while Double(pixels) / perMM < minimum - 1e-9 && element.xDimensionMM >= minimum - 1e-9 { pixels += 1 }
        return pixels
    }

    /// The block of a `columns` × `rows` symbol in `element`'s box, at `dpi` (nil: vector).
    init(_ element: BarcodeElement, columns: Int, rows: Int, dpi: Double?) {
        self.element = element
        self.columns = columns
        self.rows = rows
        let specification = GS1SymbolSpecification.of(element.symbology)
        self.specification = specification
        let perMM = dpi.map(PixelGeometry.pixelsPerMillimetre(dpi:))
        // Snaps a length to whole pixels in raster output.
        let snap = { (mm: Double) -> Double in perMM.map { (mm * $0).rounded() / $0 } ?? mm }
        let module = dpi.map { Double(Self.pixelsPerModule(element, dpi: $0)) / PixelGeometry.pixelsPerMillimetre(dpi: $0) }
            ?? element.xDimensionMM
        moduleMM = module
        let quietColumns = specification.leftQuietZoneModules + specification.rightQuietZoneModules
        widthMM = Double(columns + quietColumns) * module
        if element.symbology.isLinear {
            let band = element.humanReadable ? Double(BarcodeElement.textBandModules(element.symbology)) * module : 0
            barHeightMM = snap(element.barHeightMM ?? max(0, element.box.height - band))
            heightMM = barHeightMM + band
        } else {
            barHeightMM = Double(rows) * module
            heightMM = Double(rows + 2 * specification.leftQuietZoneModules) * module
        }
        let origin = element.origin(width: widthMM, height: heightMM)
        originX = snap(origin.x)
        originY = snap(origin.y)
    }

    /// Whether the block fits the box (with half a pixel of slack in raster output, as for QR codes).
    func fits(dpi: Double?) -> Bool {
        let slack = dpi.map { 0.5 / PixelGeometry.pixelsPerMillimetre(dpi: $0) } ?? 1e-6
        return widthMM <= element.box.width + slack && heightMM <= element.box.height + slack
    }

    /// The block, quiet zones and text included.
    var block: LabelBox { LabelBox(x: originX, y: originY, width: widthMM, height: heightMM) }

    /// The bars (or the matrix) without quiet zones or text.
    var symbolBox: LabelBox {
        let quiet = Double(specification.leftQuietZoneModules) * moduleMM
        let top = element.symbology.isLinear ? originY : originY + quiet
        return LabelBox(x: originX + quiet, y: top, width: Double(columns) * moduleMM, height: barHeightMM)
    }

    /// `"EAN-13 of 95 modules at 0.339 mm (4 px at 300 dpi) with 11 + 7 quiet-zone modules: 38.3 × 26.9 mm"`.
    func describe(dpi: Double?) -> String {
        let mm = MillimetreText.format
        let pixels = dpi.map { " (\(Self.pixelsPerModule(element, dpi: $0)) px at \(Int($0)) dpi)" } ?? ""
        let across = element.symbology.isLinear ? "\(columns) modules" : "\(columns) × \(rows) modules"
        let module = (moduleMM * 1000).rounded() / 1000
        return "the \(element.symbology.displayName) of \(across) at \(module) mm\(pixels) with "
            + "\(specification.leftQuietZoneModules) + \(specification.rightQuietZoneModules) quiet-zone modules "
            + "is \(mm(widthMM)) × \(mm(heightMM)) mm"
    }

    /// EAN-13 and UPC-A modules whose bars are guard bars, drawn 5 X longer: the start, centre
    /// and end guards, and for UPC-A also the first and last digits' bars.
    var guardModules: Set<Int> {
        switch element.symbology {
        case .ean13: return Set(Array(0...2) + Array(45...49) + Array(92...94))
        case .upca: return Set(Array(0...9) + Array(45...49) + Array(85...94))
        case .gs1_128, .gs1DataMatrix: return []
        }
    }
}

extension BarcodeElement {
    /// Where a block of `width` × `height` starts in the box, per `align` and `valign`.
    func origin(width: Double, height: Double) -> (x: Double, y: Double) {
        BoxAlignment.origin(width: width, height: height, boxX: box.x, boxY: box.y, boxWidth: box.width, boxHeight: box.height,
                            align: align, verticalAlign: verticalAlign)
    }
}
