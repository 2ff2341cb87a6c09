/// A block of text filled from a Mustache template (`{{product.name}}`, `Lô: {{lot}}`).
///
/// The text is NFC-normalised and laid out by pango inside `box`: wrapped at word boundaries (inside
/// a word only when a word alone is wider than the box), at most `maxLines` lines. When it does
/// not fit, `shrinkToFit` lowers the size step by step down to the font's minimum; `ellipsize` ends
/// the last line with "…" only when the template asks for it. Otherwise overflow is an error,
/// because a label that silently loses a producer's address is worse than no label.
public struct TextElement: Sendable, Equatable, Decodable {
    public enum Alignment: String, Sendable, Decodable { case left, center, right }
    public enum VerticalAlignment: String, Sendable, Decodable { case top, middle, bottom }

    public var name: String?
    public var text: String
    public var font: FontSpec
    public var box: LabelBox
    public var align: Alignment
    public var verticalAlign: VerticalAlignment
    public var maxLines: Int
    public var shrinkToFit: Bool
    public var ellipsize: Bool
    public var color: LabelColor

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, name, text, font, box, align, verticalAlign = "valign", maxLines = "max_lines"
        case shrinkToFit = "shrink_to_fit", ellipsize, color
    }

    /// A text an element of another type draws (the hint and the digits of a `pin`).
    init(text: String, font: FontSpec, box: LabelBox, align: Alignment = .center, verticalAlign: VerticalAlignment = .middle,
         shrinkToFit: Bool = true) {
        self.text = text
        self.font = font
        self.box = box
        self.align = align
        self.verticalAlign = verticalAlign
        maxLines = 1
        self.shrinkToFit = shrinkToFit
        ellipsize = false
        color = .black
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        text = try container.decode(String.self, forKey: .text)
        font = try container.decode(FontSpec.self, forKey: .font)
        box = try container.decode(LabelBox.self, forKey: .box)
        align = try container.decodeIfPresent(Alignment.self, forKey: .align) ?? .left
        verticalAlign = try container.decodeIfPresent(VerticalAlignment.self, forKey: .verticalAlign) ?? .top
        maxLines = try container.decodeIfPresent(Int.self, forKey: .maxLines) ?? 1
        shrinkToFit = try container.decodeIfPresent(Bool.self, forKey: .shrinkToFit) ?? false
        ellipsize = try container.decodeIfPresent(Bool.self, forKey: .ellipsize) ?? false
        color = try container.decodeIfPresent(LabelColor.self, forKey: .color) ?? .black
        if !(1...50).contains(maxLines) { throw container.invalid(.maxLines, "\(maxLines) is outside 1-50") }
    }
}
