/// A GS1 Global Location Number: 13 digits, the last a GS1 mod-10 check digit (as a GTIN's).
/// Circular 02 names locations by a trace code; a GLN is the GS1 key for one (TCVN 13274).
public struct GLN: Hashable, Sendable, CustomStringConvertible, StringCodable {
    public let digits: String

    public init(_ text: String) throws(DomainError) {
        guard text.utf8.count == 13, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw DomainError(field: "gln", rule: "'\(text)' must be 13 digits (a GS1 Global Location Number)")
        }
        let given = Int(text.utf8.last! - UInt8(ascii: "0"))
        let expected = try GTIN.checkDigit(for: String(text.dropLast()))
        guard given == expected else {
            throw DomainError(field: "gln", rule: "check digit is \(given), expected \(expected)")
        }
        digits = text
    }

    public var description: String { digits }
    public init(codableText: String) throws(DomainError) { self = try GLN(codableText) }
    public var codableText: String { digits }
}
