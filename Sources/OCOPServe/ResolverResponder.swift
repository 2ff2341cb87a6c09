import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import OCOPDomain
import OCOPKit
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

/// Answers every request: Digital Link pages and linksets, `/verify`, a home page, `/healthz`,
/// `/metrics` and a helpful 404. Nothing is ever read from the file system on a request's
/// behalf, and no store call runs on an event loop or the cooperative pool: they run on the
/// resolver's store threads (`BlockingThreads`), image decoding on a thread of its own.
public struct ResolverResponder: HTTPResponder {
    public typealias Context = ResolverRequestContext

    /// One resolver per store thread (each with its own store connection on SQLite).
    let stores: BlockingThreads<Resolver>
    let resolver: Resolver
    /// zbar decoding of `/verify` uploads: one at a time, a short queue, then 429.
    let images: BlockingThreads<Bool>
    let shortCodes: RequestRateLimiter
    let fakeReports: RequestRateLimiter
    let wrongPins: WrongPins
    let templates: WebTemplates
    let configuration: ResolverConfiguration
    let metrics: ResolverMetrics
    /// Writes the queued scans; `ResolverApp` runs it as a service.
    public let scanWriter: ScanWriter
    /// The write API (`/api/v1/…`) for devices with tokens.
    let api: WriteAPI

    public init(resolver: Resolver, configuration: ResolverConfiguration) throws(ServeError) {
        let metrics = ResolverMetrics()
        try self.init(resolvers: [resolver], configuration: configuration, metrics: metrics,
                      scanWriter: ScanWriter(store: resolver.store, queue: resolver.scanQueue,
                                             interval: configuration.scanInterval,
                                             period: configuration.scanFlushPeriod, metrics: metrics,
                                             logger: Logger(label: "ocop-trace.scans")),
                      apiStore: resolver.store)
    }

    init(resolvers: [Resolver], configuration: ResolverConfiguration, metrics: ResolverMetrics,
         scanWriter: ScanWriter, apiStore: any TraceStore) throws(ServeError) {
        resolver = resolvers[0]
        stores = BlockingThreads(name: "ocop-store", resources: resolvers, capacity: configuration.storeQueueCapacity)
        images = BlockingThreads(name: "ocop-image", resources: [true], capacity: configuration.imageQueueCapacity)
        shortCodes = RequestRateLimiter(perMinute: configuration.shortCodesPerMinute, burst: configuration.shortCodeBurst)
        fakeReports = RequestRateLimiter(perHour: configuration.fakeReportsPerHour, burst: configuration.fakeReportBurst)
        wrongPins = WrongPins(limit: configuration.wrongPinsPerDay)
        self.configuration = configuration
        self.metrics = metrics
        self.scanWriter = scanWriter
        templates = try WebTemplates(folder: configuration.templatesFolder)
        api = WriteAPI(writer: BlockingThreads(name: "ocop-api-writer", resources: [apiStore], capacity: configuration.storeQueueCapacity),
                       readers: stores,
                       perToken: RequestRateLimiter(perMinute: configuration.apiRequestsPerTokenPerMinute,
                                                    burst: configuration.apiRequestBurst),
                       today: configuration.today)
    }

    /// Writes every queued scan now (tests; the service does it every `scanFlushPeriod` and on shutdown).
    public func flushScans() async {
        await scanWriter.flush()
    }

    struct Timeout: Error {}

