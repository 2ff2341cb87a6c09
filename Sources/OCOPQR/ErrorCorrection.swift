/// QR error-correction level: how much of the symbol may be damaged and still read.
/// M suits printed labels; Q or H where a logo covers the middle.
public enum ErrorCorrection: String, CaseIterable, Sendable {
    case low = "L"
    case medium = "M"
    case quartile = "Q"
    case high = "H"

    /// Accepts the letter in either case, as users type it.
    public init?(letter: String) {
        self.init(rawValue: letter.uppercased())
    }

    /// Bytes a version-40 symbol holds in byte mode at this level (ISO/IEC 18004 table 7).
    public var byteModeCapacity: Int {
        switch self {
        case .low: return 2953
        case .medium: return 2331
        case .quartile: return 1663
        case .high: return 1273
        }
    }
}
