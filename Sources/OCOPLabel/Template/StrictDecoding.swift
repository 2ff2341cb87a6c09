import Foundation

/// Any JSON object key, for listing the keys an object really has.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Why a template's JSON could not become a template, beyond what `DecodingError` says:
/// a key no template type knows (a misspelt key would otherwise be ignored without a word),
/// or a value of the right JSON type that breaks a rule.
struct TemplateDecodingFailure: Error {
    enum Reason {
        case unknownKey(String, allowed: [String])
        case invalidValue(key: String, rule: String)
    }

    let codingPath: [any CodingKey]
    let reason: Reason
}

extension Decoder {
    /// A keyed container that first refuses keys outside `Key`: JSONDecoder ignores unknown keys,
    /// and in a template an ignored key is a silent mistake (`"modul_mm": 0.2` would print at the default).
    func strictContainer<Key: CodingKey & CaseIterable>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let present = try container(keyedBy: AnyCodingKey.self)
        let allowed = Key.allCases.map(\.stringValue)
        for key in present.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) where !allowed.contains(key.stringValue) {
            throw TemplateDecodingFailure(codingPath: codingPath + [key], reason: .unknownKey(key.stringValue, allowed: allowed))
        }
        return try container(keyedBy: type)
    }
}

extension KeyedDecodingContainer {
    /// A number (millimetres, points, dpi) that must be finite and at least `minimum`
    /// (strictly above it when `exclusive`).
    func decodeNumber(_ key: Key, minimum: Double = 0, exclusive: Bool = false) throws -> Double {
        let value = try decode(Double.self, forKey: key)
        try check(value, key, minimum: minimum, exclusive: exclusive)
        return value
    }

    func decodeNumberIfPresent(_ key: Key, minimum: Double = 0, exclusive: Bool = false) throws -> Double? {
        guard let value = try decodeIfPresent(Double.self, forKey: key) else { return nil }
        try check(value, key, minimum: minimum, exclusive: exclusive)
        return value
    }

    func invalid(_ key: Key, _ rule: String) -> TemplateDecodingFailure {
        TemplateDecodingFailure(codingPath: codingPath + [key], reason: .invalidValue(key: key.stringValue, rule: rule))
    }

    private func check(_ value: Double, _ key: Key, minimum: Double, exclusive: Bool) throws {
        guard value.isFinite else { throw invalid(key, "must be a finite number") }
        if exclusive ? value <= minimum : value < minimum {
            throw invalid(key, "\(value) must be \(exclusive ? "above" : "at least") \(minimum)")
        }
    }
}
