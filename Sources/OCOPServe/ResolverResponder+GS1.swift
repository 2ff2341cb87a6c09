import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OCOPDomain

/// What GS1's Conformant Resolver standard (1.2) asks of a resolver beyond the page: the
/// description file, OPTIONS and CORS, `linkType` redirects, the linkset, the `Link` header,
/// and the resources the links point at (certificate, recall status, trace).
extension ResolverResponder {
    static let linksetContext = "https://ref.gs1.org/standards/resolver/linkset-context"
    static let corsMethods = "GET, HEAD, OPTIONS"

    /// `/.well-known/gs1resolver`: who this resolver is and what it answers.
    func resolverDescription() -> Response {
        let host = resolver.resolverHost
        let description: [String: Any] = [
            "name": "ocop-trace resolver of \(host) (OCOP products of Vietnam)",
            "resolverRoot": "https://\(host)",
            "supportedPrimaryKeys": ["01"],
            "supportedLinkType": [["namespace": ResolverLinks.vocabulary, "prefix": "gs1:"]],
            "linkTypeDefaultCanBeLinkset": false,
            "jsonLdContextLocation": Self.linksetContext,
        ]
        var response = jsonResponse(.ok, Pages.json(description), request: nil)
        allowCrossOrigin(&response.headers)
        return response
    }

    /// OPTIONS on any path: the methods it takes; CORS for every public path (the write API and
    /// the shop page, which carry tokens and cookies, are same-origin only).
    func options(_ path: String) -> Response {
        var headers = securityHeaders()
        let writes = path.hasPrefix(WriteAPI.prefix) || path == "/shop" || path.hasPrefix("/shop/")
        headers[.allow] = writes || path == "/verify" ? "GET, HEAD, POST, OPTIONS" : Self.corsMethods
        if !writes {
            allowCrossOrigin(&headers)
            headers[.accessControlAllowMethods] = headers[.allow]
            headers[.accessControlAllowHeaders] = "Accept, Accept-Language, Content-Type"
            headers[.accessControlMaxAge] = "86400"
        }
        return Response(status: .noContent, headers: headers)
    }

    func allowCrossOrigin(_ headers: inout HTTPFields) {
        headers[.accessControlAllowOrigin] = "*"
        headers[.accessControlExposeHeaders] = "Link, Location, Vary"
    }

    /// The answer to a resolved code: the page or JSON, the linkset, or a `linkType` redirect; with
    /// the `Link` header and CORS on each.
    func answer(_ resolution: Resolution, request: Request, query: String?, language: Language,
                page: () -> Response) -> Response {
        let links = ResolverLinks.of(resolution, title: Pages.linkTitle(resolution, language))
        var response: Response
        switch Self.queryValue("linkType", in: query).map({ ResolverLinks.requested($0.removingPercentEncoding ?? $0) }) {
        case .linkset?:
            response = linksetResponse(resolution, links: links, language: language)
        case let .term(term)?:
            if let link = links.first(where: { $0.term == term }) {
                response = link.href == resolution.requested ? page() : redirect(to: link.href, passing: query)
            } else {
                let t = Texts.table(language)
                let available = links.map { "gs1:" + $0.term }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                response = message(.notFound, language, title: t["noSuchLinkType"] ?? "",
                                   body: "gs1:\(term) — " + available.joined(separator: ", "), json: wantsJSON(request))
            }
        case nil:
            if request.headers[.accept]?.contains("application/linkset+json") == true {
                response = linksetResponse(resolution, links: links, language: language)
            } else {
                response = page()
            }
        }
        response.headers[HTTPField.Name("Link")!] = ResolverLinks.header(links, anchor: resolution.anchor)
        allowCrossOrigin(&response.headers)
        return response
    }

    /// RFC 9264 linkset with this tool's `ocop` facts beside it, and the JSON-LD context linked.
    private func linksetResponse(_ resolution: Resolution, links: [ResolverLink], language: Language) -> Response {
        var body = Pages.linkset(resolution, language)
        body["linkset"] = [ResolverLinks.linkset(links, anchor: resolution.anchor)]
        var response = jsonResponse(.ok, Pages.json(body), request: nil)
        response.headers[.contentType] = "application/linkset+json"
        return response
    }

    /// 307 to `target`, the request's query passed on (but `linkType`, the code's own signature
    /// `s`, which names the unit and means nothing to another resource, and what the target
    /// already carries).
    func redirect(to target: String, passing query: String?) -> Response {
        let carried = Set((target.split(separator: "?", maxSplits: 1).dropFirst().first ?? "").split(separator: "&")
            .map { String($0.split(separator: "=", maxSplits: 1).first ?? "") })
        let passed = (query ?? "").split(separator: "&").filter { item in
            let name = String(item.split(separator: "=", maxSplits: 1).first ?? "")
            return !name.isEmpty && name != "linkType" && name != DigitalLink.signatureKey && !carried.contains(name)
        }
        var location = target
        if !passed.isEmpty { location += (target.contains("?") ? "&" : "?") + passed.joined(separator: "&") }
        var headers = securityHeaders()
        headers[.location] = location
        return Response(status: .temporaryRedirect, headers: headers)
    }

