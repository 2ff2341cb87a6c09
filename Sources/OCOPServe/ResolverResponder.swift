import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OCOPDomain
import OCOPStore

/// The request context: Hummingbird's core storage plus the peer's address (for scan counting).
public struct ResolverRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// Answers every request: Digital Link pages and linksets, `/verify`, a home page, and a
/// helpful 404. Nothing is ever read from the file system on a request's behalf.
public struct ResolverResponder: HTTPResponder {
    public typealias Context = ResolverRequestContext

    let resolver: Resolver
    let templates: WebTemplates
    let configuration: ResolverConfiguration

    public init(resolver: Resolver, configuration: ResolverConfiguration) throws(ServeError) {
        self.resolver = resolver
        self.configuration = configuration
        templates = try WebTemplates(folder: configuration.templatesFolder)
    }

    struct Timeout: Error {}

    public func respond(to request: Request, context: Context) async throws -> Response {
        let language = Language.choose(query: Self.queryValue("lang", in: request.uri.query),
                                       acceptLanguage: request.headers[.acceptLanguage])
        do {
            return try await withThrowingTaskGroup(of: Response.self) { group in
                group.addTask { try await self.route(request, context: context, language: language) }
                group.addTask {
                    try await Task.sleep(for: self.configuration.requestTimeout)
                    throw Timeout()
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch is Timeout {
            return message(.serviceUnavailable, language, title: Texts.table(language)["timeout"] ?? "", body: nil,
                           json: wantsJSON(request))
        } catch {
            return message(.internalServerError, language, title: Texts.table(language)["serverError"] ?? "", body: nil,
                           json: wantsJSON(request))
        }
    }

    private func route(_ request: Request, context: Context, language: Language) async throws -> Response {
        let path = request.uri.path
        let query = request.uri.query
        let t = Texts.table(language)
        switch request.method {
        case .get, .head:
            if path == "/" {
                var page = Pages.base(language, title: "OCOP", path: path, query: query)
                page["heading"] = t["tagline"]
                page["body"] = t["homeBody"]
                page["showVerifyLink"] = true
                return html(.ok, templates.render("message", page))
            }
            if path == "/verify" {
                var page = Pages.base(language, title: t["verifyTitle"] ?? "", path: path, query: query)
                page["form"] = true
                return html(.ok, templates.render("verify", page))
            }
            return try resolve(request, path: path, query: query, language: language, context: context)
        case .post where path == "/verify":
            return try await verifyUpload(request, language: language)
        default:
            var response = message(.methodNotAllowed, language, title: t["methodNotAllowed"] ?? "", body: nil,
                                   json: wantsJSON(request))
            response.headers[.allow] = path == "/verify" ? "GET, HEAD, POST" : "GET, HEAD"
            return response
        }
    }

    // MARK: Digital Links

    private func resolve(_ request: Request, path: String, query: String?, language: Language,
                         context: Context) throws -> Response {
        let t = Texts.table(language)
        let json = wantsJSON(request)
        let client = request.method == .get ? clientFingerprint(request, context: context) : nil
        switch try resolver.resolve(path: path, query: query, client: client) {
        case .notFound:
            return message(.notFound, language, title: t["notFoundTitle"] ?? "", body: t["notFoundBody"], json: json)
        case let .invalid(error):
            return message(.badRequest, language, title: t["invalidTitle"] ?? "",
                           body: (t["invalidBody"] ?? "") + " (" + error.description + ")", json: json)
        case let .resolved(resolution):
            if json {
                return jsonResponse(.ok, Pages.json(Pages.linkset(resolution, language)), request: request)
            }
            let title = resolution.verdict.map { VerdictText.of($0, language).headline }
                ?? resolution.product?.name ?? (t["productPage"] ?? "")
            var page = Pages.base(language, title: title, path: path, query: query)
            page.merge(Pages.resolution(resolution, language)) { $1 }
            return html(.ok, templates.render("resolve", page))
        }
    }

    /// A salted hash of the client's address; nil when the address is unknown.
    private func clientFingerprint(_ request: Request, context: Context) -> String? {
        var address: String?
        if configuration.trustForwardedFor, let forwarded = request.headers[.xForwardedFor] {
            address = forwarded.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        if address == nil || address?.isEmpty == true { address = context.remoteAddress?.ipAddress }
        guard let address, !address.isEmpty else { return nil }
        return ClientFingerprint.of(address: address, salt: configuration.fingerprintSalt)
    }

    // MARK: /verify

    private func verifyUpload(_ request: Request, language: Language) async throws -> Response {
        let t = Texts.table(language)
        let json = wantsJSON(request)
        var page = Pages.base(language, title: t["verifyTitle"] ?? "", path: "/verify", query: request.uri.query)
        page["form"] = true
        func refuse(_ status: HTTPResponse.Status, _ key: String) -> Response {
            if json { return jsonResponse(status, Pages.json(["error": t[key] ?? key, "status": Int(status.code)]), request: request) }
            page["error"] = t[key] ?? key
            return html(status, templates.render("verify", page))
        }
        let limit = configuration.maxUploadBytes + 64 * 1024  // the file plus the form's own bytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return refuse(.contentTooLarge, "tooLarge")
        }
        guard let contentType = request.headers[.contentType],
              let boundary = MultipartForm.boundary(contentType: contentType) else {
            return refuse(.unsupportedMediaType, "nothingSent")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return refuse(.contentTooLarge, "tooLarge")
        }
        guard let form = MultipartForm(body: Array(buffer.readableBytesView), boundary: boundary) else {
            return refuse(.badRequest, "nothingSent")
        }
        let text: String
        if let file = form.part(named: "label"), !file.body.isEmpty {
            guard file.body.count <= configuration.maxUploadBytes else { return refuse(.contentTooLarge, "tooLarge") }
            do {
                let found = try LabelImage.decode(Array(file.body), maxPixels: configuration.maxImagePixels)
                text = found.first { $0.contains("://") } ?? found[0]
            } catch .noCode {
                return refuse(.unprocessableContent, "noQR")
            } catch .tooManyPixels {
                return refuse(.contentTooLarge, "tooLarge")
            } catch {
                return refuse(.unprocessableContent, "badImage")
            }
        } else if let code = form.part(named: "code"), !code.body.isEmpty, code.body.count <= 2048 {
            text = String(decoding: code.body, as: UTF8.self)
        } else {
            return refuse(.badRequest, "nothingSent")
        }
        let resolution = try resolver.verify(text: text)
        if json {
            return jsonResponse(.ok, Pages.json(Pages.linkset(resolution, language)), request: request)
        }
        page.merge(Pages.resolution(resolution, language)) { $1 }
        page["decoded"] = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // A link to the full page only for codes of this resolver, as a local path.
        if let link = try? DigitalLink(parsing: text.trimmingCharacters(in: .whitespacesAndNewlines)),
           link.host == resolver.resolverHost, resolution.verdict?.showsFacts == true,
           let range = text.range(of: "://" + link.host) {
            page["fullPage"] = String(text[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return html(.ok, templates.render("verify", page))
    }

    // MARK: Responses

    /// GS1 resolver conventions: `?linkType=all` or an Accept header preferring JSON.
    func wantsJSON(_ request: Request) -> Bool {
        if Self.queryValue("linkType", in: request.uri.query) == "all" { return true }
        guard let accept = request.headers[.accept] else { return false }
        var html = 0.0, json = 0.0
        for item in accept.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            switch type {
            case "application/json", "application/linkset+json": json = max(json, weight)
            case "text/html", "application/xhtml+xml", "*/*", "text/*": html = max(html, weight - (type.hasSuffix("*") ? 0.001 : 0))
            default: break
            }
        }
        return json > html
    }

    static func queryValue(_ name: String, in query: String?) -> String? {
        guard let query else { return nil }
        for item in query.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }

    private func message(_ status: HTTPResponse.Status, _ language: Language, title: String, body: String?,
                         json: Bool) -> Response {
        if json {
            var object: [String: Any] = ["error": title, "status": Int(status.code)]
            if let body { object["detail"] = body }
            return jsonResponse(status, Pages.json(object), request: nil)
        }
        var page = Pages.base(language, title: title, path: "/", query: nil)
        page["heading"] = title
        if let body { page["body"] = body }
        page["showVerifyLink"] = true
        page["otherLang"] = nil
        return html(status, templates.render("message", page))
    }

    private func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = securityHeaders()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private func jsonResponse(_ status: HTTPResponse.Status, _ text: String, request: Request?) -> Response {
        var headers = securityHeaders()
        let linkset = request?.headers[.accept]?.contains("application/linkset+json") == true
        headers[.contentType] = linkset ? "application/linkset+json" : "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    private func securityHeaders() -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentSecurityPolicy] = templates.contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[.xFrameOptions] = "DENY"
        headers[.cacheControl] = "no-store"
        headers[.vary] = "Accept, Accept-Language"
        headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        headers[HTTPField.Name("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=()"
        return headers
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let xFrameOptions = Self("X-Frame-Options")!
}
