import Foundation

/// The client's address behind reverse proxies. Each proxy appends the address it received the
/// request from, so only the right end of `X-Forwarded-For` is trustworthy: walking from the
/// right, trusted proxies are skipped and the first other hop is the client. Whatever a client
/// writes itself stands to the left of that and is never read.
enum ForwardedFor {
    /// Loopback, where a proxy on the same machine connects from.
    static let loopback: Set<String> = ["127.0.0.1", "::1", "::ffff:127.0.0.1"]

    /// The right-most hop of `header` that is not a trusted proxy; nil when there is none.
    static func client(header: String, trustedProxies: Set<String>) -> String? {
        let hops = header.split(separator: ",").map { normalized($0) }
        for hop in hops.reversed() where !hop.isEmpty {
            if loopback.contains(hop) || trustedProxies.contains(hop) { continue }
            return hop
        }
        return nil
    }

    /// An address without spaces, brackets or a port (`[2001:db8::1]:443`, `192.0.2.1:8080`).
    static func normalized(_ hop: Substring) -> String {
        var text = hop.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<close])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = String(text[..<colon])
        }
        return text.lowercased()
    }
}
