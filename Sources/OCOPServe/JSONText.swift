import Foundation

/// The resolver's JSON answers, written straight to text: keys sorted, two-space indentation,
/// `"key" : value`, slashes unescaped (what `JSONSerialization` writes with `.sortedKeys`,
/// `.prettyPrinted` and `.withoutEscapingSlashes`), at a fraction of its cost: on Linux it
/// bridged every value through Foundation and took most of a linkset answer's time.
/// Values: String, Bool, integers, Double, arrays, `[String: Any]`, NSNull.
enum JSONText {
    static func write(_ value: Any) -> String {
        var text = ""
        text.reserveCapacity(2048)
        write(value, into: &text, indent: 0)
        return text
    }

    private static func write(_ value: Any, into text: inout String, indent: Int) {
        switch value {
        case let string as String:
            quote(string, into: &text)
        case let flag as Bool:
            text += flag ? "true" : "false"
        case let number as Int:
            text += String(number)
        case let number as Int64:
            text += String(number)
        case let number as Double:
            text += number.isFinite ? (number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)) : "null"
        case let object as [String: Any]:
            guard !object.isEmpty else {
                text += "{\n\n"
                pad(indent, &text)
                text += "}"
                return
            }
            text += "{\n"
            let members = object.sorted { $0.key < $1.key }
            for (index, member) in members.enumerated() {
                pad(indent + 2, &text)
                quote(member.key, into: &text)
                text += " : "
                write(member.value, into: &text, indent: indent + 2)
                text += index < members.count - 1 ? ",\n" : "\n"
            }
            pad(indent, &text)
            text += "}"
        case let array as [Any]:
            guard !array.isEmpty else {
                text += "[\n\n"
                pad(indent, &text)
                text += "]"
                return
            }
            text += "[\n"
            for (index, element) in array.enumerated() {
                pad(indent + 2, &text)
                write(element, into: &text, indent: indent + 2)
                text += index < array.count - 1 ? ",\n" : "\n"
            }
            pad(indent, &text)
            text += "]"
        default:
            text += "null"
        }
    }

    private static func pad(_ count: Int, _ text: inout String) {
        text += count < spaces.count ? spaces[count] : String(repeating: " ", count: count)
    }

    private static let spaces = (0..<64).map { String(repeating: " ", count: $0) }

    private static func quote(_ string: String, into text: inout String) {
        text += "\""
        var plainStart = string.utf8.startIndex
        let utf8 = string.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            let escape: String? = switch byte {
            case UInt8(ascii: "\""): "\\\""
            case UInt8(ascii: "\\"): "\\\\"
            case 0x0A: "\\n"
            case 0x0D: "\\r"
            case 0x09: "\\t"
            case 0x08: "\\b"
            case 0x0C: "\\f"
            case 0..<0x20: "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            default: nil
            }
            if let escape {
                text += String(string.utf8[plainStart..<index])!
                text += escape
                plainStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        text += String(string.utf8[plainStart..<utf8.endIndex])!
        text += "\""
    }
}
