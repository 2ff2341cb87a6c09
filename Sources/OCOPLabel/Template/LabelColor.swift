/// A colour written `#RRGGBB` in templates.
public struct LabelColor: Sendable, Equatable, Hashable, Decodable, CustomStringConvertible {
    public var red: UInt8, green: UInt8, blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let black = LabelColor(0, 0, 0)
    public static let white = LabelColor(255, 255, 255)

    /// Reads `#RRGGBB` (either case); nil for anything else.
    public init?(hex text: String) {
        let digits = Array(text.utf8)
        guard digits.count == 7, digits[0] == UInt8(ascii: "#"),
              let value = UInt32(String(decoding: digits[1...], as: UTF8.self), radix: 16) else { return nil }
        self.init(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }

    /// True when red, green and blue are equal: such colours print on a gray-only device as they are.
    public var isGray: Bool { red == green && green == blue }

    public var description: String {
        "#" + [red, green, blue].map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// 0xRRGGBB, as cairo's RGB24 pixels hold it.
    var rgb24: UInt32 { UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue) }

    var components: (red: Double, green: Double, blue: Double) {
        (Double(red) / 255, Double(green) / 255, Double(blue) / 255)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let color = LabelColor(hex: text) else {
            throw TemplateDecodingFailure(
                codingPath: decoder.codingPath,
                reason: .invalidValue(key: decoder.codingPath.last?.stringValue ?? "color",
                                      rule: "\"\(text)\" is not a colour; write #RRGGBB, e.g. #C8102E")
            )
        }
        self = color
    }
}
