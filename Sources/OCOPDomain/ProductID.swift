/// The register's own product identifier (`TV-0001`), used in codes of products that have no GTIN,
/// as household businesses often don't: `https://{host}/p/{productID}/10/{lot}/21/{serial}`.
///
/// Limited to characters that need no percent-encoding, so the identifier reads the same in the
/// register, on the label and in the URI.
public struct ProductID: Hashable, Sendable, Comparable, CustomStringConvertible, StringCodable {
    public static let maximumLength = 32

    public let text: String

    public init(_ text: String) throws(DomainError) {
        guard !text.isEmpty else { throw DomainError(field: "product id", rule: "must not be empty") }
        guard let first = text.unicodeScalars.first, DomainText.isLetterOrDigit(first) else {
            throw DomainError(field: "product id", rule: "'\(text)' must start with a letter or digit")
        }
        for scalar in text.unicodeScalars where !Self.isAllowed(scalar) {
            throw DomainError(
                field: "product id",
                rule: "character \(ScalarDisplay.describe(scalar)) is not allowed; use A-Z a-z 0-9 - _ ."
            )
        }
        guard text.utf8.count <= Self.maximumLength else {
            throw DomainError(field: "product id", rule: "has \(text.utf8.count) characters; at most \(Self.maximumLength) are allowed")
        }
        self.text = text
    }

    public var description: String { text }

    public static func < (lhs: ProductID, rhs: ProductID) -> Bool { lhs.text < rhs.text }

    public init(codableText: String) throws(DomainError) { self = try ProductID(codableText) }
    public var codableText: String { text }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "-", "_", ".": return true
        default: return false
        }
    }
}
