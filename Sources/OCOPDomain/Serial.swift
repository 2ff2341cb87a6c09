/// The serial (AI 21) this tool gives each unit: 64 random bits as 13 Crockford base-32 symbols,
/// e.g. `0K3M9ZP4QW7XT`.
///
/// 64 bits make a guessed serial practically never hit a real one, so copying a label is the only
/// way to fake one; the signature and the "already sold" check deal with copies. The text is
/// upper-case canonical because AI 21 values compare byte for byte: `0k3m…` is another serial.
public struct Serial: Hashable, Sendable, Comparable, CustomStringConvertible, StringCodable {
    public static let length = 13

    /// The 64 bits the serial encodes.
    public let bits: UInt64

    public init(bits: UInt64) {
        self.bits = bits
    }

    /// Draws the bits from `generator`; pass `SystemRandomNumberGenerator` in production and a
    /// seeded generator in tests.
    public init<Generator: RandomNumberGenerator>(using generator: inout Generator) {
        self.init(bits: generator.next())
    }

    /// Reads a serial as printed in a code: exactly 13 upper-case symbols, no forgiveness, because a
    /// machine-read serial that differs in any byte is not the serial that was issued.
    public init(parsing text: String) throws(DomainError) {
        let characters = Array(text)
        guard characters.count == Self.length else {
            throw DomainError(field: "serial", rule: "has \(characters.count) characters; this tool's serials have \(Self.length)")
        }
        var value: UInt64 = 0
        for character in characters {
            guard let symbol = CrockfordBase32.alphabet.firstIndex(of: character) else {
                let shown = ScalarDisplay.describe(character)
                throw DomainError(
                    field: "serial",
                    rule: "character \(shown) is not an upper-case Crockford base-32 digit (0-9, A-Z without I, L, O, U)"
                )
            }
            // 13 symbols hold 65 bits; the first may only carry 4 of them.
            guard value >> 59 == 0 else {
                throw DomainError(field: "serial", rule: "first character must be 0-9 or A-F (64 bits)")
            }
            value = value << 5 | UInt64(symbol)
        }
        bits = value
    }

    /// The 13-symbol text that goes into `/21/…`.
    public var text: String { CrockfordBase32.encode(bits, length: Self.length) }

    public var description: String { text }

    public static func < (lhs: Serial, rhs: Serial) -> Bool { lhs.bits < rhs.bits }

    public init(codableText: String) throws(DomainError) { self = try Serial(parsing: codableText) }
    public var codableText: String { text }
}
