import Crypto
import Foundation
import Mustache
import OCOPFailure

/// The resolver's Mustache templates (`Templates/web/*.mustache`) and its one stylesheet,
/// loaded once at start. The stylesheet is inlined and allowed by its SHA-256 in the CSP, so
/// the pages need neither `unsafe-inline` nor any other file.
struct WebTemplates: Sendable {
    let library: MustacheLibrary
    let css: String
    /// `'sha256-…'` of the stylesheet, as the Content-Security-Policy names it.
    let cssHashSource: String

    static let required = ["resolve", "verify", "message", "head", "foot", "resolution", "verdict", "shop"]

    init(folder: String) throws(ServeError) {
        var library = MustacheLibrary()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for file in names.sorted() where file.hasSuffix(".mustache") {
            guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else {
                throw .templates("cannot read \(folder)/\(file)")
            }
            do {
                // Every template escapes through HTMLEscaping (same characters, faster).
                try library.register("{{% CONTENT_TYPE: \(HTMLEscaping.name)}}" + text, named: String(file.dropLast(".mustache".count)))
            } catch {
                throw .templates("\(folder)/\(file): \(error)")
            }
        }
        for name in Self.required where library.getTemplate(named: name) == nil {
            throw .templates("\(folder)/\(name).mustache is missing")
        }
        guard let css = try? String(contentsOfFile: folder + "/style.css", encoding: .utf8) else {
            throw .templates("\(folder)/style.css is missing")
        }
        self.library = library
        self.css = css
        cssHashSource = "'sha256-" + Data(SHA256.hash(data: Array(css.utf8))).base64EncodedString() + "'"
    }

    func render(_ name: String, _ context: [String: Any]) -> String {
        var context = context
        context["css"] = css
        return library.render(context, withTemplate: name) ?? ""
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
