import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OCOPDomain
import OCOPKit
import OCOPStore

/// The write API on the resolver's port: JSON over HTTP for shops' tills and distributors'
/// phones, authenticated by device tokens (`token issue`).
///
/// - `POST /api/v1/events`: a chain event for a unit (URI or short code) or a batch (lot);
/// - `POST /api/v1/sales`: a retail sale, verdict first, refused (409) unless the unit may be sold;
/// - `GET /api/v1/units/{serial}`: the unit's verdict and history.
///
/// Writes are signed with the store key on behalf of the token's actor and name the token, so
/// the log says which device wrote them; the actor's role is checked inside the transaction.
struct WriteAPI: Sendable {
    static let prefix = "/api/v1/"
    static let maxBodyBytes = 16 * 1024

    /// The thread that writes (its own store connection: a write never holds up a page).
    let writer: BlockingThreads<any TraceStore>
    let readers: BlockingThreads<Resolver>
    let perToken: RequestRateLimiter
    let today: @Sendable () -> CalendarDate

    /// An answer: status and a JSON object.
    struct Answer: @unchecked Sendable {  // the body is JSON values, only ever read
        let status: HTTPResponse.Status
        let body: [String: Any]
        /// Token id or refusal reason for the access log (never the token itself).
        var note: String?
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Answer {
        Answer(status: status, body: ["error": message, "status": Int(status.code)])
    }

    func answer(_ request: Request, path: String) async -> Answer {
        let route = path.dropFirst(Self.prefix.count)
        let device: (actor: String, token: String)
        switch await authenticate(request) {
        case let .refused(why):
            var answer = Self.error(.unauthorized, "a valid device token is required (Authorization: Bearer …): \(why)")
            answer.note = why
            return answer
        case let .valid(actor, token):
            device = (actor, token)
        }
        guard perToken.allow(device.token) else { return Self.error(.tooManyRequests, "too many requests for this token; slow down") }
        do {
            switch (request.method, route) {
            case (.post, "events"):
                return try await events(try await Self.body(request), device: device)
            case (.post, "sales"):
                return try await sales(try await Self.body(request), device: device)
            case (.get, _) where route.hasPrefix("units/"):
                return try await unit(serial: String(route.dropFirst("units/".count)))
            default:
                return Self.error(.notFound, "no such API call: \(request.method) \(path) (POST /api/v1/events, POST /api/v1/sales, GET /api/v1/units/{serial})")
            }
        } catch let failure as APIFailure {
            return failure.answer
        } catch let error as StoreError {
            return Self.answer(for: error)
        } catch ThreadsUnavailable.busy {
            return Self.error(.serviceUnavailable, "the server is busy; try again")
        } catch {
            return Self.error(.internalServerError, "internal error")
        }
    }

    private func authenticate(_ request: Request) async -> TokenCheck {
        guard let header = request.headers[.authorization] else { return .refused("no token") }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return .refused("not a Bearer token") }
        return await check(token: String(parts[1]).trimmingCharacters(in: .whitespaces))
    }

    /// A presented device token (a Bearer header, or the shop page's cookie) against the log.
    func check(token text: String) async -> TokenCheck {
        await checked("the store cannot check tokens now") { trust in trust.check(token: text) }
    }

    // MARK: Calls

    private func events(_ body: [String: Any], device: (actor: String, token: String)) async throws -> Answer {
        let code = try Self.text(body, "code", required: true)!
        let step = try Self.parse("step", try Self.text(body, "step", required: true)!) { text throws(DomainError) in try BusinessStep(parsing: text) }
        let disposition = try Self.text(body, "disposition").map { value in
            try Self.parse("disposition", value) { text throws(DomainError) in try Disposition(parsing: text) }
        }
        let at = try Self.eventTime(body)
        let location = try Self.text(body, "location"), note = try Self.text(body, "note")
        let product = try Self.text(body, "product"), locationID = try Self.text(body, "location_id")
        let from = try Self.text(body, "from"), to = try Self.text(body, "to")
        let supplier = try Self.text(body, "supplier"), price = try Self.text(body, "price")
        guard body["private"] == nil || body["private"] is Bool else {
            throw APIFailure(Self.error(.unprocessableContent, "private: must be true or false"))
        }
        let isPrivate = body["private"] as? Bool ?? false
        let draft = EventDraft(step: step, disposition: disposition, at: at, location: location, locationID: locationID,
                               from: from, to: to, note: note, supplier: supplier, price: price, isPrivate: isPrivate)
        let entry = try await record(draft, code: code, product: product, device: device)
        var answer = Answer(status: .created, body: ["seq": entry.seq, "step": step.rawValue, "actor": device.actor, "token": device.token])
        answer.note = device.token
        return answer
    }

