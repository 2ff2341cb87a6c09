import Foundation

/// Reads a template file into a `TemplateDocument`, turning every decoding failure into a
/// `TemplateIssue` that names the element and key.
enum TemplateFile {
    static func read(_ url: URL) -> (document: TemplateDocument?, issues: [TemplateIssue]) {
        let file = url.relativePath
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "no such file"
            return (nil, [TemplateIssue(file: file, rule: .unreadable, message: reason)])
        }
        return decode(data, file: file)
    }

    static func decode(_ data: Data, file: String) -> (document: TemplateDocument?, issues: [TemplateIssue]) {
        let raw: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                return (nil, [TemplateIssue(file: file, rule: .jsonSyntax, message: "the file must hold one JSON object")])
            }
            raw = object
        } catch {
            return (nil, [TemplateIssue(file: file, rule: .jsonSyntax, message: "not valid JSON: \(syntaxDetail(error))")])
        }
        let decoder = JSONDecoder()
        do {
            switch raw["kind"] as? String {
            case "label": return (.label(try decoder.decode(LabelTemplate.self, from: data)), [])
            case "sheet": return (.sheet(try decoder.decode(SheetTemplate.self, from: data)), [])
            default:
                return (nil, [TemplateIssue(file: file, field: "kind", rule: raw["kind"] == nil ? .missingField : .invalidValue,
                                            message: "say what the file holds: \"kind\": \"label\" or \"kind\": \"sheet\"")])
            }
        } catch {
            return (nil, [issue(for: error, file: file, raw: raw)])
        }
    }

    /// Names the element (index, kind, name) and the key path from a decoding error's coding path.
    private static func issue(for error: any Error, file: String, raw: [String: Any]) -> TemplateIssue {
        let path: [any CodingKey]
        let rule: TemplateIssue.Rule
        let message: String
        switch error {
        case let failure as TemplateDecodingFailure:
            path = failure.codingPath
            switch failure.reason {
            case let .unknownKey(key, allowed):
                rule = .unknownField
                message = "\"\(key)\" is not a known key here; allowed: \(allowed.joined(separator: ", "))"
            case let .invalidValue(_, explanation):
                rule = .invalidValue
                message = explanation
            }
        case let DecodingError.keyNotFound(key, context):
            path = context.codingPath + [key]
            rule = .missingField
            message = "required key \"\(key.stringValue)\" is missing"
        case let DecodingError.typeMismatch(type, context):
            path = context.codingPath
            rule = .invalidValue
            message = "expected \(typeName(type))"
        case let DecodingError.valueNotFound(type, context):
            path = context.codingPath
            rule = .invalidValue
            message = "expected \(typeName(type)), found null"
        case let DecodingError.dataCorrupted(context):
            path = context.codingPath
            rule = path.isEmpty ? .jsonSyntax : .invalidValue
            message = path.isEmpty ? "not valid JSON" : "invalid value: \(context.debugDescription)"
        default:
            path = []
            rule = .invalidValue
            message = String(describing: error)
        }
        let (element, field) = locate(path, raw: raw)
        return TemplateIssue(file: file, element: element, field: field, rule: rule, message: message)
    }

    /// `elements[3].font.size_pt` → (elements[3] (text "name"), "font.size_pt").
    private static func locate(_ path: [any CodingKey], raw: [String: Any]) -> (ElementRef?, String?) {
        var rest = path[...]
        var element: ElementRef?
        if path.count >= 2, path[0].stringValue == "elements", let index = path[1].intValue {
            rest = path.dropFirst(2)
            let object = (raw["elements"] as? [Any]).flatMap { index < $0.count ? $0[index] as? [String: Any] : nil }
            if let kind = (object?["type"] as? String).flatMap(LabelElement.Kind.init(rawValue:)) {
                element = ElementRef(index: index, kind: kind, name: object?["name"] as? String)
            } else {
                rest = path.dropFirst(0)
            }
        }
        var field = ""
        for key in rest {
            if let index = key.intValue { field += "[\(index)]" } else { field += (field.isEmpty ? "" : ".") + key.stringValue }
        }
        return (element, field.isEmpty ? nil : field)
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Int.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") || name.hasPrefix("Optional") { return "an object" }
            return "an object"
        }
    }

    private static func syntaxDetail(_ error: any Error) -> String {
        let nsError = error as NSError
        return (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
    }
}
