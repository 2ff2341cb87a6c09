import Foundation

/// Vietnamese text compared the way people type it: any case, with or without diacritics
/// (đ as d), spaces collapsed. "Hợp tác xã", "hop tac xa" and "HỢP TÁC XÃ" fold alike.
public enum VietnameseFolding {
    public static func fold(_ text: String) -> String {
        var out = ""
        var lastWasSpace = true
        for scalar in text.precomposedStringWithCanonicalMapping.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }  // combining marks: tones, hooks, breves
            if scalar.properties.isWhitespace {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            switch scalar {
            case "đ", "Đ": out.append("d")
            default: out.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}
