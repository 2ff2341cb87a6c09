import Foundation
import TestSupport
import Testing

/// The write API of `serve` (issue 13): device tokens, a shop's sales verdict first, events by
/// role, and eight tills selling one batch at once. Runs on both engines.
@Suite struct WriteAPITests {
    /// A shop actor with a device token (the token's text, as `token issue --json` prints it).
    static func device(_ fixture: StoreFixture, actor: String, role: String = "shop", extra: [String] = []) throws -> (id: String, token: String) {
        if try fixture.sql("SELECT count(*) FROM log WHERE kind = 'actor_added' AND payload LIKE '%\"id\":\"\(actor)\"%'")
            .stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "0" {
            try fixture.expectSuccess(["actor", "add", actor, "--name", "Điểm bán \(actor)", "--role", role,
                                       "--key-out", fixture.folder.appendingPathComponent("keys-\(actor)").path])
        }
        let issued = try fixture.expectSuccess(["token", "issue", "--actor", actor, "--json"] + extra).stdoutText
        let object = try #require(try JSONSerialization.jsonObject(with: Data(issued.utf8)) as? [String: Any])
        return (try #require(object["id"] as? String), try #require(object["token"] as? String))
    }

    static func json(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    static func post(_ server: ServeProcess, _ path: String, token: String?, _ body: [String: String]) throws -> (status: Int, body: [String: Any]) {
        let answer = try server.request(path, method: "POST", headers: token.map { ["Authorization: Bearer \($0)"] } ?? [],
                                        body: try JSONSerialization.data(withJSONObject: body))
        return (answer.status, json(answer.body))
    }

    @Test func aShopSellsAUnitOnceAndTheLogSaysWhichDevice() throws {
        let fixture = try StoreFixture("api-sale")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "S-1", units: 3)
        let till = try Self.device(fixture, actor: "SHOP-1")
        #expect(!(try fixture.sql("SELECT payload FROM log").stdoutText.contains(till.token)), "the token's text is never stored")
        let server = try ServeProcess(fixture)
        defer { server.stop() }

        let sale = try Self.post(server, "/api/v1/sales", token: till.token, ["code": codes[0].uri])
        #expect(sale.status == 201 && sale.body["verdict"] as? String == "GENUINE" && sale.body["sold"] as? Bool == true, "\(sale.body)")
        let seq = try #require(sale.body["seq"] as? Int)
        // The same unit again, by its short code: refused with the verdict, nothing written.
        let head = try fixture.sql("SELECT max(seq) FROM log").stdoutText
        let again = try Self.post(server, "/api/v1/sales", token: till.token, ["code": codes[0].short])
        #expect(again.status == 409 && again.body["verdict"] as? String == "ALREADY_SOLD", "\(again.body)")
        #expect(try fixture.sql("SELECT max(seq) FROM log").stdoutText == head)
        // Forged and unknown codes are refused too.
        let forged = codes[1].uri.replacingOccurrences(of: "?s=", with: "?s=A")
        #expect(try Self.post(server, "/api/v1/sales", token: till.token, ["code": forged]).status == 409)
        #expect(try Self.post(server, "/api/v1/sales", token: till.token, ["code": "ZZZZ-ZZZZ-Z"]).status == 409)

        // The CLI and the resolver agree, and the seal names the actor and the token.
        #expect(try fixture.run(["verify", codes[0].uri]).status == 13)
        let seal = try fixture.sql("SELECT actor || ' ' || payload FROM log WHERE kind = 'log_sealed' AND seq = \(seq + 1)").stdoutText
        #expect(seal.hasPrefix("SHOP-1 ") && seal.contains("\"token\":\"\(till.id)\""), "\(seal)")
        #expect(try fixture.run(["log", "verify"]).status == 0)
        let unit = try server.request("/api/v1/units/\(codes[0].serial)", headers: ["Authorization: Bearer \(till.token)"])
        let answer = Self.json(unit.body)
        #expect(unit.status == 200 && answer["verdict"] as? String == "ALREADY_SOLD", "\(unit.body)")
        let history = try #require(answer["history"] as? [[String: Any]])
        #expect(history.last?["step"] as? String == "retail_selling" && history.last?["actor"] as? String == "SHOP-1")
    }

    @Test func tokensAndRolesAreCheckedOnEveryCall() throws {
        let fixture = try StoreFixture("api-auth")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "A-1", units: 2)
        let till = try Self.device(fixture, actor: "SHOP-1")
        let shortLived = try Self.device(fixture, actor: "SHOP-1", extra: ["--expires", "0.00003"])  // 2.6 s
        let revoked = try Self.device(fixture, actor: "SHOP-1")
        try fixture.expectSuccess(["token", "revoke", revoked.id, "--reason", "máy mất"])
        let truck = try Self.device(fixture, actor: "XE-1", role: "distributor")
        let server = try ServeProcess(fixture)
        defer { server.stop() }
        let sale = ["code": codes[0].uri]

        #expect(try Self.post(server, "/api/v1/sales", token: nil, sale).status == 401)
        let wrongSecret = String(till.token.dropLast(4)) + "AAAA"
        #expect(try Self.post(server, "/api/v1/sales", token: wrongSecret, sale).status == 401)
        #expect(try Self.post(server, "/api/v1/sales", token: "not-a-token", sale).status == 401)
        #expect(try Self.post(server, "/api/v1/sales", token: revoked.token, sale).status == 401)
        Thread.sleep(forTimeInterval: 3)
        #expect(try Self.post(server, "/api/v1/sales", token: shortLived.token, sale).status == 401)
        // Roles: a shop may not ship, a distributor may not sell.
        let shipping = try Self.post(server, "/api/v1/events", token: till.token, ["code": "A-1", "step": "shipping"])
        #expect(shipping.status == 403 && (shipping.body["error"] as? String ?? "").contains("shop"), "\(shipping.body)")
        #expect(try Self.post(server, "/api/v1/sales", token: truck.token, sale).status == 403)
        let shipped = try Self.post(server, "/api/v1/events", token: truck.token, ["code": "A-1", "step": "shipping", "disposition": "in_transit"])
        #expect(shipped.status == 201 && shipped.body["seq"] is Int, "\(shipped.body)")
        // Bodies are bounded; bad fields name the field.
        let huge = try server.request("/api/v1/sales", method: "POST", headers: ["Authorization: Bearer \(till.token)"],
                                      body: Data(("{\"code\":\"" + String(repeating: "x", count: 1_048_576) + "\"}").utf8))
        #expect(huge.status == 413, "\(huge.body)")
        let badStep = try Self.post(server, "/api/v1/events", token: till.token, ["code": "A-1", "step": "selling"])
        #expect(badStep.status == 422 && (badStep.body["error"] as? String ?? "").contains("step"), "\(badStep.body)")
        // Everything refused wrote nothing: one sale attempt never went through, the log is whole.
        #expect(try fixture.run(["verify", codes[0].uri]).status == 0)
        #expect(try fixture.run(["log", "verify"]).status == 0)
        // A revoked actor's tokens stop working.
        try fixture.expectSuccess(["actor", "revoke", "SHOP-1"])
        #expect(try Self.post(server, "/api/v1/sales", token: till.token, sale).status == 401)
    }

