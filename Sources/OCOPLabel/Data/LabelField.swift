import OCOPDomain

/// The field names templates use, and the value of each in a `LabelData`.
///
/// Dates read the Vietnamese way, day/month/year (`02/11/2026`), as Decree 43/2017 on goods
/// labelling asks for production and expiry dates; `*_iso` fields give `2026-11-02`.
public enum LabelField {
    /// Every leaf field, in documentation order.
    public static let all: [String] = [
        "product.id", "product.name", "product.gtin", "product.group",
        "producer.name", "producer.address",
        "lot", "serial", "short_code",
        "produced", "produced_iso", "expires", "expires_iso",
        "rating.stars", "rating.stars_symbols", "rating.valid_until", "rating.valid_until_iso",
        "rating.year", "rating.decision_no",
        "unit_uri", "batch_uri", "product_uri",
    ]

    /// Fields that differ between units of one batch; elements using them are drawn per unit.
    public static let perUnit: Set<String> = ["serial", "short_code", "unit_uri"]

    /// Object fields a Mustache section may open (`{{#rating}}…{{/rating}}`).
    public static let groups: Set<String> = ["product", "producer", "rating"]

    public static func isKnown(_ name: String) -> Bool {
        all.contains(name) || groups.contains(name)
    }

    /// The longest payload a QR code of this field must hold, in bytes. A signed unit URI is about
    /// 160 bytes with a short resolver host and lot; 190 leaves room for longer hosts and lots.
    public static func expectedMaximumBytes(_ field: String) -> Int {
        expectedMaximumBytes(field, unitCode: .signed)
    }

    /// The fields that carry a GS1 Digital Link URI.
    public static let digitalLinks: Set<String> = ["unit_uri", "batch_uri", "product_uri"]

    /// The longest compact unit code (`unit_code: compact`), in characters: `HTTPS://`, the host,
    /// `/01/` and 14 digits, `/10/` and the lot, `/21/` and the 13-character serial is 47
    /// characters besides host and lot, so 90 leaves 43 for them (a 23-character host with a
    /// 20-character lot). Upper case, it is all QR alphanumeric mode: version 4 at level M.
    public static let compactUnitCodeMaximum = 90

    /// As `expectedMaximumBytes(_:)`, for a template whose `unit_uri` is the code of `unitCode`.
    public static func expectedMaximumBytes(_ field: String, unitCode: CodeKind) -> Int {
        switch field {
        case "unit_uri" where unitCode == .compact: return compactUnitCodeMaximum
        case "unit_uri": return 190
        case "batch_uri": return 120
        case "product_uri": return 60
        default: return 64
        }
    }

    /// `02/11/2026`.
    public static func vietnameseDate(_ date: CalendarDate) -> String {
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(date.day))/\(two(date.month))/\(date.year)"
    }
}

extension LabelData {
    /// The value of a leaf field as text, or nil when the data has none.
    public func value(of field: String) -> String? {
        switch field {
        case "product.id": return product.id
        case "product.name": return product.name
        case "product.gtin": return product.gtin
        case "product.group": return product.group
        case "producer.name": return producer.name
        case "producer.address": return producer.address
        case "lot": return lot
        case "serial": return unit?.serial
        case "short_code": return unit?.shortCode
        case "produced": return produced.map(LabelField.vietnameseDate)
        case "produced_iso": return produced?.iso8601
        case "expires": return expires.map(LabelField.vietnameseDate)
        case "expires_iso": return expires?.iso8601
        case "rating.stars": return rating.map { String($0.stars) }
        case "rating.stars_symbols": return rating.map { String(repeating: "★", count: $0.stars) }
        case "rating.valid_until": return rating.map { LabelField.vietnameseDate($0.validUntil) }
        case "rating.valid_until_iso": return rating?.validUntil.iso8601
        case "rating.year": return rating.map { String($0.year) }
        case "rating.decision_no": return rating?.decisionNumber
        case "unit_uri": return unit?.uri
        case "batch_uri": return batchURI
        case "product_uri": return productURI
        default: return nil
        }
    }

    /// The nested dictionary Mustache renders from: absent values are left out, so
    /// `{{#rating}}…{{/rating}}` shows only when there is a rating.
    var mustacheValues: [String: Any] {
        var root: [String: Any] = [:]
        for field in LabelField.all {
            guard let value = value(of: field) else { continue }
            let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                var group = root[parts[0]] as? [String: Any] ?? [:]
                group[parts[1]] = value
                root[parts[0]] = group
            } else {
                root[field] = value
            }
        }
        return root
    }
}
