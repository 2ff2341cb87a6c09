import OCOPDomain

/// What a shop assistant hands to `verify`: a scanned URI (signed, or a small label's compact
/// code) or a typed short code.
public enum CodeInput: Sendable {
    case link(DigitalLink)
    case shortCode(ShortCode)
    /// A short code with a typing slip (its check character fails): to correct, not a forgery.
    case mistyped(String, DomainError)
    /// Not a code this system issues (a mangled URI, text that is no short code).
    case malformed(String, DomainError)

    /// URIs are recognised by their scheme; anything else is read as a short code.
    public init(text raw: String) {
        let text = raw.trimmedOfWhiteSpace
        let scheme = text.prefix(8).lowercased()
        if scheme.hasPrefix("http://") || scheme.hasPrefix("https://") || text.contains("://") {
            do {
                let link = try DigitalLink(parsing: text)
                // A signature binds one spelling. Codes are issued in canonical form (a compact code
                // also with its scheme and host in upper case), so any other spelling (empty or
                // extra parameters, host case, escapes) was not made here.
                let asIssued: Bool
                if link.signature != nil {
                    asIssued = link.uri == text
                } else if link.level == .unit {
                    // A compact code: the label's upper-case scheme and host, or the canonical text.
                    asIssued = CompactCode.isIssuedSpelling(text, of: link)
                } else {
                    asIssued = true  // product and batch codes carry no signature and are judged no further
                }
                guard asIssued else {
                    self = .malformed(text, DomainError(field: "code", rule: "is not written the way this system issues codes"))
                    return
                }
                self = .link(link)
            } catch {
                self = .malformed(text, error)
            }
        } else {
            do {
                self = .shortCode(try ShortCode(parsing: text))
            } catch {
                self = ShortCode.looksMistyped(text) ? .mistyped(text, error) : .malformed(text, error)
            }
        }
    }

    /// The input as the person gave it (trimmed), for reports.
    public var text: String {
        switch self {
        case let .link(link): return link.uri
        case let .shortCode(code): return code.display
        case let .mistyped(text, _), let .malformed(text, _): return text
        }
    }
}
