/// The data fields a Mustache text refers to, found without rendering it.
///
/// Names inside a section are resolved the way Mustache looks them up: `{{stars}}` inside
/// `{{#rating}}…{{/rating}}` is `rating.stars` when that field exists, else a top-level name.
enum Placeholders {
    struct Scan: Equatable {
        /// Fully qualified field names the text uses (`rating.stars`).
        var fields: Set<String> = []
        /// Names that match no field, as written.
        var unknown: [String] = []
        /// Tags this tool does not support (partials `{{> …}}`), as written.
        var unsupported: [String] = []
    }

    static func scan(_ text: String) -> Scan {
        var result = Scan()
        var sections: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            let triple = rest[open.upperBound...].hasPrefix("{")
            let close = triple ? "}}}" : "}}"
            let bodyStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let end = rest[bodyStart...].range(of: close) else { break }
            var tag = rest[bodyStart..<end.lowerBound].trimmingCharacters(in: " \t")
            rest = rest[end.upperBound...]

            let sigil = tag.first
            switch sigil {
            case "!", "%", "=": continue
            case ">", "<", "$":
                result.unsupported.append("{{\(tag)}}")
                continue
            case "#", "^", "/", "&":
                tag = String(tag.dropFirst()).trimmingCharacters(in: " \t")
            default: break
            }
            if tag == "." { continue }
            let resolved = resolve(tag, sections: sections)
            if let resolved { result.fields.insert(resolved) } else { result.unknown.append(tag) }
            if sigil == "#" || sigil == "^" {
                sections.append(resolved ?? tag)
            } else if sigil == "/", !sections.isEmpty {
                sections.removeLast()
            }
        }
        return result
    }

    private static func resolve(_ name: String, sections: [String]) -> String? {
        for section in sections.reversed() where LabelField.groups.contains(section) {
            let qualified = section + "." + name
            if LabelField.isKnown(qualified) { return qualified }
        }
        return LabelField.isKnown(name) ? name : nil
    }
}

private extension Substring {
    func trimmingCharacters(in characters: String) -> String {
        let set = Set(characters)
        guard let first = firstIndex(where: { !set.contains($0) }), let last = lastIndex(where: { !set.contains($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

private extension String {
    func trimmingCharacters(in characters: String) -> String {
        Substring(self).trimmingCharacters(in: characters)
    }
}
