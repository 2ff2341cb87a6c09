/// Base64url without padding (RFC 4648 §5), as the `s` signature parameter carries it.
///
/// Decoding is strict: padding, characters outside `A-Za-z0-9-_`, an impossible length and
/// non-zero spare bits are refused, so each byte string has exactly one accepted text and a
/// changed last character can never decode to the same signature.
public enum Base64URL {
    private static let symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            output.append(symbols[Int(group >> 18 & 63)])
            output.append(symbols[Int(group >> 12 & 63)])
            if remaining > 1 { output.append(symbols[Int(group >> 6 & 63)]) }
            if remaining > 2 { output.append(symbols[Int(group & 63)]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    public static func decode(_ text: String, field: String = "s") throws(DomainError) -> [UInt8] {
        let input = Array(text.utf8)
        guard input.count % 4 != 1 else {
            throw DomainError(field: field, rule: "\(input.count) characters cannot be base64url")
        }
        var values: [UInt32] = []
        values.reserveCapacity(input.count)
        for byte in input {
            guard let value = value(of: byte) else {
                let shown = ScalarDisplay.describe(Unicode.Scalar(byte))
                throw DomainError(field: field, rule: "character \(byte < 0x80 ? shown : "non-ASCII") is not base64url (A-Z a-z 0-9 - _, no padding)")
            }
            values.append(value)
        }
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 4)
        var index = 0
        while index < values.count {
            let remaining = values.count - index
            var group: UInt32 = 0
            for offset in 0..<4 {
                group = group << 6 | (offset < remaining ? values[index + offset] : 0)
            }
            output.append(UInt8(group >> 16 & 0xFF))
            if remaining > 2 { output.append(UInt8(group >> 8 & 0xFF)) }
            if remaining > 3 { output.append(UInt8(group & 0xFF)) }
            // Bits beyond the last whole byte must be zero, or two texts would mean the same bytes.
            let spareBits: UInt32 = remaining == 2 ? group & 0xFFFF : remaining == 3 ? group & 0xFF : 0
            guard spareBits == 0 else {
                throw DomainError(field: field, rule: "is not canonical base64url (the last character carries stray bits)")
            }
            index += 4
        }
        return output
    }

    /// True when every character is in the base64url alphabet (the length is not checked).
    static func isAlphabet(_ text: Substring) -> Bool {
        text.utf8.allSatisfy { value(of: $0) != nil }
    }

    private static func value(of byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt32(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt32(byte - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "-"): return 62
        case UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}
