import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OCOPDomain
import OCOPKit
import OCOPStore

/// The phone page for shop staff (`/shop`): a device enrolled once with a one-time link
/// (`token issue --link`) keeps its own device token in a cookie, then checks a code (typed,
/// pasted or photographed) and sells it or records its receipt. Writes go through the write
/// API's own calls, so a sale here is judged, signed and refused exactly as over the API.
///
/// - `GET /shop/enrol?t=…`: what the link enrols, and a button (a link preview in a chat app
///   must not use the link up; only the POST does);
/// - `POST /shop/enrol`: uses the link, sets the cookie, 303 to `/shop`;
/// - `GET /shop`: the form; `POST /shop`: the verdict first, then the form again.
///
/// The cookie is HttpOnly, SameSite=Strict, Secure when the request came over TLS (a trusted
/// proxy's `X-Forwarded-Proto: https`); every form carries a CSRF token derived from it.
extension ResolverResponder {
    static let shopCookie = "ocop_device"

    func shop(_ request: Request, path: String, language: Language, client: String?,
              trace: RequestTrace) async throws -> Response {
        switch (request.method, path) {
        case (.get, "/shop/enrol"), (.head, "/shop/enrol"):
            trace.set(route: "shop-enrol")
            return await enrolPage(link: Self.queryValue("t", in: request.uri.query) ?? "", language: language)
        case (.post, "/shop/enrol"):
            trace.set(route: "shop-enrol")
            return try await enrol(request, language: language)
        case (.get, "/shop"), (.head, "/shop"):
            trace.set(route: "shop")
            guard let device = await shopDevice(request) else { return notEnrolled(language) }
            return shopPage(.ok, language: language, device: device, extra: [:])
        case (.post, "/shop"):
            trace.set(route: "shop-action")
            guard let device = await shopDevice(request) else { return notEnrolled(language) }
            return try await shopAction(request, language: language, device: device, client: client, trace: trace)
        default:
            trace.set(route: "method-not-allowed")
            let t = Texts.table(language)
            var response = message(.methodNotAllowed, language, title: t["methodNotAllowed"] ?? "", body: nil, json: false)
            response.headers[.allow] = "GET, HEAD, POST"
            return response
        }
    }

    // MARK: Enrolment

    private func enrolPage(link: String, language: Language) async -> Response {
        let t = Texts.table(language)
        switch await api.check(enrolLink: link) {
        case let .refused(why):
            return shopMessage(.forbidden, language, title: t["shopLinkRefused"] ?? "", body: why)
        case let .valid(actor, _):
            var page = Pages.base(language, title: t["shopEnrolTitle"] ?? "", path: "/shop/enrol", query: nil)
            page["otherLang"] = nil
            page["enrol"] = ["actor": actor, "link": link]
            page["footerNote"] = t["shopFooter"]
            return html(.ok, templates.render("shop", page))
        }
    }

    private func enrol(_ request: Request, language: Language) async throws -> Response {
        let t = Texts.table(language)
        let form: MultipartForm
        switch await readForm(request) {
        case let .failure(refusal): return shopMessage(refusal.status, language, title: t[refusal.key] ?? refusal.key, body: nil)
        case let .success(read): form = read
        }
        let secret: DeviceTokenSecret
        do {
            secret = try await api.enrol(link: form.text(named: "t") ?? "")
        } catch let error as StoreError {
            if case let .forbidden(why) = error { return shopMessage(.forbidden, language, title: t["shopLinkRefused"] ?? "", body: why) }
            throw error
        }
        var headers = securityHeaders()
        headers[.location] = "/shop" + (language == .vi ? "" : "?lang=en")
        headers[.setCookie] = Self.cookie(secret.text, secure: isTLS(request))
        return Response(status: .seeOther, headers: headers)
    }

