import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OCOPDomain
import OCOPPNG
import OCOPServe
import OCOPStore
import Testing
import TestSupport

/// The resolver's answers to inputs made to hurt it: forged forwarding headers, huge images,
/// oversized chunked bodies, broken JPEGs, long queries and short-code guessing.
@Suite struct HostileInputTests {
    static let salt = Array("test-salt".utf8)

    /// The client fingerprint the access log records for one request with `forwarded`.
    func loggedClient(_ forwarded: String, trustedProxies: Set<String> = []) async throws -> String? {
        let fixture = try ServeFixture("serve-xff")
        defer { fixture.remove() }
        let capture = LogCapture()
        let app = try fixture.app {
            $0.accessLog = capture.logger
            $0.trustedProxies = trustedProxies
        }
        try await app.test(.router) { client in
            _ = try await client.get(ServeFixture.path(fixture.genuine), headers: .with([("X-Forwarded-For", forwarded)]))
        }
        return capture.records.first { $0.message == "request" }?.metadata["client"]
    }

    @Test func forwardedForTakesTheRightMostUntrustedHop() async throws {
        func fingerprint(_ address: String) -> String { ClientFingerprint.of(address: address, salt: Self.salt) }
        // The client wrote "1.2.3.4"; the proxy appended the address it really saw.
        #expect(try await loggedClient("1.2.3.4, 198.51.100.7") == fingerprint("198.51.100.7"))
        #expect(try await loggedClient("1.2.3.4, 198.51.100.7, 127.0.0.1") == fingerprint("198.51.100.7"))
        #expect(try await loggedClient("1.2.3.4, 198.51.100.7, 10.0.0.2", trustedProxies: ["10.0.0.2"]) == fingerprint("198.51.100.7"))
        #expect(try await loggedClient("[2001:DB8::1]:443") == fingerprint("2001:db8::1"))
        #expect(try await loggedClient("198.51.100.7:51234") == fingerprint("198.51.100.7"))
    }

    /// A blank (all white) 1-bit PNG of `side`×`side` pixels: small on disk, 40 MB once decoded.
    static func blankPNG(side: Int) throws -> [UInt8] {
        let rowBytes = (side + 7) / 8
        let image = PNGImage(width: side, height: side, colorType: .gray(bitDepth: 1), rowBytes: rowBytes,
                             pixels: [UInt8](repeating: 0xFF, count: rowBytes * side))
        return try PNGEncoder().encode(image)
    }

