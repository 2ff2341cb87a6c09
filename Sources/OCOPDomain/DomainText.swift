import Foundation

/// Rules for the free text users type: names, places, notes, decision numbers.
public enum DomainText {
    /// NFC-normalises `text` (so "ệ" is one code point however it was typed), trims spaces, and
    /// refuses empty text, control characters and text longer than `maxLength` characters.
    public static func validated(_ text: String, field: String, maxLength: Int,
                                 allowEmpty: Bool = false) throws(DomainError) -> String {
        let normalised = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
        if normalised.isEmpty && !allowEmpty {
            throw DomainError(field: field, rule: "must not be empty")
        }
        if let control = normalised.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            let hex = String(control.value, radix: 16, uppercase: true)
            throw DomainError(field: field, rule: "control character U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex) is not allowed")
        }
        if normalised.count > maxLength {
            throw DomainError(field: field, rule: "\(normalised.count) characters is too long; at most \(maxLength)")
        }
        return normalised
    }

    /// Identifiers users choose for producers and products: 1-32 of `A-Z a-z 0-9 - _ .`, so they
    /// can stand in a URI path unescaped.
    public static func identifier(_ text: String, field: String) throws(DomainError) -> String {
        guard !text.isEmpty else { throw DomainError(field: field, rule: "must not be empty") }
        guard text.count <= 32 else {
            throw DomainError(field: field, rule: "\(text.count) characters is too long; at most 32")
        }
        for scalar in text.unicodeScalars {
            let ok = ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "."
            if !ok {
                throw DomainError(field: field, rule: "character '\(scalar.escaped(asASCII: true))' is not allowed; use A-Z, a-z, 0-9, '-', '_' or '.'")
            }
        }
        return text
    }
}
