/// A row of filled five-pointed stars, as many as a data field says (the OCOP rating: 3, 4 or 5).
///
/// Star size does not depend on the count: it is the box height, or less when five stars and
/// their gaps would not fit the width, so a 3-star and a 5-star stamp show stars of one size.
public struct StarsElement: Sendable, Equatable, Decodable {
    public static let maximumCount = 5

    public var name: String?
    /// The field holding the count; `rating.stars` by default.
    public var field: String
    public var box: LabelBox
    public var color: LabelColor
    public var gapMM: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, name, field, box, color, gapMM = "gap_mm"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        field = try container.decodeIfPresent(String.self, forKey: .field) ?? "rating.stars"
        box = try container.decode(LabelBox.self, forKey: .box)
        color = try container.decodeIfPresent(LabelColor.self, forKey: .color) ?? .black
        gapMM = try container.decodeNumberIfPresent(.gapMM) ?? 0.5
    }

    /// Diameter of each star's circumscribed circle.
    var starDiameter: Double {
        let count = Double(Self.maximumCount)
        return max(0, min(box.height, (box.width - gapMM * (count - 1)) / count))
    }
}
