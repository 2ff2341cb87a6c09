/// How a single character is shown inside an error message.
///
/// Control characters would vanish or garble a terminal line, so they are written as `U+0007`;
/// other characters are quoted, and non-ASCII ones also get their code point, because `ồ` and
/// `ồ` (decomposed) look the same but are not.
enum ScalarDisplay {
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = "U+" + hex(scalar.value)
        if scalar.properties.generalCategory == .control {
            return code
        }
        if scalar == " " { return "space (U+0020)" }
        if scalar.isASCII { return "\"\(Character(scalar))\"" }
        // Format and separator characters (zero-width space, …) are invisible when quoted.
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .privateUse, .surrogate, .unassigned:
            return code
        default:
            return "\"\(Character(scalar))\" (\(code))"
        }
    }

    static func describe(_ character: Character) -> String {
        let scalars = Array(character.unicodeScalars)
        if scalars.count == 1 { return describe(scalars[0]) }
        return scalars.map { "U+" + hex($0.value) }.joined(separator: " ")
    }

    /// Upper-case hex, at least four digits, as Unicode charts write code points.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
