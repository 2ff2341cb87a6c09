/// GS1's size rules for one symbology: the X-dimension range, the least bar height for an
/// X-dimension, and the quiet zones.
///
/// Figures from the GS1 General Specifications, section 5.12.3 "GS1 symbol specification tables":
/// - EAN-13 and UPC-A: symbol specification table 1 (trade items scanned at general retail POS,
///   not in general distribution): X 0.264 mm minimum, 0.330 mm target, 0.660 mm maximum (80 % to
///   200 % magnification); bar height 18.28, 22.85 and 45.70 mm at those X-dimensions, i.e. at
///   least 22.85 mm × X / 0.330 mm (no truncation); quiet zones 11X left and 7X right for EAN-13,
///   9X each side for UPC-A.
/// - GS1-128: symbol specification table 2 (trade items scanned in general distribution only; the
///   symbology is not scanned at the checkout): X 0.495 mm minimum and target, 1.016 mm maximum;
///   bar height at least 31.75 mm; quiet zones 10X each side.
/// - GS1 DataMatrix: symbol specification table 1, 2D symbols at retail POS, which asks for 1.5
///   times the linear X-dimensions: 0.396 mm minimum, 0.495 mm target, 0.990 mm maximum; quiet
///   zone 1X on every side.
public struct GS1SymbolSpecification: Sendable, Equatable {
    public let symbology: GS1Symbology
    /// Which table of the General Specifications the figures come from, for messages.
    public let table: String
    public let minimumXMM: Double
    public let targetXMM: Double
    public let maximumXMM: Double
    /// Light modules before the first bar and after the last (every side for DataMatrix).
    public let leftQuietZoneModules: Int
    public let rightQuietZoneModules: Int

    public static func of(_ symbology: GS1Symbology) -> GS1SymbolSpecification {
        // (table, minimum, target and maximum X in mm, left and right quiet zone in X)
        let figures: (String, Double, Double, Double, Int, Int)
        switch symbology {
        case .ean13: figures = (retailTable, 0.264, 0.330, 0.660, 11, 7)
        case .upca: figures = (retailTable, 0.264, 0.330, 0.660, 9, 9)
        case .gs1_128: figures = (distributionTable, 0.495, 0.495, 1.016, 10, 10)
        case .gs1DataMatrix: figures = (retailTable, 0.396, 0.495, 0.990, 1, 1)
        }
        return GS1SymbolSpecification(symbology: symbology, table: figures.0, minimumXMM: figures.1, targetXMM: figures.2,
                                      maximumXMM: figures.3, leftQuietZoneModules: figures.4, rightQuietZoneModules: figures.5)
    }

    static let retailTable = "GS1 General Specifications, symbol specification table 1 (retail POS)"
    static let distributionTable = "GS1 General Specifications, symbol specification table 2 (general distribution)"

    /// True when `x` mm lies in the table's range (to a micrometre).
    public func allows(xMM x: Double) -> Bool {
        x >= minimumXMM - 1e-6 && x <= maximumXMM + 1e-6
    }

    /// The least bar height for bars of `x` mm, or nil for a matrix symbol (its height is its width).
    public func minimumBarHeightMM(xMM x: Double) -> Double? {
        switch symbology {
        case .ean13, .upca: return 22.85 * x / 0.330
        case .gs1_128: return 31.75
        case .gs1DataMatrix: return nil
        }
    }

    /// `0.264-0.660 mm (target 0.330)`.
    public var rangeText: String {
        "\(Self.millimetres(minimumXMM))-\(Self.millimetres(maximumXMM)) mm (target \(Self.millimetres(targetXMM)))"
    }

    private static func millimetres(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
