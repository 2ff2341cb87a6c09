/// Text from the store or the user made safe to print on a terminal: control characters
/// (line breaks, ESC of ANSI sequences, C1 controls) and bidi or zero-width formatting are shown
/// as `\u{…}` escapes, so a crafted actor or note cannot forge a line or recolour the screen.
enum TerminalText {
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return scalar.properties.generalCategory == .format
        }
    }
}
