/// The number of a recognition or withdrawal decision, e.g. `1234/QĐ-UBND`.
///
/// Numbering differs between provinces and years, so only what would break a stamp or a log line
/// is refused: an empty value, more than 64 characters, control characters.
public struct DecisionNumber: Hashable, Sendable, Comparable, CustomStringConvertible, StringCodable {
    public static let maximumLength = 64

    public let text: String

    /// Surrounding spaces (spreadsheet residue) are dropped before checking.
    public init(_ raw: String) throws(DomainError) {
        let value = raw.trimmingASCIIWhitespace()
        guard !value.isEmpty else {
            throw DomainError(field: "decision number", rule: "must not be empty (e.g. 1234/QĐ-UBND)")
        }
        for scalar in value.unicodeScalars where scalar.properties.generalCategory == .control {
            throw DomainError(field: "decision number", rule: "contains the control character \(ScalarDisplay.describe(scalar))")
        }
        guard value.count <= Self.maximumLength else {
            throw DomainError(field: "decision number", rule: "has \(value.count) characters; at most \(Self.maximumLength) are allowed")
        }
        text = value
    }

    public var description: String { text }

    public static func < (lhs: DecisionNumber, rhs: DecisionNumber) -> Bool { lhs.text < rhs.text }

    public init(codableText: String) throws(DomainError) { self = try DecisionNumber(codableText) }
    public var codableText: String { text }
}
