import Foundation

/// GS1 link types a producer may point at pages of its own (`product set --link TYPE=URL`),
/// which the resolver offers beside the ones it serves itself (pip, certificationInfo,
/// traceability, recallStatus).
public enum ProductLinkType {
    /// GS1 Web Vocabulary link types (https://gs1.org/voc/) open to producers' own pages.
    public static let external: Set<String> = [
        "productSustainabilityInfo", "recipeInfo", "nutritionalInfo", "allergenInfo", "instructions", "tutorial",
        "promotion", "relatedVideo", "socialMedia", "leaveReview", "review", "safetyInfo", "brandHomepageConsumer",
        "whatsInTheBox", "warrantyInfo", "userAgreement", "careersInfo", "eventsInfo", "hasRetailers",
    ]
    /// Served by the resolver itself: a producer cannot point them elsewhere.
    public static let served: Set<String> = ["pip", "defaultLink", "certificationInfo", "traceability", "recallStatus"]

    /// `gs1:productSustainabilityInfo` (or the bare word, or the vocabulary URI) → the bare word.
    public static func term(_ text: String) -> String {
        for prefix in ["gs1:", "https://gs1.org/voc/", "https://ref.gs1.org/voc/", "http://gs1.org/voc/"] where text.hasPrefix(prefix) {
            return String(text.dropFirst(prefix.count))
        }
        return text
    }

    /// One `TYPE=URL` as given to `product set --link`: an empty URL removes the link (nil).
    public static func parse(_ text: String) throws(DomainError) -> (term: String, url: String?) {
        guard let equals = text.firstIndex(of: "=") else {
            throw DomainError(field: "link", rule: "'\(text)' must be TYPE=URL, e.g. gs1:productSustainabilityInfo=https://…")
        }
        let term = Self.term(String(text[..<equals]).trimmingCharacters(in: .whitespaces))
        guard !served.contains(term) else {
            throw DomainError(field: "link", rule: "gs1:\(term) is served by the resolver itself")
        }
        guard external.contains(term) else {
            throw DomainError(field: "link", rule: "'\(term)' is not a GS1 link type a producer may set; use one of \(external.sorted().map { "gs1:" + $0 }.joined(separator: ", "))")
        }
        let url = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        if url.isEmpty { return (term, nil) }
        return (term, try checkedURL(url))
    }

    /// An https URL with a host, no white space or control characters, at most 500 bytes.
    public static func checkedURL(_ text: String) throws(DomainError) -> String {
        guard text.utf8.count <= 500, text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0.isASCII }),
              let url = URL(string: text), url.scheme == "https", let host = url.host, !host.isEmpty else {
            throw DomainError(field: "link", rule: "'\(text)' must be an https:// URL (ASCII, no spaces, at most 500 bytes)")
        }
        return text
    }
}
