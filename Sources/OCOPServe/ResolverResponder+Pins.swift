import Foundation
import HTTPTypes
import Hummingbird
import OCOPDomain
import OCOPKit
import OCOPStore

/// "Nhập mã PIN / Enter PIN": the form on the page of a unit with a scratch-off PIN (no
/// JavaScript). The first correct PIN is logged as a signed `pin_claimed` entry (store key, as
/// scans are) and answers "Genuine, first check"; a later one is `PIN_REUSED`. Wrong PINs are
/// limited per unit and client (`WrongPins`), then 429.
extension ResolverResponder {
    func pinCheck(_ request: Request, language: Language, client: String?, trace: RequestTrace) async throws -> Response {
        trace.set(route: "pin")
        let t = Texts.table(language)
        let json = wantsJSON(request)
        let form: MultipartForm
        switch await readForm(request) {
        case let .failure(refusal): return message(refusal.status, language, title: t[refusal.key] ?? refusal.key, body: nil, json: json)
        case let .success(read): form = read
        }
        let code = (form.text(named: "code") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let link = try? DigitalLink(parsing: code), link.host == resolver.resolverHost, let serial = link.serial else {
            return message(.badRequest, language, title: t["invalidTitle"] ?? "", body: t["invalidBody"], json: json)
        }
        let pin: ScratchPin
        do {
            pin = try ScratchPin(parsing: form.text(named: "pin") ?? "")
        } catch {
            return message(.badRequest, language, title: t["pinWrong"] ?? "", body: error.description, json: json)
        }
        let day = configuration.today().description
        let who = client ?? "unknown"
        guard wrongPins.allows(serial: serial, client: who, day: day) else {
            return message(.tooManyRequests, language, title: t["pinTooMany"] ?? "", body: nil, json: json)
        }
        let resolution = try await stores.run { resolver in
            let report = try CheckPin(store: resolver.store, verify: resolver.verify)(
                CodeInput(text: code), pin: pin, client: who, actor: StoreSigner.shared.author(resolver.store),
                on: resolver.configuration.today())
            return try resolver.present(report, input: code)
        }
        if resolution.pin == .wrong { wrongPins.recordWrong(serial: serial, client: who, day: day) }
        trace.set(route: "pin", verdict: resolution.verdict?.rawValue)
        // A wrong PIN is the client's error: 422, with the form again.
        let status: HTTPResponse.Status = resolution.pin == .wrong ? .unprocessableContent : .ok
        if json { return jsonResponse(status, Pages.json(Pages.linkset(resolution, language)), request: request) }
        let title = resolution.verdict.map { VerdictText.of($0, language).headline } ?? (t["productPage"] ?? "")
        var page = Pages.base(language, title: title, path: "/pin", query: request.uri.query)
        page.merge(Pages.resolution(resolution, language) as [String: Any]) { $1 }
        return html(status, templates.render("resolve", page))
    }
}
