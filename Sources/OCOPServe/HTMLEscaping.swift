/// HTML escaping for the resolver's templates, the same five characters as Mustache's own
/// (`< > & " '`), over UTF-8 bytes: Mustache's escaper walks grapheme clusters through a
/// dictionary, which for Vietnamese text cost a fifth of a page's rendering time.
struct HTMLEscaping {
    /// `text`, escaped, at the end of `out`.
    static func append(_ text: String, to out: inout String) {
        // Most values need no escape: appended as they are, without a copy.
        guard text.utf8.contains(where: needsEscape) else {
            out += text
            return
        }
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where needsEscape(byte) {
                out += String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                out += entity(byte)
                start = index + 1
            }
            out += String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
        }
    }

    private static func entity(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "\""): "&quot;"
        default: "&#39;"
        }
    }

    func escapeText(_ text: String) -> String {
        var out = ""
        Self.append(text, to: &out)
        return out
    }

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