    // MARK: The resources the links point at

    func resource(_ resource: ResolverResource, codePath: String, request: Request, language: Language,
                  trace: RequestTrace) async throws -> Response {
        let query = resource == .trace ? request.uri.query : nil
        let outcome = try await stores.run { resolver in try resolver.resolve(path: codePath, query: query, client: nil) }
        let t = Texts.table(language)
        let json = wantsJSON(request)
        trace.set(route: resource.rawValue)
        var response: Response
        switch outcome {
        case .notFound:
            response = message(.notFound, language, title: t["notFoundTitle"] ?? "", body: t["notFoundBody"], json: json)
        case let .invalid(error):
            response = message(.badRequest, language, title: t["invalidTitle"] ?? "", body: (t["invalidBody"] ?? "") + " (" + error.description + ")",
                               json: json)
        case let .resolved(resolution):
            switch resource {
            case .certificate: response = certificate(resolution, request: request, language: language)
            case .recallStatus: response = recallStatus(resolution)
            case .trace: response = unitTrace(resolution, request: request, language: language)
            }
        }
        allowCrossOrigin(&response.headers)
        return response
    }

    /// The OCOP certificate: 200 while in force, 410 Gone once withdrawn or lapsed (the page says
    /// which), 404 for a product never rated.
    private func certificate(_ resolution: Resolution, request: Request, language: Language) -> Response {
        let t = Texts.table(language)
        guard let rating = resolution.rating, resolution.verdict?.showsFacts ?? true else {
            return message(.notFound, language, title: t["noRating"] ?? "", body: nil, json: wantsJSON(request))
        }
        let inForce = switch rating.status {
        case .valid, .notYetInForce: true
        case .expired, .withdrawn: false
        }
        let status: HTTPResponse.Status = inForce ? .ok : .gone
        if wantsJSON(request) {
            var certificate: [String: Any] = ["decision_no": rating.decisionNumber, "decision_date": rating.decisionDate.iso8601,
                                              "status": Pages.ratingStatusWord(rating.status)]
            if let stars = rating.stars { certificate["stars"] = stars }
            if let level = rating.level { certificate["level"] = level.rawValue }
            if let until = rating.validUntil { certificate["valid_until"] = until.iso8601 }
            if let product = resolution.product { certificate["product"] = product.name }
            if let producer = resolution.producer { certificate["producer"] = producer.name }
            return jsonResponse(status, Pages.json(["certificate": certificate, "anchor": resolution.anchor]), request: nil)
        }
        var page = Pages.base(language, title: t["certificate"] ?? "OCOP", path: request.uri.path, query: request.uri.query)
        page.merge(Pages.resolution(resolution, language) as [String: Any]) { $1 }
        for key in ["batch", "passport", "scanCount", "scanWarning", "verdict"] { page[key] = nil }
        page["productOnly"] = nil
        page["certificateHeading"] = status == .gone ? t["certificateInactive"] : t["certificate"]
        return html(status, templates.render("resolve", page))
    }

    /// The batch's recall status as JSON: recalled or not, since when and why.
    private func recallStatus(_ resolution: Resolution) -> Response {
        var body: [String: Any] = ["anchor": resolution.anchor, "recalled": resolution.recall != nil]
        if let recall = resolution.recall {
            body["since"] = recall.at.text
            if let reason = recall.reason { body["reason"] = reason }
        }
        return jsonResponse(.ok, Pages.json(body), request: nil)
    }

    /// The unit's stages as the page shows them, without the product and passport sections.
    private func unitTrace(_ resolution: Resolution, request: Request, language: Language) -> Response {
        if wantsJSON(request) {
            var body: [String: Any] = ["anchor": resolution.anchor]
            if let verdict = resolution.verdict { body["verdict"] = verdict.rawValue }
            let linkset = Pages.linkset(resolution, language)
            body["events"] = (linkset["ocop"] as? [String: Any])?["events"] ?? []
            return jsonResponse(.ok, Pages.json(body), request: nil)
        }
        var page = Pages.base(language, title: Texts.table(language)["timeline"] ?? "", path: request.uri.path, query: request.uri.query)
        page.merge(Pages.resolution(resolution, language) as [String: Any]) { $1 }
        for key in ["product", "producer", "rating", "noRating", "passport", "scanCount"] { page[key] = nil }
        return html(.ok, templates.render("resolve", page))
    }
}
