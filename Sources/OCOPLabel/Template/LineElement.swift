/// A straight line between two points, e.g. a rule between the product block and the batch block.
public struct LineElement: Sendable, Equatable, Decodable {
    public var name: String?
    public var from: LabelPoint
    public var to: LabelPoint
    public var color: LabelColor
    public var widthMM: Double

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, name, from, to, color, widthMM = "width_mm"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        from = try container.decode(LabelPoint.self, forKey: .from)
        to = try container.decode(LabelPoint.self, forKey: .to)
        color = try container.decodeIfPresent(LabelColor.self, forKey: .color) ?? .black
        widthMM = try container.decodeNumberIfPresent(.widthMM, exclusive: true) ?? 0.2
    }

    /// The box the line's ends span (zero width or height for straight rules).
    var span: LabelBox {
        LabelBox(x: min(from.x, to.x), y: min(from.y, to.y), width: abs(to.x - from.x), height: abs(to.y - from.y))
    }
}