    public func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let language = Language.choose(query: Self.queryValue("lang", in: request.uri.query),
                                       acceptLanguage: request.headers[.acceptLanguage])
        let trace = RequestTrace()
        let client = clientFingerprint(request, context: context)
        var response: Response
        do {
            response = try await withThrowingTaskGroup(of: Response.self) { group in
                group.addTask { try await self.route(request, context: context, language: language, client: client, trace: trace) }
                group.addTask {
                    try await Task.sleep(for: self.configuration.requestTimeout)
                    throw Timeout()
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch is Timeout {
            response = message(.serviceUnavailable, language, title: Texts.table(language)["timeout"] ?? "", body: nil,
                               json: wantsJSON(request))
        } catch {
            response = unavailable(error, request: request, language: language)
        }
        let duration = ContinuousClock.now - started
        let (route, verdict) = trace.read()
        metrics.request(route: route, status: Int(response.status.code), verdict: verdict, duration: duration)
        // Built only when it is written: `--no-access-log` should cost nothing.
        guard configuration.accessLog.logLevel <= .info else { return response }
        var line: Logger.Metadata = [
            "method": "\(request.method)", "route": "\(route)", "status": "\(response.status.code)",
            "duration_ms": "\(String(format: "%.2f", Double(ResolverMetrics.nanoseconds(duration)) / 1e6))",
        ]
        if let verdict { line["verdict"] = "\(verdict)" }
        if let client { line["client"] = "\(client)" }
        if let decode = trace.readLabelDecode() {
            line["label_decode"] = "\(decode.pass)"
            line["label_decode_ms"] = "\(String(format: "%.0f", decode.milliseconds))"
        }
        configuration.accessLog.info("request", metadata: line)
        return response
    }

    /// A store that cannot answer (down, timing out, saturated) is a 503 that says so, never a
    /// hang and never a verdict; anything else is a 500.
    private func unavailable(_ error: any Error, request: Request, language: Language) -> Response {
        let t = Texts.table(language)
        var response: Response
        switch error {
        case is StoreError:
            metrics.databaseError()
            configuration.accessLog.warning("store unavailable", metadata: ["error": "\(error)"])
            response = message(.serviceUnavailable, language, title: t["storeDown"] ?? "", body: t["storeDownBody"],
                               json: wantsJSON(request))
        case ThreadsUnavailable.busy, ThreadsUnavailable.stopped:
            response = message(.serviceUnavailable, language, title: t["busy"] ?? "", body: nil, json: wantsJSON(request))
        default:
            return message(.internalServerError, language, title: t["serverError"] ?? "", body: nil, json: wantsJSON(request))
        }
        response.headers[.retryAfter] = "5"
        return response
    }

    private func route(_ request: Request, context: Context, language: Language, client: String?,
                       trace: RequestTrace) async throws -> Response {
        let path = request.uri.path
        let query = request.uri.query
        let t = Texts.table(language)
        if path.hasPrefix(WriteAPI.prefix) {
            let answer = await api.answer(request, path: path)
            trace.set(route: "api-" + (path.dropFirst(WriteAPI.prefix.count).split(separator: "/").first.map(String.init) ?? ""))
            var response = jsonResponse(answer.status, Pages.json(answer.body), request: nil)
            if answer.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"ocop-trace\"" }
            return response
        }
        if request.method == .options {
            trace.set(route: "options")
            return options(path)
        }
        if path == "/shop" || path.hasPrefix("/shop/") {
            return try await shop(request, path: path, language: language, client: client, trace: trace)
        }
        switch request.method {
        case .get, .head:
            if path == "/healthz" {
                trace.set(route: "healthz")
                return await health()
            }
            if path == "/.well-known/ocop-trace/checkpoint" {
                trace.set(route: "checkpoint")
                return await checkpoint()
            }
            if path == "/.well-known/gs1resolver" {
                trace.set(route: "gs1resolver")
                return resolverDescription()
            }
            if let (resource, codePath) = ResolverResource.of(path: path) {
                return try await self.resource(resource, codePath: codePath, request: request, language: language, trace: trace)
            }
            if path.hasPrefix(ProductImagePath.prefix) {
                trace.set(route: "image")
                return try await productImage(path)
            }
            if path == "/metrics" {
                trace.set(route: "metrics")
                return metricsPage()
            }
            if path == "/" {
                trace.set(route: "home")
                var page = Pages.base(language, title: "OCOP", path: path, query: query)
                page["heading"] = t["tagline"]
                page["body"] = t["homeBody"]
                page["showVerifyLink"] = true
                return html(.ok, templates.render("message", page))
            }
            if path == "/verify" {
                trace.set(route: "verify")
                var page = Pages.base(language, title: t["verifyTitle"] ?? "", path: path, query: query)
                page["form"] = true
                return html(.ok, templates.render("verify", page))
            }
            return try await resolve(request, path: path, query: query, language: language, client: client, trace: trace)
        case .post where path == "/report":
            return try await fakeReport(request, language: language, client: client, trace: trace)
        case .post where path == "/pin":
            return try await pinCheck(request, language: language, client: client, trace: trace)
        case .post where path == "/verify":
            trace.set(route: "verify-upload")
            return try await verifyUpload(request, language: language, client: client, trace: trace)
        default:
            trace.set(route: "method-not-allowed")
            var response = message(.methodNotAllowed, language, title: t["methodNotAllowed"] ?? "", body: nil,
                                   json: wantsJSON(request))
            response.headers[.allow] = path == "/verify" ? "GET, HEAD, POST, OPTIONS" : Self.corsMethods
            return response
        }
    }

    // MARK: Product images

    /// A product image by its SHA-256 (the name the passport and the Circular 02 file give it):
    /// the bytes never change under one name, so caches may keep them for good.
    private func productImage(_ path: String) async throws -> Response {
        guard let sha256 = ProductImagePath.sha256(in: path),
              let image = try await stores.run({ resolver in try resolver.store.productImage(sha256: sha256) }) else {
            var headers = securityHeaders()
            headers[.contentType] = "text/plain; charset=utf-8"
            return Response(status: .notFound, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "no such image\n")))
        }
        var headers = securityHeaders()
        headers[.contentType] = image.mediaType
        headers[.cacheControl] = "public, max-age=31536000, immutable"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: image.bytes)))
    }

    // MARK: Digital Links

    private func resolve(_ request: Request, path rawPath: String, query: String?, language: Language,
                         client: String?, trace: RequestTrace) async throws -> Response {
        let t = Texts.table(language)
        let json = wantsJSON(request)
        // GS1: a trailing slash is tolerated. Scans count page views, not link look-ups.
        let trimmed = rawPath.hasSuffix("/") ? String(rawPath.dropLast()) : rawPath
        let path = trimmed.split(separator: "/").count >= 2 ? trimmed : rawPath
        let scanner = request.method == .get && Self.queryValue("linkType", in: query) == nil ? client : nil
        let outcome = try await stores.run { resolver in try resolver.resolve(path: path, query: query, client: scanner) }
        switch outcome {
        case .notFound:
            trace.set(route: "not-found")
            return message(.notFound, language, title: t["notFoundTitle"] ?? "", body: t["notFoundBody"], json: json)
        case let .invalid(error):
            trace.set(route: "invalid")
            return message(.badRequest, language, title: t["invalidTitle"] ?? "",
                           body: (t["invalidBody"] ?? "") + " (" + error.description + ")", json: json)
        case let .resolved(resolution):
            trace.set(route: resolution.level.rawValue, verdict: resolution.verdict?.rawValue)
            return answer(resolution, request: request, query: query, language: language) {
                if json {
                    return jsonResponse(.ok, Pages.json(Pages.linkset(resolution, language)), request: request)
                }
                let title = resolution.verdict.map { VerdictText.of($0, language).headline }
                    ?? resolution.product?.name ?? (t["productPage"] ?? "")
                var page = Pages.base(language, title: title, path: path, query: query)
                page.merge(Pages.resolution(resolution, language) as [String: Any]) { $1 }
                return html(.ok, templates.render("resolve", page))
            }
        }
    }

    /// A salted hash of the client's address; nil when the address is unknown.
    private func clientFingerprint(_ request: Request, context: Context) -> String? {
        var address: String?
        if configuration.trustForwardedFor, let forwarded = request.headers[.xForwardedFor] {
            address = ForwardedFor.client(header: forwarded, trustedProxies: configuration.trustedProxies)
        }
        if address == nil || address?.isEmpty == true { address = context.remoteAddress?.ipAddress }
        guard let address, !address.isEmpty else { return nil }
        return ClientFingerprint.of(address: address, salt: configuration.fingerprintSalt)
    }

    // MARK: Operations

    /// 200 with the engine and the log's head when the store answers, 503 otherwise (JSON).
    private func health() async -> Response {
        var object: [String: Any] = ["engine": configuration.engine]
        let status: HTTPResponse.Status
        do {
            let head = try await stores.run { resolver in try resolver.store.lastLogEntry()?.seq ?? 0 }
            object["status"] = "ok"
            object["log_head_seq"] = head
            status = .ok
        } catch {
            if error is StoreError { metrics.databaseError() }
            object["status"] = "unavailable"
            object["error"] = "\(error)"
            status = .serviceUnavailable
        }
        return jsonResponse(status, Pages.json(object), request: nil)
    }

    /// A fresh signed checkpoint of the head, for anyone to keep and check the log against later.
    private func checkpoint() async -> Response {
        do {
            let text = try await stores.run { resolver in try resolver.store.checkpoint().text() }
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        } catch {
            if error is StoreError { metrics.databaseError() }
            return jsonResponse(.serviceUnavailable, Pages.json(["status": "unavailable", "error": "\(error)"]), request: nil)
        }
    }

    /// Prometheus text exposition format.
    private func metricsPage() -> Response {
        metrics.scanQueueDepth(resolver.scanQueue.depth)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.text())))
    }

    // MARK: /verify

    private func verifyUpload(_ request: Request, language: Language, client: String?,
                              trace: RequestTrace) async throws -> Response {
        let t = Texts.table(language)
        let json = wantsJSON(request)
        var page = Pages.base(language, title: t["verifyTitle"] ?? "", path: "/verify", query: request.uri.query)
        page["form"] = true
        func refuse(_ status: HTTPResponse.Status, _ key: String) -> Response {
            if json { return jsonResponse(status, Pages.json(["error": t[key] ?? key, "status": Int(status.code)]), request: request) }
            page["error"] = t[key] ?? key
            return html(status, templates.render("verify", page))
        }
        let text: String
        switch await readForm(request) {
        case let .failure(refusal): return refuse(refusal.status, refusal.key)
        case let .success(form):
            switch await code(in: form, client: client, trace: trace) {
            case let .failure(refusal): return refuse(refusal.status, refusal.key)
            case let .success(code): text = code
            }
        }
        let resolution = try await stores.run { resolver in try resolver.verify(text: text) }
        trace.set(route: "verify-upload", verdict: resolution.verdict?.rawValue)
        if json {
            return jsonResponse(.ok, Pages.json(Pages.linkset(resolution, language)), request: request)
        }
        page.merge(Pages.resolution(resolution, language) as [String: Any]) { $1 }
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
        if let linkType = Self.queryValue("linkType", in: request.uri.query), linkType == "all" || linkType == "linkset" { return true }
        guard let accept = request.headers[.accept] else { return false }
        var html = 0.0, json = 0.0
        for item in accept.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmedOfWhiteSpace.lowercased() }
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
            guard let equals = item.firstIndex(of: "=") else {
                if item == name { return "" }
                continue
            }
            if item[..<equals] == name { return String(item[item.index(after: equals)...]) }
        }
        return nil
    }

    func message(_ status: HTTPResponse.Status, _ language: Language, title: String, body: String?,
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

    func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var headers = securityHeaders()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func jsonResponse(_ status: HTTPResponse.Status, _ text: String, request: Request?) -> Response {
        var headers = securityHeaders()
        let linkset = request?.headers[.accept]?.contains("application/linkset+json") == true
        headers[.contentType] = linkset ? "application/linkset+json" : "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    func securityHeaders() -> HTTPFields {
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

/// What the access log and the metrics say about a request: its route and verdict, set by the
/// handler that answers it.
final class RequestTrace: @unchecked Sendable {
    private let lock = NSLock()
    private var route = "other"
    private var verdict: String?
    /// For a label photo: which pass read it (`first`, a second-pass variant, `none`) and how long decoding took.
    private var labelDecode: (pass: String, milliseconds: Double)?

    func set(route: String, verdict: String? = nil) {
        lock.lock()
        self.route = route
        self.verdict = verdict
        lock.unlock()
    }

    func set(labelDecode pass: String, milliseconds: Double) {
        lock.lock()
        labelDecode = (pass, milliseconds)
        lock.unlock()
    }

    func read() -> (route: String, verdict: String?) {
        lock.lock()
        defer { lock.unlock() }
        return (route, verdict)
    }

    func readLabelDecode() -> (pass: String, milliseconds: Double)? {
        lock.lock()
        defer { lock.unlock() }
        return labelDecode
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
    static let xFrameOptions = Self("X-Frame-Options")!
}