    @Test func hugeUploadsWaitInABoundedQueueAndPagesDoNot() async throws {
        let fixture = try ServeFixture("serve-image-queue")
        defer { fixture.remove() }
        let png = try Self.blankPNG(side: 6300)
        let (type, body) = ResolverTests.multipart([("label", "blank.png", png)])
        let app = try fixture.app()
        let path = ServeFixture.path(fixture.genuine)
        try await app.test(.router) { client in
            let order = Order()
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        let response = try await client.execute(uri: "/verify", method: .post,
                                                                headers: .with([("Content-Type", type)]), body: body)
                        if response.status != .tooManyRequests { order.note("upload") }
                        return response.status
                    }
                }
                group.addTask {
                    // Once the uploads are queued, an ordinary page must not wait behind them.
                    try await Task.sleep(for: .milliseconds(300))
                    let page = try await client.get(path)
                    order.note(page.status == .ok ? "page" : "page failed")
                    return page.status
                }
                var all: [HTTPResponse.Status] = []
                for try await status in group { all.append(status) }
                return all
            }
            // One decoding, `imageQueueCapacity` (2) waiting: the others are refused at once. Those
            // taken are decoded (no QR in a blank image) or, waiting too long, answered 503. Whether
            // the image thread has taken the first upload off the queue before the third arrives
            // is up to the scheduler: 3 uploads are taken, or 2 when the first still counts as
            // waiting. Never more than 3: the queue is bounded.
            let refused = statuses.filter { $0 == .tooManyRequests }.count
            #expect((13...14).contains(refused), "\(refused) of 16 uploads were refused")
            #expect(statuses.contains(.unprocessableContent))
            #expect(statuses.filter { ![.tooManyRequests, .unprocessableContent, .serviceUnavailable, .ok].contains($0) }.isEmpty,
                    "\(statuses)")
            // The page runs on the store threads, not in the image queue: it answers 200 while the
            // uploads are refused or queued. (When it answers relative to the decodes depends on
            // the machine's load, so no order is asserted here; `make bench` measures latency.)
            #expect(order.events.contains("page"), "the page did not answer 200: \(order.events)")
        }
    }

    @Test func aChunkedBodyOverTheLimitIs413() async throws {
        let fixture = try ServeFixture("serve-chunked")
        defer { fixture.remove() }
        try await fixture.app(maxUpload: 100_000).test(.router) { client in
            let (type, _) = ResolverTests.multipart([])
            // No Content-Length: the body arrives in chunks and is only cut off at the limit.
            let stream = ByteBuffer(bytes: [UInt8](repeating: 0x41, count: 400_000))
            let response = try await client.execute(uri: "/verify", method: .post,
                                                    headers: .with([("Content-Type", type), ("Transfer-Encoding", "chunked")]),
                                                    body: stream)
            #expect(response.status == .contentTooLarge)
            #expect(String(buffer: response.body).contains("Tệp quá lớn"))
        }
    }

    @Test func aJPEGWithAZeroHeightFrameIs422() async throws {
        let fixture = try ServeFixture("serve-jpeg-zero")
        defer { fixture.remove() }
        // SOI, a baseline frame header of 0×16 pixels (one component), EOI.
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x00, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00,
                             0xFF, 0xD9]
        let (type, body) = ResolverTests.multipart([("label", "zero.jpg", jpeg)])
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/verify", method: .post, headers: .with([("Content-Type", type)]), body: body)
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("JPEG, PNG hoặc HEIC"))
        }
    }

    @Test func aGenuineCodeWithAOneKilobyteQueryIs400() async throws {
        let fixture = try ServeFixture("serve-long-query")
        defer { fixture.remove() }
        try await fixture.app().test(.router) { client in
            let response = try await client.get(ServeFixture.path(fixture.genuine) + "&x=" + String(repeating: "a", count: 1024))
            #expect(response.status == .badRequest)
            #expect(response.text.contains("query"))
            let ordinary = try await client.get(ServeFixture.path(fixture.genuine))
            #expect(ordinary.status == .ok)
        }
    }

    @Test func shortCodeLookUpsAreRateLimitedPerClient() async throws {
        let fixture = try ServeFixture("serve-short-code-limit")
        defer { fixture.remove() }
        let app = try fixture.app {
            $0.shortCodeBurst = 5
            $0.shortCodesPerMinute = 0  // no refill: the test must not depend on how fast it runs
        }
        let (type, body) = ResolverTests.multipart([("code", nil, Array(fixture.genuineShortCode.utf8))])
        try await app.test(.router) { client in
            func check(_ address: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/verify", method: .post,
                                         headers: .with([("Content-Type", type), ("X-Forwarded-For", address)]), body: body).status
            }
            for _ in 0..<5 {
                let allowed = try await check("203.0.113.1")
                #expect(allowed == .ok)
            }
            let refused = try await check("203.0.113.1")
            #expect(refused == .tooManyRequests)
            let other = try await check("203.0.113.2")
            #expect(other == .ok, "another client has its own allowance")
        }
    }
}

/// The order in which concurrent requests finished.
final class Order: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String] = []

    func note(_ event: String) {
        lock.lock()
        kept.append(event)
        lock.unlock()
    }

    var events: [String] {
        lock.lock()
        defer { lock.unlock() }
        return kept
    }
}
