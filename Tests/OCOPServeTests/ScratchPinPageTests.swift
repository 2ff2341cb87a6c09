import Foundation
import HTTPTypes
import HummingbirdTesting
import OCOPDomain
import OCOPKit
import OCOPStore
import Testing
import TestSupport

/// "Nhập mã PIN / Enter PIN" on the resolver: the form on a PIN unit's page (no JavaScript), the
/// first correct PIN logged as a signed `pin_claimed` entry, the second answered PIN_REUSED with
/// the time of the first, wrong PINs limited to 5 a day per unit and client.
@Suite struct ScratchPinPageTests {
    /// A batch of `units` with PINs: (signed URI, PIN) from its codes file.
    static func issueWithPins(_ fixture: ServeFixture, units: Int) throws -> [(uri: String, pin: String)] {
        let codes = fixture.folder.appendingPathComponent("pins.csv").path
        let batch = try Batch(productID: fixture.candy.id, lot: "PIN-2026-12", units: units)
        _ = try IssueBatch(store: fixture.store)(batch, actor: try fixture.store.creatorAuthor(), codesFile: codes, pins: true)
        return try String(contentsOfFile: codes, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",").map(String.init)
            return (cells[0], cells[3])
        }
    }

    @Test func theFirstCorrectPinIsGenuineFirstCheckAndTheSecondIsReused() async throws {
        let fixture = try ServeFixture("page-pin")
        defer { fixture.remove() }
        let units = try Self.issueWithPins(fixture, units: 2)
        try await fixture.app().test(.router) { client in
            let page = try await client.get(ServeFixture.path(units[0].uri)).text
            #expect(page.contains("data-pin-form") && page.contains("Nhập mã PIN") && page.contains("action=\"/pin\""))
            #expect(!page.contains("<script"), "the form works without JavaScript")
            let plain = try await client.get(ServeFixture.path(fixture.genuine)).text
            #expect(!plain.contains("data-pin-form"), "a unit without a PIN has no PIN form")

            func send(_ uri: String, _ pin: String, from address: String, json: Bool = false) async throws -> (HTTPResponse.Status, String) {
                let (type, body) = ResolverTests.multipart([("code", nil, Array(uri.utf8)), ("pin", nil, Array(pin.utf8))])
                var headers: [(String, String)] = [("Content-Type", type), ("X-Forwarded-For", address)]
                if json { headers.append(("Accept", "application/json")) }
                let answer = try await client.execute(uri: "/pin", method: .post, headers: .with(headers), body: body)
                return (answer.status, String(buffer: answer.body))
            }
            let first = try await send(units[0].uri, units[0].pin, from: "203.0.113.20")
            #expect(first.0 == .ok)
            #expect(first.1.contains("data-verdict=\"GENUINE\"") && first.1.contains("Sản phẩm chính hãng, xác thực lần đầu"), "\(first.1.prefix(400))")
            #expect(!first.1.contains("data-pin-form"), "a checked PIN is not asked again")

            let again = try await send(units[0].uri, units[0].pin, from: "198.51.100.7")
            #expect(again.0 == .ok)
            #expect(again.1.contains("data-verdict=\"PIN_REUSED\"") && again.1.contains("Mã PIN này đã được xác thực lúc"))
            let json = try await send(units[0].uri, units[0].pin, from: "198.51.100.8", json: true)
            #expect(json.1.contains("\"verdict\" : \"PIN_REUSED\"") && json.1.contains("\"first_checked_at\""), "\(json.1)")
        }
        let claims = try fixture.store.pinClaims(productID: nil, lot: nil)
        #expect(claims.count == 3, "the first claim and the reuses from two other clients")
        #expect(claims.allSatisfy { !$0.claim.client.contains("203.0.113") && !$0.claim.client.contains("198.51.100") })
        #expect(try fixture.store.verifyLog().firstBadSeq == nil, "claims are signed entries of the log")
    }

    @Test func wrongPinsAreLimitedToFiveADayPerUnitAndClient() async throws {
        let fixture = try ServeFixture("page-pin-wrong")
        defer { fixture.remove() }
        let units = try Self.issueWithPins(fixture, units: 1)
        let wrong = units[0].pin == "00000000" ? "11111111" : "00000000"
        try await fixture.app().test(.router) { client in
            func send(_ pin: String, from address: String) async throws -> (HTTPResponse.Status, String) {
                let (type, body) = ResolverTests.multipart([("code", nil, Array(units[0].uri.utf8)), ("pin", nil, Array(pin.utf8))])
                let answer = try await client.execute(uri: "/pin", method: .post,
                                                      headers: .with([("Content-Type", type), ("X-Forwarded-For", address)]), body: body)
                return (answer.status, String(buffer: answer.body))
            }
            for attempt in 1...5 {
                let answer = try await send(wrong, from: "203.0.113.30")
                #expect(answer.0 == .unprocessableContent, "attempt \(attempt)")
                #expect(answer.1.contains("data-pin-wrong") && answer.1.contains("Mã PIN không đúng"))
            }
            #expect(try await send(wrong, from: "203.0.113.30").0 == .tooManyRequests, "the 6th wrong try is refused")
            #expect(try await send(units[0].pin, from: "203.0.113.30").0 == .tooManyRequests, "so is any try from that client today")
            #expect(try await send("12ab", from: "203.0.113.31").0 == .badRequest)
            let other = try await send(units[0].pin, from: "203.0.113.32")
            #expect(other.0 == .ok && other.1.contains("xác thực lần đầu"), "another client is not limited")
        }
        #expect(try fixture.store.pinClaims(productID: nil, lot: nil).count == 1, "wrong PINs log nothing")
    }
}
