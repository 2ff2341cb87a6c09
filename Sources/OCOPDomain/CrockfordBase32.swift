/// Douglas Crockford's base-32: digits and upper-case letters without I, L, O and U, so a code
/// read aloud or typed from a label survives the usual confusions.
///
/// Numbers are written most significant symbol first, like decimal digits. Decoding forgives what
/// people do when typing: any case, `I`/`L` for one, `O` for zero, hyphens between groups.
public enum CrockfordBase32 {
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// The 37 check symbols: the 32 digits, then `*~$=U` for values 32…36.
    public static let checkAlphabet: [Character] = alphabet + Array("*~$=U")

    /// Symbols needed for `bitCount` bits (5 bits each).
    public static func length(forBits bitCount: Int) -> Int { (bitCount + 4) / 5 }

    /// Writes `value` in `length` symbols, left-padded with `0`.
    /// - Precondition: `value` fits in `length` symbols.
    public static func encode(_ value: UInt64, length: Int) -> String {
        precondition(length >= 1 && length <= 13, "a UInt64 takes 1 to 13 base-32 symbols")
        precondition(length == 13 || value >> UInt64(5 * length) == 0, "value does not fit in \(length) symbols")
        var symbols = [Character](repeating: "0", count: length)
        var rest = value
        for index in symbols.indices.reversed() {
            symbols[index] = alphabet[Int(rest & 31)]
            rest >>= 5
        }
        return String(symbols)
    }

    /// Reads a number written in Crockford base-32, forgiving case, I/L/O and hyphens.
    /// `field` names the value in errors.
    public static func decode(_ text: String, field: String) throws(DomainError) -> UInt64 {
        var value: UInt64 = 0
        var symbolCount = 0
        for character in text where character != "-" {
            guard let symbol = symbolValue(character) else {
                throw DomainError(field: field, rule: badSymbolRule(character))
            }
            guard value >> 59 == 0 else {
                throw DomainError(field: field, rule: "is too large for 64 bits")
            }
            value = value << 5 | UInt64(symbol)
            symbolCount += 1
        }
        guard symbolCount > 0 else { throw DomainError(field: field, rule: "must not be empty") }
        return value
    }

    /// The value of one data symbol (0…31), applying Crockford's decoding forgiveness; nil when the
    /// character is not a base-32 symbol at all.
    public static func symbolValue(_ character: Character) -> Int? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return Int(ascii - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            return symbolValue(Character(Unicode.Scalar(ascii - 32)))
        case UInt8(ascii: "I"), UInt8(ascii: "L"):
            return 1
        case UInt8(ascii: "O"):
            return 0
        default:
            return alphabet.firstIndex(of: character)
        }
    }

    /// Crockford's check symbol: the value modulo 37, written from `checkAlphabet`. 37 is prime and
    /// above 32, so any single wrong symbol and any swap of two neighbours changes it.
    public static func checkSymbol(for value: UInt64) -> Character {
        checkAlphabet[Int(value % 37)]
    }

    /// The value (0…36) of a check symbol, with the same forgiveness as data symbols.
    public static func checkSymbolValue(_ character: Character) -> Int? {
        switch character {
        case "*": return 32
        case "~": return 33
        case "$": return 34
        case "=": return 35
        case "U", "u": return 36
        default: return symbolValue(character)
        }
    }

    static func badSymbolRule(_ character: Character) -> String {
        let shown = ScalarDisplay.describe(character)
        if character == "U" || character == "u" {
            return "character \(shown) is not a base-32 digit (U is only a check character)"
        }
        return "character \(shown) is not a base-32 digit; use 0-9 and letters other than I, L, O and U"
    }
}