    /// The cookie that holds the device token; it lives as long as a browser keeps cookies
    /// (400 days at most), the token's expiry and revocation still apply on every request.
    static func cookie(_ value: String, secure: Bool) -> String {
        "\(shopCookie)=\(value); Path=/shop; Max-Age=34560000; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// Over TLS only behind a trusted proxy that says so.
    private func isTLS(_ request: Request) -> Bool {
        configuration.trustForwardedFor && request.headers[.xForwardedProto]?.lowercased() == "https"
    }

    // MARK: The desk

    /// The device behind the request's cookie, if its token is valid now.
    private func shopDevice(_ request: Request) async -> ShopDevice? {
        guard let token = Self.cookieValue(Self.shopCookie, in: request.headers[values: .cookie]) else { return nil }
        guard case let .valid(actor, tokenID) = await api.check(token: token) else { return nil }
        return ShopDevice(actor: actor, tokenID: tokenID, csrf: Self.csrf(for: token))
    }

    struct ShopDevice {
        let actor: String
        let tokenID: String
        let csrf: String
        var asAPIDevice: (actor: String, token: String) { (actor, tokenID) }
    }

    /// The form's CSRF token: a hash of the cookie's token, which another site cannot read.
    static func csrf(for token: String) -> String {
        Base64URL.encode(Array(SHA256.hash(data: Array(("ocop-trace shop form|" + token).utf8))))
    }

    static func cookieValue(_ name: String, in headers: [String]) -> String? {
        for header in headers {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    private func shopAction(_ request: Request, language: Language, device: ShopDevice, client: String?,
                            trace: RequestTrace) async throws -> Response {
        let t = Texts.table(language)
        guard api.perToken.allow(device.tokenID) else {
            return shopPage(.tooManyRequests, language: language, device: device, extra: ["error": t["tooMany"] ?? ""])
        }
        let form: MultipartForm
        switch await readForm(request) {
        case let .failure(refusal): return shopPage(refusal.status, language: language, device: device, extra: ["error": t[refusal.key] ?? refusal.key])
        case let .success(read): form = read
        }
        guard let sent = form.text(named: "csrf"), DeviceTokenSecret.sameDigest(sent, device.csrf) else {
            return shopPage(.forbidden, language: language, device: device, extra: ["error": t["shopCSRF"] ?? ""])
        }
        let action = form.text(named: "action")
        guard action == "sell" || action == "receive" else {
            return shopPage(.badRequest, language: language, device: device, extra: ["error": t["shopNoAction"] ?? ""])
        }
        let code: String
        switch await self.code(in: form, client: client) {
        case let .failure(refusal): return shopPage(refusal.status, language: language, device: device, extra: ["error": t[refusal.key] ?? refusal.key])
        case let .success(read): code = read.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var extra: [String: Any] = ["decoded": code]
        var status = HTTPResponse.Status.ok
        do {
            if action == "sell" {
                let outcome = try await api.sell(code, at: EventTime(date: Date()), location: nil, note: nil, device: device.asAPIDevice)
                let report: VerificationReport
                switch outcome {
                case let .sold(_, sold):
                    report = sold
                    extra["done"] = t["shopSold"]
                case let .refused(refused):
                    report = refused
                    status = .conflict
                    extra["refused"] = t["shopNotSold"]
                }
                trace.set(route: "shop-sell", verdict: report.verdict.rawValue)
                let resolution = try await stores.run { resolver in try resolver.present(report, input: code) }
                extra.merge(Pages.resolution(resolution, language) as [String: Any]) { $1 }
            } else {
                let resolution = try await stores.run { resolver in try resolver.verify(text: code) }
                trace.set(route: "shop-receive", verdict: resolution.verdict?.rawValue)
                extra.merge(Pages.resolution(resolution, language) as [String: Any]) { $1 }
                if resolution.verdict?.showsFacts == true {
                    _ = try await api.record(EventDraft(step: .receiving, at: EventTime(date: Date())), code: code,
                                             device: device.asAPIDevice)
                    extra["done"] = t["shopReceived"]
                } else {
                    status = .conflict
                    extra["refused"] = t["shopNotReceived"]
                }
            }
        } catch let error as StoreError {
            if case let .forbidden(why) = error {
                return shopPage(.forbidden, language: language, device: device, extra: ["error": why])
            }
            throw error
        }
        return shopPage(status, language: language, device: device, extra: extra)
    }

    private func shopPage(_ status: HTTPResponse.Status, language: Language, device: ShopDevice, extra: [String: Any]) -> Response {
        let t = Texts.table(language)
        var page = Pages.base(language, title: t["shopTitle"] ?? "", path: "/shop", query: nil)
        page["desk"] = ["actor": device.actor, "csrf": device.csrf]
        page["footerNote"] = t["shopFooter"]
        page.merge(extra) { $1 }
        return html(status, templates.render("shop", page))
    }

    private func notEnrolled(_ language: Language) -> Response {
        let t = Texts.table(language)
        return shopMessage(.forbidden, language, title: t["shopNotEnrolled"] ?? "", body: t["shopNotEnrolledBody"])
    }

    private func shopMessage(_ status: HTTPResponse.Status, _ language: Language, title: String, body: String?) -> Response {
        var page = Pages.base(language, title: title, path: "/shop", query: nil)
        page["heading"] = title
        if let body { page["body"] = body }
        page["footerNote"] = Texts.table(language)["shopFooter"]
        return html(status, templates.render("message", page))
    }
}

extension HTTPField.Name {
    static let xForwardedProto = Self("X-Forwarded-Proto")!
}
