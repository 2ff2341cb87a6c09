import Foundation

/// A point on the map, kept as the decimal text it was given ("10.2397,106.3759"), so the
/// log's canonical JSON never holds a floating-point number whose digits could vary.
public struct GeoPoint: Hashable, Sendable, CustomStringConvertible, StringCodable {
    public let latitude: String
    public let longitude: String

    /// "LAT,LON" in decimal degrees (WGS 84), at most 7 decimals.
    public init(_ text: String) throws(DomainError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else {
            throw DomainError(field: "geo", rule: "'\(text)' must be LAT,LON in decimal degrees, e.g. 10.2397,106.3759")
        }
        latitude = try Self.degrees(parts[0], limit: 90, field: "geo latitude")
        longitude = try Self.degrees(parts[1], limit: 180, field: "geo longitude")
    }

    /// The `geo:` URI (RFC 5870) phones open in their map app.
    public var uri: String { "geo:\(latitude),\(longitude)" }
    public var description: String { "\(latitude),\(longitude)" }
    public init(codableText: String) throws(DomainError) { self = try GeoPoint(codableText) }
    public var codableText: String { description }

    private static func degrees(_ text: String, limit: Double, field: String) throws(DomainError) -> String {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        let shaped = (1...2).contains(pieces.count) && pieces.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
            && pieces[0].count <= 3 && (pieces.count == 1 || pieces[1].count <= 7)
        guard shaped, let value = Double(text), abs(value) <= limit else {
            throw DomainError(field: field, rule: "'\(text)' must be a decimal number from -\(Int(limit)) to \(Int(limit)) with at most 7 decimals")
        }
        return text
    }
}
