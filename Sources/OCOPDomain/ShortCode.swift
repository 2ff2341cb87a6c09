/// A code short enough to type by hand when a QR code cannot be scanned: 40 random bits as
/// 8 Crockford base-32 symbols plus one mod-37 check symbol, shown as `7Q2K-9XW3-M`.
///
/// The check symbol catches every single mistyped character and every swap of two neighbours;
/// the fixed length catches a dropped or doubled character.
public struct ShortCode: Hashable, Sendable, Comparable, CustomStringConvertible, StringCodable {
    public static let bitCount = 40
    public static let dataLength = 8
    private static let mask: UInt64 = (1 << 40) - 1

    /// The 40 bits of the code.
    public let bits: UInt64

    /// Keeps the low 40 bits of `bits`, so callers may pass any random `UInt64`.
    public init(bits: UInt64) {
        self.bits = bits & Self.mask
    }

    public init<Generator: RandomNumberGenerator>(using generator: inout Generator) {
        self.init(bits: generator.next())
    }

    /// Reads a typed code. Forgives case, hyphens, spaces and the I/L→1, O→0 confusions; rejects a
    /// wrong length, a character that is no base-32 symbol, and a check symbol that does not match.
    public init(parsing text: String) throws(DomainError) {
        let field = "short code"
        let kept = text.filter { $0 != "-" && !$0.isWhitespace }
        let characters = Array(kept)
        guard characters.count == Self.dataLength + 1 else {
            throw DomainError(
                field: field,
                rule: "has \(characters.count) characters; expected \(Self.dataLength + 1) "
                    + "(8 code characters and 1 check character, like 7Q2K-9XW3-M)"
            )
        }
        var value: UInt64 = 0
        for character in characters.prefix(Self.dataLength) {
            guard let symbol = CrockfordBase32.symbolValue(character) else {
                throw DomainError(field: field, rule: CrockfordBase32.badSymbolRule(character))
            }
            value = value << 5 | UInt64(symbol)
        }
        let typedCheck = characters[Self.dataLength]
        guard let checkValue = CrockfordBase32.checkSymbolValue(typedCheck) else {
            throw DomainError(
                field: field,
                rule: "check character \(ScalarDisplay.describe(typedCheck)) is not valid; "
                    + "the last character is 0-9, a letter other than I, L, O, or one of * ~ $ = U"
            )
        }
        guard UInt64(checkValue) == value % 37 else {
            throw DomainError(
                field: field,
                rule: "check character \(ScalarDisplay.describe(typedCheck)) does not match the code; "
                    + "a character was mistyped or two were swapped"
            )
        }
        bits = value
    }

    /// True when `text` was meant as a short code but was typed wrong: every character is a
    /// code symbol and the check character fails, or one character was dropped or doubled.
    /// Such input is a typing slip to correct, not a forgery.
    public static func looksMistyped(_ text: String) -> Bool {
        let kept = Array(text.filter { $0 != "-" && !$0.isWhitespace })
        guard (dataLength...dataLength + 2).contains(kept.count),
              kept.dropLast().allSatisfy({ CrockfordBase32.symbolValue($0) != nil }),
              let last = kept.last, CrockfordBase32.checkSymbolValue(last) != nil else { return false }
        return (try? ShortCode(parsing: text)) == nil
    }

    /// The 8 data symbols and the check symbol, without separators: `7Q2K9XW3M`.
    public var compact: String {
        CrockfordBase32.encode(bits, length: Self.dataLength) + String(checkCharacter)
    }

    /// Grouped for reading aloud and typing: `7Q2K-9XW3-M`.
    public var display: String {
        let symbols = Array(compact)
        return String(symbols[0..<4]) + "-" + String(symbols[4..<8]) + "-" + String(symbols[8])
    }

    public var checkCharacter: Character { CrockfordBase32.checkSymbol(for: bits) }

    public var description: String { display }

    public static func < (lhs: ShortCode, rhs: ShortCode) -> Bool { lhs.bits < rhs.bits }

    public init(codableText: String) throws(DomainError) { self = try ShortCode(parsing: codableText) }
    public var codableText: String { display }
}
