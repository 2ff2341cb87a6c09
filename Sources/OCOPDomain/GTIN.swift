/// A Global Trade Item Number, held in the 14-digit form GS1 Digital Link URIs require.
///
/// GTIN-8, -12 and -13 are accepted as input and left-padded with zeros, which does not change
/// the check digit (zeros add nothing to the weighted sum).
public struct GTIN: Hashable, Sendable, Comparable, CustomStringConvertible, StringCodable {
    /// The 14 digits, e.g. `09521234500001` for the GTIN-13 `9521234500001`.
    public let gtin14: String

    /// The lengths GS1 allocates; anything else is a typo or another kind of number.
    public static let allowedLengths = [8, 12, 13, 14]

    public init(_ text: String) throws(DomainError) {
        guard !text.isEmpty else { throw DomainError(field: "gtin", rule: "must not be empty") }
        try Self.requireDigits(text)
        let length = text.utf8.count
        guard Self.allowedLengths.contains(length) else {
            throw DomainError(field: "gtin", rule: "has \(length) digits; a GTIN has 8, 12, 13 or 14")
        }
        let body = String(text.dropLast())
        let given = Int(text.utf8.last! - UInt8(ascii: "0"))
        let expected = try Self.checkDigit(for: body)
        guard given == expected else {
            throw DomainError(field: "gtin", rule: "check digit is \(given), expected \(expected)")
        }
        // All zeros passes the check digit but names no item: GS1 never allocates it.
        guard text.utf8.contains(where: { $0 != UInt8(ascii: "0") }) else {
            throw DomainError(field: "gtin", rule: "\(text) is all zeros, which GS1 never allocates to an item")
        }
        gtin14 = String(repeating: "0", count: 14 - length) + text
    }

    /// The GS1 mod-10 check digit for `body` (all digits but the check digit): weights 3, 1, 3, 1, …
    /// counted from the right, then the amount that rounds the sum up to a multiple of 10.
    public static func checkDigit(for body: String) throws(DomainError) -> Int {
        try requireDigits(body)
        var sum = 0
        for (offsetFromRight, byte) in body.utf8.reversed().enumerated() {
            let digit = Int(byte - UInt8(ascii: "0"))
            sum += offsetFromRight % 2 == 0 ? digit * 3 : digit
        }
        return (10 - sum % 10) % 10
    }

    /// The shortest GS1 form (GTIN-13 for `0952…`, GTIN-8 for `000000…`), for human-readable text.
    public var shortestForm: String {
        for length in [8, 12, 13] where gtin14.hasPrefix(String(repeating: "0", count: 14 - length)) {
            return String(gtin14.suffix(length))
        }
        return gtin14
    }

    /// The 13 digits an EAN-13 carries: the GTIN-14 without its leading zero; nil for a GTIN-14
    /// with an indicator digit (those name cases, which EAN-13 does not carry).
    public var gtin13: String? {
        gtin14.hasPrefix("0") ? String(gtin14.dropFirst()) : nil
    }

    /// The 12 digits a UPC-A carries: the GTIN-14 without its two leading zeros; nil unless it has them.
    public var gtin12: String? {
        gtin14.hasPrefix("00") ? String(gtin14.dropFirst(2)) : nil
    }

    public var description: String { gtin14 }

    public static func < (lhs: GTIN, rhs: GTIN) -> Bool { lhs.gtin14 < rhs.gtin14 }

    public init(codableText: String) throws(DomainError) { self = try GTIN(codableText) }
    public var codableText: String { gtin14 }

    private static func requireDigits(_ text: String) throws(DomainError) {
        for (position, scalar) in text.unicodeScalars.enumerated() where !("0"..."9").contains(scalar) {
            throw DomainError(
                field: "gtin",
                rule: "must be digits only; found \(ScalarDisplay.describe(scalar)) at position \(position + 1)"
            )
        }
    }
}