    private func sales(_ body: [String: Any], device: (actor: String, token: String)) async throws -> Answer {
        let code = try Self.text(body, "code", required: true)!
        let at = try Self.eventTime(body)
        let location = try Self.text(body, "location"), note = try Self.text(body, "note")
        switch try await sell(code, at: at, location: location, note: note, device: device) {
        case let .sold(entry, report):
            var body = Self.json(report)
            body["sold"] = true
            body["seq"] = entry.seq
            return Answer(status: .created, body: body, note: device.token)
        case let .refused(report):
            var body = Self.json(report)
            body["sold"] = false
            body["error"] = "not sold: the unit is \(report.verdict.rawValue); nothing was written"
            return Answer(status: .conflict, body: body, note: device.token)
        }
    }

    /// Records `draft` on the writer thread, signed for the device's actor (its role decides).
    /// `code` is a unit's code (URI or short code) or a batch's lot.
    func record(_ draft: EventDraft, code: String, product: String? = nil, device: (actor: String, token: String)) async throws -> LogEntry {
        try await writer.run { store -> LogEntry in
            let unit = Self.isUnitCode(code)
            let target = try ChainTarget.resolve(code: unit ? code : nil, lot: unit ? nil : code, product: product, in: store)
            return try RecordEvent(store: store)(draft, for: target, actor: try Self.author(device, store))
        }
    }

    /// A retail sale for a device: judged first on a reader thread (refusals never queue for
    /// the writer), then recorded on the writer, where `SellUnit` judges it again.
    func sell(_ code: String, at: EventTime, location: String?, note: String?,
              device: (actor: String, token: String)) async throws -> SellUnit.Outcome {
        let day = today()
        let check = try await readers.run { resolver in
            try SellUnit(store: resolver.store, verify: resolver.verify).check(code, at: at, location: location, note: note, on: day)
        }
        switch check {
        case let .refused(report): return .refused(report)
        case let .sellable(draft):
            return try await writer.run { store in try SellUnit(store: store).record(draft, actor: try Self.author(device, store), on: day) }
        }
    }

    /// Enrols a browser with a one-time link (`token issue --link`): its new device token.
    func enrol(link text: String) async throws -> DeviceTokenSecret {
        try await writer.run { store in try store.enrol(link: text, signer: try StoreSigner.shared.author(store)).secret }
    }

    /// Whether an enrol link can still be used, and for whom (no write).
    func check(enrolLink text: String) async -> TokenCheck {
        await checked("the store cannot check enrol links now") { trust in trust.check(enrolLink: text) }
    }

    /// A check against the log's trust on a reader thread; a store that cannot answer refuses.
    private func checked(_ unavailable: String, _ check: @escaping @Sendable (LogTrust) -> TokenCheck) async -> TokenCheck {
        do {
            return try await readers.run { resolver in check(try resolver.store.logTrust()) }
        } catch {
            return .refused(unavailable)
        }
    }

    private func unit(serial: String) async throws -> Answer {
        do throws(DomainError) {
            _ = try Serial(parsing: serial)
        } catch {
            throw APIFailure(Self.error(.badRequest, error.description))
        }
        let day = today()
        let report = try await readers.run { resolver in
            let pending = resolver.verify.pending(serial: serial)
            return resolver.verify.finish(pending, records: try resolver.store.unitRecords(pending.key), on: day)
        }
        var body = Self.json(report)
        if let facts = report.facts {
            body["history"] = facts.events.map { record -> [String: Any] in
                var item: [String: Any] = ["seq": record.seq, "actor": record.actor, "step": record.event.step.rawValue,
                                                    "at": record.event.at.text]
                if let disposition = record.event.disposition { item["disposition"] = disposition.rawValue }
                if let location = record.event.location { item["location"] = location }
                return item
            }
        }
        return Answer(status: report.verdict == .unknown ? .notFound : .ok, body: body)
    }

