/// The character rules GS1 sets for lot (AI 10) and serial (AI 21) values, and the
/// percent-encoding that carries them in a Digital Link URI path.
public enum GS1Characters {
    /// GS1 "CSET 82": the printable ASCII subset allowed in alphanumeric AIs. Space, `#`, `$`,
    /// `@`, brackets, `\`, `^`, `` ` ``, braces, `|` and `~` are not in it.
    public static let cset82Punctuation = "!\"%&'()*+,-./:;<=>?_"

    /// The most characters a lot or a serial may have.
    public static let maximumLength = 20

    public static func isCSET82(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9": return true
        default: return cset82Punctuation.unicodeScalars.contains(scalar)
        }
    }

    /// Checks a lot number (AI 10): 1…20 CSET 82 characters.
    public static func validateLot(_ value: String) throws(DomainError) {
        try validate(value, field: "lot")
    }

    /// Checks a serial number (AI 21): 1…20 CSET 82 characters.
    public static func validateSerial(_ value: String) throws(DomainError) {
        try validate(value, field: "serial")
    }

    /// Checks any CSET 82 value; `field` names it in the error.
    public static func validate(_ value: String, field: String, maximumLength: Int = maximumLength) throws(DomainError) {
        guard !value.isEmpty else { throw DomainError(field: field, rule: "must not be empty") }
        for scalar in value.unicodeScalars where !isCSET82(scalar) {
            throw DomainError(
                field: field,
                rule: "character \(ScalarDisplay.describe(scalar)) is not allowed; "
                    + "use letters A-Z a-z, digits and \(cset82Punctuation) (GS1 CSET 82)"
            )
        }
        // Every CSET 82 character is one ASCII byte, so bytes count characters here.
        let length = value.utf8.count
        guard length <= maximumLength else {
            throw DomainError(field: field, rule: "has \(length) characters; at most \(maximumLength) are allowed")
        }
    }

    /// Percent-encodes one URI path segment or query value as GS1 Digital Link does: the unreserved
    /// characters `A-Za-z0-9-._~` stay, every other byte of the UTF-8 becomes `%XX` in upper-case hex
    /// (so `/` is `%2F`, `+` is `%2B`, space is `%20`).
    public static func percentEncode(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if isUnreserved(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0x0F)]
            }
        }
        return result
    }

    /// Decodes `%XX` escapes (hex in either case). In a query `+` means a space (HTML form
    /// encoding); in a path it is a literal `+`. The decoded bytes must be UTF-8.
    public static func percentDecode(_ text: String, field: String, plusIsSpace: Bool = false) throws(DomainError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw DomainError(field: field, rule: "\"%\" must be followed by two hex digits")
                }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw DomainError(field: field, rule: "percent-escapes do not form UTF-8 text")
        }
        return decoded
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
