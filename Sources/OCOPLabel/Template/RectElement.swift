/// A rectangle, filled and/or outlined; with `corner_radius_mm` of half a square box it is a circle.
/// The outline lies inside the box, so a frame drawn on the label's own box is not cut at the edge.
public struct RectElement: Sendable, Equatable, Decodable {
    public var name: String?
    public var box: LabelBox
    public var fill: LabelColor?
    public var stroke: LabelColor?
    public var strokeWidthMM: Double
    public var cornerRadiusMM: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, name, box, fill, stroke, strokeWidthMM = "stroke_width_mm", cornerRadiusMM = "corner_radius_mm"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        box = try container.decode(LabelBox.self, forKey: .box)
        fill = try container.decodeIfPresent(LabelColor.self, forKey: .fill)
        stroke = try container.decodeIfPresent(LabelColor.self, forKey: .stroke)
        strokeWidthMM = try container.decodeNumberIfPresent(.strokeWidthMM, exclusive: true) ?? 0.25
        cornerRadiusMM = try container.decodeNumberIfPresent(.cornerRadiusMM) ?? 0
        if fill == nil && stroke == nil {
            throw container.invalid(.fill, "a rect needs fill, stroke or both")
        }
        if cornerRadiusMM > min(box.width, box.height) / 2 + 1e-9 {
            throw container.invalid(.cornerRadiusMM, "\(cornerRadiusMM) mm is more than half the box's shorter side")
        }
    }
}
