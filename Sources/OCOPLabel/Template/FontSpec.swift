/// The font of a text element: a fontconfig family name, a size in points and a weight.
public struct FontSpec: Sendable, Equatable, Decodable {
    public enum Weight: String, Sendable, CaseIterable, Decodable {
        case normal, bold
    }

    /// The default family: Debian's fonts-dejavu-core has every Vietnamese letter precomposed.
    public static let defaultFamily = "DejaVu Sans"

    public var family: String
    public var sizePt: Double
    /// The smallest size shrink-to-fit may go to; nil means 6 pt or `sizePt` if that is smaller.
    public var minSizePt: Double?
    public var weight: Weight

    public init(family: String = FontSpec.defaultFamily, sizePt: Double, minSizePt: Double? = nil, weight: Weight = .normal) {
        self.family = family
        self.sizePt = sizePt
        self.minSizePt = minSizePt
        self.weight = weight
    }

    /// Below about 6 pt label text stops being readable, so shrinking stops there unless asked otherwise.
    public var shrinkFloorPt: Double { minSizePt ?? min(sizePt, 6) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case family, sizePt = "size_pt", minSizePt = "min_size_pt", weight
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        family = try container.decodeIfPresent(String.self, forKey: .family) ?? Self.defaultFamily
        sizePt = try container.decodeNumber(.sizePt, exclusive: true)
        minSizePt = try container.decodeNumberIfPresent(.minSizePt, exclusive: true)
        weight = try container.decodeIfPresent(Weight.self, forKey: .weight) ?? .normal
        if family.isEmpty { throw container.invalid(.family, "must name a font family, e.g. \"DejaVu Sans\"") }
        if sizePt > 200 { throw container.invalid(.sizePt, "\(sizePt) pt is no label text size; use at most 200") }
        if let minSizePt, minSizePt > sizePt {
            throw container.invalid(.minSizePt, "\(minSizePt) pt is above size_pt \(sizePt) pt")
        }
    }
}
