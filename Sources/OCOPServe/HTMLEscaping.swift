import Mustache

/// HTML escaping for the resolver's templates, the same five characters as Mustache's own
/// (`< > & " '`), over UTF-8 bytes: Mustache's escaper walks grapheme clusters through a
/// dictionary, which for Vietnamese text cost a fifth of a page's rendering time.
struct HTMLEscaping: MustacheContentType {
    /// The name the templates are switched to (`{{% CONTENT_TYPE: …}}`), registered once.
    static let name: String = {
        MustacheContentTypes.register(HTMLEscaping(), named: "OCOP_HTML")
        return "OCOP_HTML"
    }()

    func escapeText(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: Self.needsEscape) else { return String(decoding: bytes, as: UTF8.self) }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
