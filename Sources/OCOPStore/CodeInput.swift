import OCOPDomain

/// What a shop assistant hands to `verify`: a scanned URI or a typed short code.
public enum CodeInput: Sendable {
    case link(DigitalLink)
    case shortCode(ShortCode)
    /// Looks like a code but breaks its rules (a mangled URI, a failed check character).
    case malformed(String, DomainError)

    /// URIs are recognised by their scheme; anything else is read as a short code.
    public init(text raw: String) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.lowercased().hasPrefix("http://") || text.lowercased().hasPrefix("https://") || text.contains("://") {
            do { self = .link(try DigitalLink(parsing: text)) } catch { self = .malformed(text, error) }
        } else {
            do { self = .shortCode(try ShortCode(parsing: text)) } catch { self = .malformed(text, error) }
        }
    }
}
