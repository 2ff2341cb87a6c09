/// The unit's scratch-off PIN (`batch issue --pins`), in a box sized for the silver sticker that
/// covers it: a thin frame, a hint line ("Cào lớp bạc / Scratch here") at its top and the 8
/// digits, grouped 4 + 4, below. The PIN comes from the codes file (`label render --codes`),
/// never from the store, which keeps only its hash.
public struct PinElement: Sendable, Equatable, Decodable {
    public static let defaultHint = "Cào lớp bạc / Scratch here"

    public var name: String?
    public var box: LabelBox
    /// The digits' font; the hint is drawn at 45 % of its size.
    public var font: FontSpec
    public var hint: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, name, box, font, hint
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        box = try container.decode(LabelBox.self, forKey: .box)
        font = try container.decodeIfPresent(FontSpec.self, forKey: .font)
            ?? FontSpec(family: "DejaVu Sans Mono", sizePt: 9, minSizePt: 6, weight: .bold)
        hint = try container.decodeIfPresent(String.self, forKey: .hint) ?? Self.defaultHint
        // A sticker smaller than this does not cover 8 digits a person can read.
        if box.width < 12 || box.height < 5 {
            throw container.invalid(.box, "\(box.width) × \(box.height) mm is smaller than a scratch-off sticker for 8 digits (12 × 5 mm)")
        }
    }

    /// The hint, along the top 40 % of the box.
    var hintText: TextElement {
        TextElement(text: hint, font: FontSpec(family: "DejaVu Sans", sizePt: font.sizePt * 0.45, minSizePt: 3),
                    box: LabelBox(x: box.x + 0.4, y: box.y + 0.2, width: box.width - 0.8, height: box.height * 0.4 - 0.2))
    }

    /// The digits, in the rest of the box.
    var digitsText: TextElement {
        TextElement(text: "", font: font,
                    box: LabelBox(x: box.x + 0.4, y: box.y + box.height * 0.4, width: box.width - 0.8, height: box.height * 0.6 - 0.2))
    }

    /// `12345678` as printed: `1234 5678`.
    static func printed(_ pin: String) -> String {
        pin.count == 8 ? String(pin.prefix(4)) + " " + String(pin.suffix(4)) : pin
    }
}
