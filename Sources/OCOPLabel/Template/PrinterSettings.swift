/// The `printer` section of a label template: the roll a thermal printer holds and how dark it
/// burns. Everything is optional; without the section a label prints on stock of its own size.
///
/// ```json
/// "printer": { "label_mm": { "width": 50, "height": 30 }, "gap_mm": 2, "darkness_percent": 50 }
/// ```
public struct PrinterSettings: Sendable, Equatable, Decodable {
    /// The gap between die-cut labels on common rolls.
    public static let defaultGapMM = 2.0
    /// The middle of both scales: ZPL `~SD15` of 0-30 and TSPL `DENSITY 8` of 0-15, the factory
    /// setting of most TSC and Xprinter models.
    public static let defaultDarknessPercent = 50
    /// Gaps above this are a typo (die-cut rolls have 2-3 mm; continuous stock has 0).
    public static let largestGapMM = 20.0

    /// The label on the roll, when larger than the design (the design is centred on it); nil
    /// means the design's own size.
    public var labelSize: LabelSize?
    /// The gap between labels; 0 means continuous stock (no gap to detect).
    public var gapMM: Double
    /// How dark the head burns, 0-100 % of the printer's range.
    public var darknessPercent: Int

    public init(labelSize: LabelSize? = nil, gapMM: Double = defaultGapMM, darknessPercent: Int = defaultDarknessPercent) {
        self.labelSize = labelSize
        self.gapMM = gapMM
        self.darknessPercent = darknessPercent
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case labelSize = "label_mm", gapMM = "gap_mm", darknessPercent = "darkness_percent"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        labelSize = try container.decodeIfPresent(LabelSize.self, forKey: .labelSize)
        if let labelSize, max(labelSize.width, labelSize.height) > TemplateValidator.maximumLabelSideMM {
            throw container.invalid(.labelSize, "a side over \(MillimetreText.format(TemplateValidator.maximumLabelSideMM)) mm is no label roll")
        }
        gapMM = try container.decodeNumberIfPresent(.gapMM) ?? Self.defaultGapMM
        if gapMM > Self.largestGapMM {
            throw container.invalid(.gapMM, "\(MillimetreText.format(gapMM)) mm is more than the \(MillimetreText.format(Self.largestGapMM)) mm a gap between labels may be")
        }
        darknessPercent = try container.decodeIfPresent(Int.self, forKey: .darknessPercent) ?? Self.defaultDarknessPercent
        if !(0...100).contains(darknessPercent) {
            throw container.invalid(.darknessPercent, "\(darknessPercent) is outside 0-100 (per cent of the printer's darkness range)")
        }
    }

    /// ZPL `~SD`: 0-30.
    public var zplDarkness: Int { (darknessPercent * 30 + 50) / 100 }
    /// TSPL `DENSITY`: 0-15.
    public var tsplDensity: Int { (darknessPercent * 15 + 50) / 100 }
}
