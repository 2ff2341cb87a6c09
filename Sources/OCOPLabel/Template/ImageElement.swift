/// A PNG picture (a producer's logo), scaled to fit `box` with its aspect ratio kept and centred.
public struct ImageElement: Sendable, Equatable, Decodable {
    public var name: String?
    /// Relative to the folder of the template file (or absolute).
    public var path: String
    public var box: LabelBox

    enum CodingKeys: String, CodingKey, CaseIterable { case type, name, path, box }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        path = try container.decode(String.self, forKey: .path)
        box = try container.decode(LabelBox.self, forKey: .box)
        if path.isEmpty { throw container.invalid(.path, "must name a PNG file") }
    }
}
