import Foundation
import TestSupport
import Testing

/// The shop page (`/shop`, issue 13) over HTTP as a phone's browser talks to it: a one-time
/// enrol link, the device cookie, CSRF, Sell and Receive with the verdict first. Both engines.
@Suite struct ShopPageTests {
    /// One curl call with a cookie jar: status, headers and body.
    struct Answer {
        let status: Int
        let headers: String
        let body: String
    }

    static func curl(_ arguments: [String], jar: URL?) throws -> Answer {
        guard let curl = which("curl") else { throw SubprocessError(description: "curl is missing: run `make test`") }
        var all = ["-s", "-S", "--max-time", "20", "-D", "-", "-o", "-"]
        if let jar { all += ["-b", jar.path, "-c", jar.path] }
        let result = try run(curl, all + arguments)
        let text = result.stdoutText
        guard let split = text.range(of: "\r\n\r\n") else { throw SubprocessError(description: "no HTTP answer: \(result.stderrText)") }
        let headers = String(text[..<split.lowerBound])
        let status = Int(headers.split(separator: " ").dropFirst().first ?? "") ?? 0
        return Answer(status: status, headers: headers, body: String(text[split.upperBound...]))
    }

    /// A browser's cookie jar in a scratch folder of its own (the caller removes the folder).
    static func cookieJar(_ name: String) throws -> URL {
        let folder = try ProjectPaths.scratch(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent("jar")
    }

    /// The value of `name="csrf"` in a page.
    static func csrf(in page: String) -> String? {
        guard let range = page.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression) else { return nil }
        return page[range].split(separator: "\"").dropFirst(3).first.map(String.init)
    }

    static func enrolLink(_ fixture: StoreFixture, actor: String, role: String, base: String) throws -> String {
        try fixture.expectSuccess(["actor", "add", actor, "--name", "Cửa hàng \(actor)", "--role", role,
                                   "--key-out", fixture.folder.appendingPathComponent("keys-\(actor)").path])
        let issued = try fixture.expectSuccess(["token", "issue", "--actor", actor, "--name", "điện thoại", "--link",
                                                "--link-base", base, "--json"]).stdoutText
        let object = try #require(try JSONSerialization.jsonObject(with: Data(issued.utf8)) as? [String: Any])
        let link = try #require(object["link"] as? String)
        #expect(link.hasPrefix(base + "/shop/enrol?t=ocop_"), "\(link)")
        return link
    }

    @Test func enrolSellAndReceiveWithTheVerdictFirst() throws {
        let fixture = try StoreFixture("shop-page")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "SP-1", units: 3)
        let server = try ServeProcess(fixture)
        defer { server.stop() }
        let link = try Self.enrolLink(fixture, actor: "SHOP-1", role: "shop", base: server.base)
        let token = String(link[link.range(of: "t=")!.upperBound...])
        let jar = try Self.cookieJar("shop-jar")
        defer { try? FileManager.default.removeItem(at: jar.deletingLastPathComponent()) }

