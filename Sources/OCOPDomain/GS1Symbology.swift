/// The GS1 barcodes a label can carry beside its Digital Link QR code.
public enum GS1Symbology: String, Sendable, CaseIterable, Equatable {
    /// EAN-13: the GTIN-13 of a consumer unit, scanned at the checkout.
    case ean13
    /// UPC-A: a GTIN-12 (a GTIN-14 with two leading zeros), scanned at North American checkouts.
    case upca
    /// GS1-128: GTIN, expiry date and lot as GS1 element strings, for cartons in distribution.
    case gs1_128
    /// GS1 DataMatrix: the same element strings in a square 2D symbol.
    case gs1DataMatrix = "gs1_datamatrix"

    /// The name GS1 uses, for messages and documentation.
    public var displayName: String {
        switch self {
        case .ean13: return "EAN-13"
        case .upca: return "UPC-A"
        case .gs1_128: return "GS1-128"
        case .gs1DataMatrix: return "GS1 DataMatrix"
        }
    }

    /// Bars (one row of modules) rather than a matrix of square modules.
    public var isLinear: Bool { self != .gs1DataMatrix }

    /// EAN-13 and UPC-A carry only a GTIN; the others carry GS1 element strings.
    public var carriesElementStrings: Bool { self == .gs1_128 || self == .gs1DataMatrix }
}
