/// A resolver page template (`Templates/web/*.mustache`), parsed once into nodes and rendered
/// over `PageValue`s. It reads the Mustache the templates use, with the specification's rules:
/// `{{name}}` (HTML-escaped), `{{{name}}}` and `{{& name}}` (raw), `{{#name}}…{{/name}}`,
/// `{{^name}}…{{/name}}`, `{{> partial}}`, `{{! comment}}`, dotted names and `{{.}}`; tags alone
/// on their line take the line with them. Templates stay plain text that anyone can edit.
struct PageTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable(path: [String], escaped: Bool)
        case section(path: [String], inverted: Bool, body: [Node])
        /// `indentation` is the whitespace before a partial alone on its line, put before each of
        /// its lines.
        case partial(name: String, indentation: String)
    }

    let nodes: [Node]

    init(parsing text: String) throws(PageTemplateError) {
        nodes = try PageTemplateParser(text).parse()
    }

    /// The template over `value`, its partials from `partials`.
    func render(_ value: PageValue, partials: [String: PageTemplate]) -> String {
        var out = ""
        out.reserveCapacity(16_384)
        var stack = [value]
        Self.render(nodes, into: &out, stack: &stack, partials: partials, depth: 0)
        return out
    }

    private static func render(_ nodes: [Node], into out: inout String, stack: inout [PageValue],
                               partials: [String: PageTemplate], depth: Int) {
        for node in nodes {
            switch node {
            case let .text(text):
                out += text
            case let .variable(path, escaped):
                guard let value = lookup(path, in: stack) else { continue }
                let text: String
                switch value {
                case let .text(string): text = string
                case let .flag(flag): text = flag ? "true" : "false"
                case .list, .object: continue
                }
                if escaped { HTMLEscaping.append(text, to: &out) } else { out += text }
            case let .section(path, inverted, body):
                let value = lookup(path, in: stack)
                if inverted {
                    if isEmpty(value) { render(body, into: &out, stack: &stack, partials: partials, depth: depth) }
                    continue
                }
                switch value {
                case nil, .flag(false): continue
                case .flag(true): render(body, into: &out, stack: &stack, partials: partials, depth: depth)
                case let .list(items):
                    for item in items {
                        stack.append(item)
                        render(body, into: &out, stack: &stack, partials: partials, depth: depth)
                        stack.removeLast()
                    }
                case let .some(value):
                    stack.append(value)
                    render(body, into: &out, stack: &stack, partials: partials, depth: depth)
                    stack.removeLast()
                }
            case let .partial(name, indentation):
                // A partial that includes itself stops at a depth no page needs.
                guard let partial = partials[name], depth < 16 else { continue }
                if indentation.isEmpty {
                    render(partial.nodes, into: &out, stack: &stack, partials: partials, depth: depth + 1)
                } else {
                    var inner = ""
                    render(partial.nodes, into: &inner, stack: &stack, partials: partials, depth: depth + 1)
                    out += indent(inner, with: indentation)
                }
            }
        }
    }

    /// What a section's name means, looked up from the innermost context outwards; a dotted
    /// name's first part is looked up so, the rest inside it.
    private static func lookup(_ path: [String], in stack: [PageValue]) -> PageValue? {
        guard let first = path.first else { return stack.last }
        var found: PageValue?
        for value in stack.reversed() {
            if let hit = value[first] {
                found = hit
                break
            }
        }
        for key in path.dropFirst() {
            found = found?[key]
        }
        return found
    }

    private static func isEmpty(_ value: PageValue?) -> Bool {
        switch value {
        case nil, .flag(false): true
        case let .list(items): items.isEmpty
        default: false
        }
    }

    private static func indent(_ text: String, with indentation: String) -> String {
        var out = "", atLineStart = true
        for character in text {
            if atLineStart && character != "\n" { out += indentation }
            out.append(character)
            atLineStart = character == "\n"
        }
        return out
    }
}

/// Why a page template cannot be read: the rule and where.
struct PageTemplateError: Error, CustomStringConvertible {
    let line: Int
    let rule: String

    var description: String { "line \(line): \(rule)" }
}