    // MARK: Helpers

    /// The store key signing for the device's actor, naming the token.
    static func author(_ device: (actor: String, token: String), _ store: any TraceStore) throws(StoreError) -> LogAuthor {
        try StoreSigner.shared.author(store).onBehalf(of: device.actor, token: device.token)
    }

    static func isUnitCode(_ text: String) -> Bool {
        if text.contains("://") { return true }
        if case .shortCode = CodeInput(text: text) { return true }
        return false
    }

    static func answer(for error: StoreError) -> Answer {
        switch error {
        case .forbidden: return Self.error(.forbidden, error.description)
        case .notFound: return Self.error(.notFound, error.description)
        case .invalid, .importRow: return Self.error(.unprocessableContent, error.description)
        case .conflict, .duplicate, .caseVariant, .alreadyInitialized: return Self.error(.conflict, error.description)
        case .key: return Self.error(.serviceUnavailable, "the server cannot sign writes now")
        default: return Self.error(.serviceUnavailable, error.description)
        }
    }

    static func json(_ report: VerificationReport) -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    /// A request body: JSON, at most 16 kB.
    static func body(_ request: Request) async throws -> [String: Any] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes {
            throw APIFailure(error(.contentTooLarge, "the body is larger than \(maxBodyBytes) bytes"))
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw APIFailure(error(.contentTooLarge, "the body is larger than \(maxBodyBytes) bytes"))
        } catch let failure as HTTPError where failure.status == .contentTooLarge {
            throw APIFailure(error(.contentTooLarge, "the body is larger than \(maxBodyBytes) bytes"))
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView)) as? [String: Any] else {
            throw APIFailure(error(.badRequest, "the body must be a JSON object"))
        }
        return object
    }

    static func text(_ body: [String: Any], _ field: String, required: Bool = false) throws -> String? {
        guard let value = body[field], !(value is NSNull) else {
            if required { throw APIFailure(error(.unprocessableContent, "\(field): is required")) }
            return nil
        }
        guard let text = value as? String else { throw APIFailure(error(.unprocessableContent, "\(field): must be a string")) }
        guard text.utf8.count <= 2_000 else { throw APIFailure(error(.unprocessableContent, "\(field): longer than 2000 bytes")) }
        return text
    }

    static func parse<T>(_ field: String, _ text: String, _ body: (String) throws(DomainError) -> T) throws -> T {
        do { return try body(text) } catch { throw APIFailure(Self.error(.unprocessableContent, error.description)) }
    }

    static func eventTime(_ body: [String: Any]) throws -> EventTime {
        guard let text = try text(body, "at") else { return EventTime(date: Date()) }
        return try parse("at", text) { text throws(DomainError) in try EventTime(parsing: text, now: Date()) }
    }
}

/// An answer decided while reading the request (a bad or oversized body).
struct APIFailure: Error {
    let answer: WriteAPI.Answer
    init(_ answer: WriteAPI.Answer) { self.answer = answer }
}

/// The store's creator with the store key, read from the key folder once and again only when
/// the key in force changed (a `key rotate` made while serving): a file read, a PEM parse and a
/// key derivation were a tenth of a sale's time on the writer thread.
final class StoreSigner: @unchecked Sendable {
    static let shared = StoreSigner()
    private let lock = NSLock()
    private var cached: (author: LogAuthor, publicKey: String)?

    func author(_ store: any TraceStore) throws(StoreError) -> LogAuthor {
        let inForce = try store.logTrust().storeKeys.last?.publicKey
        if let cached = lock.withLock({ cached }), cached.publicKey == inForce { return cached.author }
        let fresh = try store.creatorAuthor()
        lock.withLock { cached = (fresh, fresh.publicKey) }
        return fresh
    }
}
