import Foundation
import Synchronization

/// Rules for the free text users type: names, places, notes, decision numbers.
public enum DomainText {
    /// NFC-normalises `text` (so "ệ" is one code point however it was typed), trims spaces, and
    /// refuses empty text, control characters and text longer than `maxLength` characters.
    public static func validated(_ text: String, field: String, maxLength: Int,
                                 allowEmpty: Bool = false) throws(DomainError) -> String {
        // Printable ASCII with no outer spaces is already NFC and has no control or hidden
        // characters: skip the Unicode work (codes and lots are checked on every page view).
        if let first = text.utf8.first, let last = text.utf8.last, first != 0x20, last != 0x20,
           text.utf8.count <= maxLength, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return text
        }
        let key = CheckedText(text: text, maxLength: maxLength, allowEmpty: allowEmpty)
        if let known = checked.withLock({ $0[key] }) { return known }
        let normalised = try checkedSlowly(text, field: field, maxLength: maxLength, allowEmpty: allowEmpty)
        checked.withLock { known in
            if known.count >= 4096 { known.removeAll(keepingCapacity: true) }
            known[key] = normalised
        }
        return normalised
    }

    /// Texts that passed, with their normal form: the same names and addresses are read back on
    /// every page, and normalising Vietnamese text was a twentieth of a page's time.
    private struct CheckedText: Hashable {
        let text: String
        let maxLength: Int
        let allowEmpty: Bool
    }

    private static let checked = Mutex<[CheckedText: String]>([:])

    private static func checkedSlowly(_ text: String, field: String, maxLength: Int, allowEmpty: Bool) throws(DomainError) -> String {
        let normalised = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespaces)
        if normalised.isEmpty && !allowEmpty {
            throw DomainError(field: field, rule: "must not be empty")
        }
        if let control = normalised.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw DomainError(field: field, rule: "control character \(codePoint(control)) is not allowed")
        }
        // Bidi overrides (U+202E) and zero-width characters make one text show as another on a
        // label or page; Vietnamese needs none of them.
        if let hidden = normalised.unicodeScalars.first(where: isInvisibleFormatting) {
            throw DomainError(field: field, rule: "invisible formatting character \(codePoint(hidden)) (bidi or zero-width) is not allowed")
        }
        if normalised.count > maxLength {
            throw DomainError(field: field, rule: "\(normalised.count) characters is too long; at most \(maxLength)")
        }
        return normalised
    }

    /// Identifiers users choose for producers and products: 1-32 of `A-Z a-z 0-9 - _ .`, starting
    /// with a letter or digit, so they can stand in a URI path unescaped and never name `.` or `..`.
    public static func identifier(_ text: String, field: String) throws(DomainError) -> String {
        guard !text.isEmpty else { throw DomainError(field: field, rule: "must not be empty") }
        guard let first = text.unicodeScalars.first, isLetterOrDigit(first) else {
            throw DomainError(field: field, rule: "'\(text.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())' must start with a letter or digit")
        }
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

    /// Who acts, as recorded in the log (`--actor`, else `$USER`): printable text only, so a
    /// log line cannot be forged with a line break or an escape sequence.
    public static func actor(_ text: String) throws(DomainError) -> String {
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.generalCategory != .control && !isInvisibleFormatting(scalar)
        }
        guard allowed else {
            throw DomainError(field: "actor", rule: "control or invisible characters are not allowed; use a plain name such as a login")
        }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty, text.count <= 100 else {
            throw DomainError(field: "actor", rule: "must be 1 to 100 characters")
        }
        return text
    }

    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// Format characters (category Cf: bidi embeddings, overrides and isolates, zero-width
    /// space and joiners, the BOM, soft hyphen) and line or paragraph separators.
    static func isInvisibleFormatting(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)"
    }
}
