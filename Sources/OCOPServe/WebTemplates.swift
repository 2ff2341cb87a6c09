import Crypto
import Foundation
import OCOPFailure

/// The resolver's Mustache templates (`Templates/web/*.mustache`) and its one stylesheet,
/// loaded once at start. The stylesheet is inlined and allowed by its SHA-256 in the CSP, so
/// the pages need neither `unsafe-inline` nor any other file.
struct WebTemplates: Sendable {
    /// One library per language: what depends only on the language (`{{t.…}}` words, `{{lang}}`,
    /// `{{langQuery}}`) and the stylesheet (`{{{css}}}`) are written into the templates' text
    /// when they are loaded. Looking each up on every page was a fifth of a page's time.
    let libraries: [Language: [String: PageTemplate]]
    /// Each language's word table (`{{t.…}}`) as a page value.
    let words: [Language: PageValue]
    let css: String
    /// `'sha256-…'` of the stylesheet, as the Content-Security-Policy names it.
    let cssHashSource: String

    static let required = ["resolve", "verify", "message", "head", "foot", "resolution", "verdict", "shop"]

    init(folder: String) throws(ServeError) {
        guard let css = try? String(contentsOfFile: folder + "/style.css", encoding: .utf8) else {
            throw .templates("\(folder)/style.css is missing")
        }
        var libraries: [Language: [String: PageTemplate]] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for file in names.sorted() where file.hasSuffix(".mustache") {
            guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else {
                throw .templates("cannot read \(folder)/\(file)")
            }
            for language in Language.allCases {
                do {
                    libraries[language, default: [:]][String(file.dropLast(".mustache".count))] =
                        try PageTemplate(parsing: Self.bake(text, language, css: css))
                } catch {
                    throw .templates("\(folder)/\(file): \(error)")
                }
            }
        }
        for name in Self.required where libraries[.vi]?[name] == nil {
            throw .templates("\(folder)/\(name).mustache is missing")
        }
        self.libraries = libraries
        words = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, PageValue(Texts.table($0)) ?? .object([:])) })
        self.css = css
        cssHashSource = "'sha256-" + Data(SHA256.hash(data: Array(css.utf8))).base64EncodedString() + "'"
    }

    /// The template's text with the language's words, `lang`, `langQuery` and the stylesheet
    /// written in, escaped as Mustache would escape them.
    static func bake(_ text: String, _ language: Language, css: String) -> String {
        let words = Texts.table(language), escape = HTMLEscaping()
        var out = "", rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let tail = rest[open.lowerBound...]
            guard let close = tail.range(of: "}}") else { break }
            var tag = tail[tail.index(tail.startIndex, offsetBy: 2)..<close.lowerBound]
            var end = close.upperBound
            if tag.hasPrefix("{"), tail[close.upperBound...].hasPrefix("}") {
                tag = tag.dropFirst()
                end = tail.index(after: close.upperBound)
                if tag == "css" {
                    out += css
                    rest = tail[end...]
                    continue
                }
            }
            switch tag {
            case "lang": out += language.rawValue
            case "langQuery": out += language == .vi ? "" : "?lang=en"
            case _ where tag.hasPrefix("t.") && tag.dropFirst(2).allSatisfy(\.isLetter):
                out += escape.escapeText(words[String(tag.dropFirst(2))] ?? "")
            default: out += tail[..<end]
            }
            rest = tail[end...]
        }
        return out + rest
    }

    func render(_ name: String, _ context: [String: Any]) -> String {
        let language = (context["lang"] as? String).flatMap(Language.init(rawValue:)) ?? .vi
        guard let templates = libraries[language], let template = templates[name] else { return "" }
        var values: [String: PageValue] = [:]
        values.reserveCapacity(context.count)
        for (key, value) in context {
            // The word table is the same on every page of a language: typed once, at start.
            values[key] = key == "t" ? words[language] : PageValue(value)
        }
        return template.render(.object(values), partials: templates)
    }

    /// No scripts, no frames, no plugins; forms post only here; the one stylesheet by hash.
    var contentSecurityPolicy: String {
        "default-src 'none'; style-src \(cssHashSource); img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"
    }
}

/// Why the resolver cannot start or answer.
public enum ServeError: Error, CustomStringConvertible, Sendable {
    case templates(String)
    case startup(String)

    public var description: String {
        switch self {
        case let .templates(message): return "templates: \(message)"
        case let .startup(message): return "serve: \(message)"
        }
    }
}

extension ServeError: ReportableError {
    public var exitCode: Int32 {
        switch self {
        case .templates: return OCOPExit.data
        case .startup: return OCOPExit.unavailable
        }
    }
}