    /// Eight tills sell one batch at once, each unit offered twice (by two different tills).
    @Test func eightDevicesSellEveryUnitExactlyOnce() throws {
        let fixture = try StoreFixture("api-eight")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "E-1", units: 40)
        let devices = try (0..<8).map { index in try Self.device(fixture, actor: "SHOP-\(index % 2 + 1)") }
        let server = try ServeProcess(fixture)
        defer { server.stop() }
        var offers: [[String]] = Array(repeating: [], count: 8)
        for (index, code) in codes.enumerated() {
            offers[index % 8].append(code.uri)
            offers[(index + 3) % 8].append(code.short)
        }
        let offered = offers
        let results = Tally()
        DispatchQueue.concurrentPerform(iterations: 8) { device in
            for code in offered[device].shuffled() {
                do {
                    results.add(status: try Self.post(server, "/api/v1/sales", token: devices[device].token, ["code": code]).status)
                } catch {
                    results.add(failure: "\(error)")
                }
            }
        }
        let (statuses, failures) = results.read()
        #expect(failures.isEmpty, "\(failures)")
        #expect(statuses == [201: 40, 409: 40], "\(statuses)")
        let sold = try fixture.sql("SELECT count(*), count(DISTINCT serial) FROM chain_event WHERE step = 'retail_selling'").stdoutText
        #expect(sold.trimmingCharacters(in: .whitespacesAndNewlines) == "40|40", "\(sold)")
        #expect(try fixture.run(["log", "verify"]).status == 0)
    }
}

/// Answers counted by the concurrent tills.
private final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var statuses: [Int: Int] = [:]
    private var failures: [String] = []
    func add(status: Int) { lock.withLock { statuses[status, default: 0] += 1 } }
    func add(failure: String) { lock.withLock { failures.append(failure) } }
    func read() -> ([Int: Int], [String]) { lock.withLock { (statuses, failures) } }
}