        // Not enrolled: no desk. The link is no API token.
        #expect(try Self.curl([server.base + "/shop"], jar: jar).status == 403)
        let bearer = try server.request("/api/v1/sales", method: "POST", headers: ["Authorization: Bearer \(token)"],
                                        body: Data("{\"code\":\"\(codes[0].uri)\"}".utf8))
        #expect(bearer.status == 401, "\(bearer.body)")
        // Opening the link (as a chat app's preview would) uses nothing up.
        let head = try fixture.sql("SELECT max(seq) FROM log").stdoutText
        for _ in 0..<2 {
            let preview = try Self.curl([link], jar: nil)
            #expect(preview.status == 200 && preview.body.contains("data-actor=\"SHOP-1\""), "\(preview.body)")
        }
        #expect(try fixture.sql("SELECT max(seq) FROM log").stdoutText == head)
        // The button enrols this browser: a cookie and a redirect to the desk.
        let enrolled = try Self.curl(["-F", "t=\(token)", server.base + "/shop/enrol"], jar: jar)
        #expect(enrolled.status == 303, "\(enrolled.headers)")
        let cookie = enrolled.headers.lowercased()
        #expect(cookie.contains("set-cookie: ocop_device=") && cookie.contains("httponly") && cookie.contains("samesite=strict")
                && !cookie.contains("secure"), "\(enrolled.headers)")
        #expect(!enrolled.headers.contains(token), "the link's token never becomes the cookie")
        // The link served once.
        let again = try Self.curl(["-F", "t=\(token)", server.base + "/shop/enrol"], jar: nil)
        #expect(again.status == 403 && again.body.contains("used already"), "\(again.body)")
        #expect(try Self.curl([link], jar: nil).status == 403)

        let desk = try Self.curl([server.base + "/shop"], jar: jar)
        #expect(desk.status == 200 && desk.body.contains("SHOP-1"), "\(desk.body)")
        let csrf = try #require(Self.csrf(in: desk.body))
        // Without the form's CSRF token nothing is written.
        let before = try fixture.sql("SELECT max(seq) FROM log").stdoutText
        let forged = try Self.curl(["-F", "code=\(codes[0].uri)", "-F", "action=sell", "-F", "csrf=AAAA", server.base + "/shop"], jar: jar)
        #expect(forged.status == 403)
        #expect(try fixture.sql("SELECT max(seq) FROM log").stdoutText == before)

        // Sell: the verdict box comes first, then what was done.
        let sold = try Self.curl(["-F", "code=\(codes[0].uri)", "-F", "action=sell", "-F", "csrf=\(csrf)", server.base + "/shop"], jar: jar)
        #expect(sold.status == 200 && sold.body.contains("data-verdict=\"GENUINE\"") && sold.body.contains("data-result=\"done\""), "\(sold.body)")
        let verdictAt = try #require(sold.body.range(of: "data-verdict="))
        let formAt = try #require(sold.body.range(of: "<form"))
        #expect(verdictAt.lowerBound < formAt.lowerBound, "the verdict comes before the form")
        // The second sale of the same unit (by its short code) is refused with the verdict.
        let twice = try Self.curl(["-F", "code=\(codes[0].short)", "-F", "action=sell", "-F", "csrf=\(csrf)", server.base + "/shop?lang=en"], jar: jar)
        #expect(twice.status == 409 && twice.body.contains("data-verdict=\"ALREADY_SOLD\"") && twice.body.contains("Already sold")
                && twice.body.contains("data-result=\"refused\""), "\(twice.body)")
        #expect(try fixture.run(["verify", codes[0].uri]).status == 13)
        // Receive another unit.
        let received = try Self.curl(["-F", "code=\(codes[1].short)", "-F", "action=receive", "-F", "csrf=\(csrf)", server.base + "/shop"], jar: jar)
        #expect(received.status == 200 && received.body.contains("data-result=\"done\""), "\(received.body)")
        let events = try fixture.sql("SELECT actor || ' ' || payload FROM log WHERE kind = 'chain_event' ORDER BY seq").stdoutText
            .split(separator: "\n")
        #expect(events.contains { $0.hasPrefix("SHOP-1 ") && $0.contains("\"retail_selling\"") }, "\(events)")
        #expect(events.contains { $0.hasPrefix("SHOP-1 ") && $0.contains("\"receiving\"") }, "\(events)")
        #expect(try fixture.run(["log", "verify"]).status == 0)
        let list = try fixture.expectSuccess(["token", "list"]).stdoutText
        #expect(list.contains("link used") && list.contains("active"), "\(list)")
        // Revoking the enrolled device's token closes the desk.
        let tokens = try fixture.expectSuccess(["token", "list", "--json"]).stdoutText
        let rows = (try JSONSerialization.jsonObject(with: Data(tokens.utf8)) as? [[String: Any]]) ?? []
        let device = try #require(rows.first { $0["status"] as? String == "active" }?["id"] as? String)
        try fixture.expectSuccess(["token", "revoke", device])
        #expect(try Self.curl([server.base + "/shop"], jar: jar).status == 403)
    }

    @Test func aDistributorsDeviceCannotSell() throws {
        let fixture = try StoreFixture("shop-role")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "SP-2", units: 1)
        let server = try ServeProcess(fixture)
        defer { server.stop() }
        let link = try Self.enrolLink(fixture, actor: "XE-1", role: "distributor", base: server.base)
        let jar = try Self.cookieJar("shop-role-jar")
        defer { try? FileManager.default.removeItem(at: jar.deletingLastPathComponent()) }
        let token = String(link[link.range(of: "t=")!.upperBound...])
        #expect(try Self.curl(["-F", "t=\(token)", server.base + "/shop/enrol"], jar: jar).status == 303)
        let desk = try Self.curl([server.base + "/shop"], jar: jar)
        let csrf = try #require(Self.csrf(in: desk.body))
        let head = try fixture.sql("SELECT max(seq) FROM log").stdoutText
        let refused = try Self.curl(["-F", "code=\(codes[0].uri)", "-F", "action=sell", "-F", "csrf=\(csrf)", server.base + "/shop"], jar: jar)
        #expect(refused.status == 403 && refused.body.contains("distributor"), "\(refused.body)")
        #expect(try fixture.sql("SELECT max(seq) FROM log").stdoutText == head)
        #expect(try fixture.run(["verify", codes[0].uri]).status == 0)
    }
}
