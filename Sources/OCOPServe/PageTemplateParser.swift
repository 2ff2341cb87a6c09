/// Reads a page template's text into `PageTemplate.Node`s, with Mustache's rule for tags alone on
/// their line: a section, inverted section, closing, partial or comment tag with only spaces or
/// tabs around it on its line takes that whole line, newline included, out of the output.
struct PageTemplateParser {
    private enum Kind: Equatable {
        case variable, raw, section, inverted, close, partial, comment
    }

    private enum Token {
        case text([UInt8])
        case tag(Kind, name: String, line: Int)
    }

    private let bytes: [UInt8]

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    func parse() throws(PageTemplateError) -> [PageTemplate.Node] {
        var tokens = try tokenize()
        let indentation = trimStandaloneLines(&tokens)
        var position = 0
        let nodes = try build(tokens, indentation, from: &position, closing: nil)
        return nodes
    }

    // MARK: Tags

    private func tokenize() throws(PageTemplateError) -> [Token] {
        var tokens: [Token] = [], index = 0, textStart = 0, line = 1, lineCountedTo = 0
        func lineAt(_ offset: Int) -> Int {
            while lineCountedTo < offset {
                if bytes[lineCountedTo] == UInt8(ascii: "\n") { line += 1 }
                lineCountedTo += 1
            }
            return line
        }
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        while index + 1 < bytes.count {
            guard bytes[index] == open, bytes[index + 1] == open else {
                index += 1
                continue
            }
            let tagLine = lineAt(index)
            if index > textStart { tokens.append(.text(Array(bytes[textStart..<index]))) }
            var start = index + 2
            var kind = Kind.variable
            var closer: [UInt8] = [close, close]
            if start < bytes.count {
                switch bytes[start] {
                case open: kind = .raw; closer = [close, close, close]; start += 1
                case UInt8(ascii: "&"): kind = .raw; start += 1
                case UInt8(ascii: "#"): kind = .section; start += 1
                case UInt8(ascii: "^"): kind = .inverted; start += 1
                case UInt8(ascii: "/"): kind = .close; start += 1
                case UInt8(ascii: ">"): kind = .partial; start += 1
                case UInt8(ascii: "!"): kind = .comment; start += 1
                case UInt8(ascii: "="), UInt8(ascii: "%"), UInt8(ascii: "<"), UInt8(ascii: "$"):
                    throw PageTemplateError(line: tagLine, rule: "`{{\(Character(UnicodeScalar(bytes[start])))` tags are not supported")
                default: break
                }
            }
            guard let end = find(closer, from: start) else {
                throw PageTemplateError(line: tagLine, rule: "a tag opened with {{ is not closed")
            }
            let name = String(decoding: bytes[start..<end], as: UTF8.self).trimmingWhitespace
            if kind != .comment {
                guard !name.isEmpty, name.utf8.allSatisfy(Self.isNameByte) else {
                    throw PageTemplateError(line: tagLine, rule: "tag name '\(name)' may hold only letters, digits and . _ -")
                }
            }
            tokens.append(.tag(kind, name: name, line: tagLine))
            index = end + closer.count
            textStart = index
        }
        if textStart < bytes.count { tokens.append(.text(Array(bytes[textStart...]))) }
        return tokens
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    // MARK: Lines with a tag alone

    /// Takes the lines of standalone tags out of the neighbouring text; returns the indentation
    /// of each standalone partial by token index.
    private func trimStandaloneLines(_ tokens: inout [Token]) -> [Int: String] {
        let space = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let newline = UInt8(ascii: "\n")
        var standalone: [Int] = []
        for (index, token) in tokens.enumerated() {
            guard case let .tag(kind, _, _) = token, kind != .variable, kind != .raw else { continue }
            let startsLine: Bool
            if index == 0 {
                startsLine = true
            } else if case let .text(before) = tokens[index - 1] {
                let lastBreak = before.lastIndex(of: newline)
                startsLine = (lastBreak != nil || index == 1) && before[((lastBreak ?? -1) + 1)...].allSatisfy(space)
            } else {
                startsLine = false
            }
            let endsLine: Bool
            if index == tokens.count - 1 {
                endsLine = true
            } else if case let .text(after) = tokens[index + 1] {
                let firstBreak = after.firstIndex(of: newline)
                endsLine = (firstBreak != nil || index + 1 == tokens.count - 1)
                    && after[..<(firstBreak ?? after.count)].allSatisfy { space($0) || $0 == UInt8(ascii: "\r") }
            } else {
                endsLine = false
            }
            if startsLine && endsLine { standalone.append(index) }
        }
        var indentation: [Int: String] = [:]
        for index in standalone {
            if index > 0, case let .text(before) = tokens[index - 1] {
                let cut = (before.lastIndex(of: newline) ?? -1) + 1
                indentation[index] = String(decoding: before[cut...], as: UTF8.self)
                tokens[index - 1] = .text(Array(before[..<cut]))
            }
            if index + 1 < tokens.count, case let .text(after) = tokens[index + 1] {
                let cut = after.firstIndex(of: newline).map { $0 + 1 } ?? after.count
                tokens[index + 1] = .text(Array(after[cut...]))
            }
        }
        return indentation
    }

    // MARK: Tree

    private func build(_ tokens: [Token], _ indentation: [Int: String], from position: inout Int,
                       closing: (name: String, line: Int)?) throws(PageTemplateError) -> [PageTemplate.Node] {
        var nodes: [PageTemplate.Node] = []
        while position < tokens.count {
            let index = position
            position += 1
            switch tokens[index] {
            case let .text(text):
                if !text.isEmpty { nodes.append(.text(String(decoding: text, as: UTF8.self))) }
            case let .tag(kind, name, line):
                switch kind {
                case .variable, .raw:
                    nodes.append(.variable(path: Self.path(name), escaped: kind == .variable))
                case .section, .inverted:
                    let body = try build(tokens, indentation, from: &position, closing: (name, line))
                    nodes.append(.section(path: Self.path(name), inverted: kind == .inverted, body: body))
                case .close:
                    guard let closing, closing.name == name else {
                        throw PageTemplateError(line: line, rule: "{{/\(name)}} closes no open section"
                            + (closing.map { " ({{#\($0.name)}} of line \($0.line) is open)" } ?? ""))
                    }
                    return nodes
                case .partial:
                    nodes.append(.partial(name: name, indentation: indentation[index] ?? ""))
                case .comment:
                    break
                }
            }
        }
        if let closing {
            throw PageTemplateError(line: closing.line, rule: "{{#\(closing.name)}} is never closed")
        }
        return nodes
    }

    private static func path(_ name: String) -> [String] {
        name == "." ? [] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}

private extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }
}
