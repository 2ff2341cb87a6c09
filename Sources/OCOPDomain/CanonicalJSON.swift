/// A JSON value with exactly one byte-for-byte serialization, for hashing the append-only event log.
///
/// Canonical form: no whitespace; object keys sorted by their UTF-8 bytes; integers only (Int64,
/// no floats, no `-0`); strings escape only `"`, `\` and U+0000-U+001F (as `\u00XX`, lower-case
/// hex), everything else is written as UTF-8. Unicode normalization (NFC) is the caller's job:
/// Swift compares strings by canonical equivalence, so give keys in one normal form.
public enum CanonicalJSON: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])

    /// Deepest nesting the parser accepts, so a hostile payload cannot exhaust the stack.
    public static let maximumDepth = 128

    // MARK: Serializing

    /// The canonical UTF-8 bytes.
    public var canonicalBytes: [UInt8] {
        var output: [UInt8] = []
        write(to: &output)
        return output
    }

    /// The canonical text.
    public var canonicalText: String { String(decoding: canonicalBytes, as: UTF8.self) }

    public var description: String { canonicalText }

    private func write(to output: inout [UInt8]) {
        switch self {
        case .null:
            output += Array("null".utf8)
        case let .bool(value):
            output += Array((value ? "true" : "false").utf8)
        case let .int(value):
            output += Array(String(value).utf8)
        case let .string(value):
            Self.writeString(value, to: &output)
        case let .array(elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case let .object(members):
            output.append(UInt8(ascii: "{"))
            let sorted = members.map { (key: Array($0.key.utf8), value: $0.value) }
                .sorted { $0.key.lexicographicallyPrecedes($1.key) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(bytes: member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ value: String, to output: inout [UInt8]) {
        writeString(bytes: Array(value.utf8), to: &output)
    }

    private static func writeString(bytes: [UInt8], to output: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        output.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case 0x00..<0x20:
                output += Array("\\u00".utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    // MARK: Parsing

    /// Parses strict JSON (RFC 8259) restricted to this value model: no floats or exponents,
    /// integers within Int64 without leading zeros or `-0`, no duplicate keys, no lone surrogates.
    /// Whitespace between tokens is allowed; use `init(parsingCanonical:)` to demand the canonical form.
    public init(parsing text: String) throws(DomainError) {
        try self.init(parsingBytes: Array(text.utf8))
    }

    /// Parses UTF-8 bytes; invalid UTF-8 is refused.
    public init(parsingBytes bytes: [UInt8]) throws(DomainError) {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw DomainError(field: "json", rule: "is not valid UTF-8")
        }
        var parser = Parser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else {
            throw parser.failure("unexpected text after the value")
        }
        self = value
    }

    /// Parses and also requires that the input is already canonical, byte for byte, as stored log
    /// entries must be (otherwise their hashes could not be recomputed).
    public init(parsingCanonical text: String) throws(DomainError) {
        let value = try CanonicalJSON(parsing: text)
        let expected = value.canonicalBytes
        guard expected.elementsEqual(text.utf8) else {
            let offset = zip(expected, text.utf8).prefix { $0 == $1 }.count
            throw DomainError(field: "json", rule: "is not in canonical form (first difference at byte \(offset))")
        }
        self = value
    }

    // MARK: Access

    public subscript(key: String) -> CanonicalJSON? {
        if case let .object(members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    public var intValue: Int64? {
        if case let .int(value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    public var arrayValue: [CanonicalJSON]? {
        if case let .array(value) = self { return value }
        return nil
    }

    public var objectValue: [String: CanonicalJSON]? {
        if case let .object(value) = self { return value }
        return nil
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        func failure(_ rule: String) -> DomainError {
            DomainError(field: "json", rule: "\(rule) at byte \(position)")
        }

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
                position += 1
            }
        }

        mutating func parseValue(depth: Int) throws(DomainError) -> CanonicalJSON {
            guard depth <= CanonicalJSON.maximumDepth else { throw failure("nesting deeper than \(CanonicalJSON.maximumDepth)") }
            guard position < bytes.count else { throw failure("unexpected end of input") }
            switch bytes[position] {
            case UInt8(ascii: "n"): try expectWord("null"); return .null
            case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
            case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .int(try parseInteger())
            case UInt8(ascii: "["): return try parseArray(depth: depth)
            case UInt8(ascii: "{"): return try parseObject(depth: depth)
            default: throw failure("unexpected character \(ScalarDisplay.describe(Unicode.Scalar(bytes[position])))")
            }
        }

        mutating func expectWord(_ word: String) throws(DomainError) {
            let expected = Array(word.utf8)
            guard bytes.count - position >= expected.count, Array(bytes[position..<position + expected.count]) == expected else {
                throw failure("expected \(word)")
            }
            position += expected.count
        }

        mutating func parseInteger() throws(DomainError) -> Int64 {
            let start = position
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            let digitsStart = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                position += 1
            }
            let digitCount = position - digitsStart
            guard digitCount > 0 else { throw failure("a number needs digits") }
            if position < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[position]) {
                throw failure("only integers are allowed (no fractions or exponents)")
            }
            guard !(bytes[digitsStart] == UInt8(ascii: "0") && digitCount > 1) else {
                throw failure("leading zeros are not allowed")
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            guard text != "-0" else { throw failure("-0 is not allowed") }
            guard let value = Int64(text) else { throw failure("\(text) does not fit in 64 bits") }
            return value
        }

        mutating func parseString() throws(DomainError) -> String {
            position += 1  // opening quote
            var output: [UInt8] = []
            while true {
                guard position < bytes.count else { throw failure("unterminated string") }
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""):
                    position += 1
                    return String(decoding: output, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    position += 1
                    guard position < bytes.count else { throw failure("unterminated escape") }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""): output.append(0x22)
                    case UInt8(ascii: "\\"): output.append(0x5C)
                    case UInt8(ascii: "/"): output.append(0x2F)
                    case UInt8(ascii: "b"): output.append(0x08)
                    case UInt8(ascii: "f"): output.append(0x0C)
                    case UInt8(ascii: "n"): output.append(0x0A)
                    case UInt8(ascii: "r"): output.append(0x0D)
                    case UInt8(ascii: "t"): output.append(0x09)
                    case UInt8(ascii: "u"):
                        let scalar = try parseUnicodeEscape()
                        output += Array(String(Character(scalar)).utf8)
                    default:
                        position -= 1
                        throw failure("unknown escape \\\(Character(Unicode.Scalar(escape)))")
                    }
                case 0x00..<0x20:
                    throw failure("control character \(ScalarDisplay.describe(Unicode.Scalar(byte))) must be escaped in a string")
                default:
                    output.append(byte)
                    position += 1
                }
            }
        }

        /// Reads the four hex digits after `\u`, and a low surrogate after a high one.
        mutating func parseUnicodeEscape() throws(DomainError) -> Unicode.Scalar {
            let first = try parseHex4()
            if (0xD800...0xDBFF).contains(first) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw failure("high surrogate without its low surrogate")
                }
                position += 2
                let second = try parseHex4()
                guard (0xDC00...0xDFFF).contains(second) else { throw failure("high surrogate without its low surrogate") }
                return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(first) else { throw failure("lone low surrogate") }
            return scalar
        }

        mutating func parseHex4() throws(DomainError) -> UInt32 {
            guard bytes.count - position >= 4 else { throw failure("\\u needs four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a")) + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A")) + 10
                default: throw failure("\\u needs four hex digits")
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }

        mutating func parseArray(depth: Int) throws(DomainError) -> CanonicalJSON {
            position += 1
            var elements: [CanonicalJSON] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard position < bytes.count else { throw failure("unterminated array") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
                throw failure("expected , or ] in an array")
            }
        }

        mutating func parseObject(depth: Int) throws(DomainError) -> CanonicalJSON {
            position += 1
            var members: [String: CanonicalJSON] = [:]
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw failure("expected a quoted key")
                }
                let keyStart = position
                let key = try parseString()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected : after a key") }
                position += 1
                skipWhitespace()
                let value = try parseValue(depth: depth + 1)
                guard members.updateValue(value, forKey: key) == nil else {
                    position = keyStart
                    throw failure("duplicate key \"\(key)\"")
                }
                skipWhitespace()
                guard position < bytes.count else { throw failure("unterminated object") }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
                throw failure("expected , or } in an object")
            }
        }
    }
}

extension CanonicalJSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: CanonicalJSON...) { self = .array(elements) }
    /// - Precondition: no key appears twice.
    public init(dictionaryLiteral elements: (String, CanonicalJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, _ in preconditionFailure("duplicate key in a JSON literal") }))
    }
}
