import Foundation
import HTTPTypes
import Hummingbird
import OCOPDomain
import OCOPStore

/// "Báo hàng giả / Report a fake": the form at the foot of a unit's page (no JavaScript), one
/// signed `fake_reported` entry per report, a few per client an hour.
extension ResolverResponder {
    func fakeReport(_ request: Request, language: Language, client: String?, trace: RequestTrace) async throws -> Response {
        trace.set(route: "report")
        let t = Texts.table(language)
        let json = wantsJSON(request)
        guard let client, fakeReports.allow(client) else {
            return message(.tooManyRequests, language, title: t["reportTooMany"] ?? "", body: nil, json: json)
        }
        let form: MultipartForm
        switch await readForm(request) {
        case let .failure(refusal): return message(refusal.status, language, title: t[refusal.key] ?? refusal.key, body: nil, json: json)
        case let .success(read): form = read
        }
        let code = (form.text(named: "code") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let link = try? DigitalLink(parsing: code), link.host == resolver.resolverHost else {
            return message(.badRequest, language, title: t["invalidTitle"] ?? "", body: t["invalidBody"], json: json)
        }
        let report: FakeReport
        do {
            report = try FakeReport(code: code, serial: link.serial, note: form.text(named: "note"), client: client)
        } catch {
            return message(.badRequest, language, title: t["invalidTitle"] ?? "", body: error.description, json: json)
        }
        let entry = try await stores.run { resolver in
            try resolver.store.reportFake(report, actor: StoreSigner.shared.author(resolver.store))
        }
        let thanks = Pages.format(t["reportThanksBody"] ?? "%d", Int(entry.seq))
        if json { return jsonResponse(.created, Pages.json(["reported": true, "seq": entry.seq]), request: nil) }
        return message(.ok, language, title: t["reportThanks"] ?? "", body: thanks, json: false)
    }
}
