/// Where the resolver serves a product image: `/image/{sha256 in hex}`.
public enum ProductImagePath {
    public static let prefix = "/image/"

    public static func url(host: String, sha256: String) -> String { "https://\(host)\(prefix)\(sha256)" }

    /// The hash a path names, when it is 64 lowercase hex digits.
    public static func sha256(in path: String) -> String? {
        let name = path.dropFirst(prefix.count)
        guard path.hasPrefix(prefix), name.utf8.count == 64,
              name.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        return String(name)
    }
}
