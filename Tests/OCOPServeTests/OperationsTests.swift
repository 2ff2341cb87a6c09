import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OCOPDomain
import OCOPServe
import OCOPStore
import Testing
import TestSupport

/// `/healthz`, `/metrics`, the access log and the scan queue, on the in-process router.
@Suite struct OperationsTests {
    @Test func healthzNamesTheEngineAndTheLogHead() async throws {
        let fixture = try ServeFixture("serve-healthz")
        defer { fixture.remove() }
        let head = try #require(try fixture.store.lastLogEntry()).seq
        try await fixture.app().test(.router) { client in
            let health = try await client.get("/healthz")
            #expect(health.status == .ok)
            #expect(health.headers[.contentType]?.hasPrefix("application/json") == true)
            let object = try JSONSerialization.jsonObject(with: Data(health.text.utf8)) as? [String: Any]
            #expect(object?["status"] as? String == "ok")
            #expect(object?["engine"] as? String == "sqlite")
            #expect((object?["log_head_seq"] as? NSNumber)?.int64Value == head)
        }
    }

    @Test func metricsCountRequestsByRouteAndVerdict() async throws {
        let fixture = try ServeFixture("serve-metrics")
        defer { fixture.remove() }
        // The writer waits: the two scans stay queued until flushed here.
        let app = try fixture.app { $0.scanFlushPeriod = .seconds(3600) }
        try await app.test(.router) { client in
            _ = try await client.get(ServeFixture.path(fixture.genuine), headers: .with([("X-Forwarded-For", "198.51.100.1")]))
            _ = try await client.get(ServeFixture.path(fixture.genuine), headers: .with([("X-Forwarded-For", "198.51.100.2")]))
            _ = try await client.get(ServeFixture.path(fixture.recalled))
            _ = try await client.get("/nothing-here")
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = metrics.text
            #expect(text.contains(#"ocop_requests_total{route="unit",status="200",verdict="GENUINE"} 2"#), "\(text)")
            #expect(text.contains(#"ocop_requests_total{route="unit",status="200",verdict="RECALLED"} 1"#))
            #expect(text.contains(#"ocop_requests_total{route="not-found",status="404",verdict="none"} 1"#))
            #expect(text.contains(#"ocop_request_duration_seconds_bucket{route="unit",le="+Inf"} 3"#))
            #expect(text.contains("ocop_scan_queue_depth 2.0"))
            #expect(text.contains("ocop_scans_dropped_total 0"))
            #expect(text.contains("ocop_database_errors_total 0"))
            await app.responder.flushScans()
            let after = try await client.get("/metrics")
            #expect(after.text.contains("ocop_scan_queue_depth 0.0"))
            #expect(after.text.contains("ocop_scans_logged_total 2"))
        }
    }

    @Test func oneAccessLogLinePerRequestWithTheHashedClientOnly() async throws {
        let fixture = try ServeFixture("serve-access-log")
        defer { fixture.remove() }
        let capture = LogCapture()
        let app = try fixture.app { $0.accessLog = capture.logger }
        try await app.test(.router) { client in
            _ = try await client.get(ServeFixture.path(fixture.genuine), headers: .with([("X-Forwarded-For", "203.0.113.50")]))
            _ = try await client.get("/verify")
            _ = try await client.execute(uri: "/", method: .delete)
        }
        let lines = capture.records.filter { $0.message == "request" }
        try #require(lines.count == 3)
        let page = lines[0].metadata
        #expect(page["method"] == "GET" && page["route"] == "unit" && page["status"] == "200" && page["verdict"] == "GENUINE")
        #expect(Double(page["duration_ms"] ?? "") != nil)
        #expect(page["client"] == ClientFingerprint.of(address: "203.0.113.50", salt: Array("test-salt".utf8)))
        #expect(lines[1].metadata["route"] == "verify" && lines[1].metadata["verdict"] == nil)
        #expect(lines[2].metadata["status"] == "405" && lines[2].metadata["method"] == "DELETE")
        for line in capture.records {
            #expect(!line.metadata.values.contains { $0.contains("203.0.113") }, "the address itself is never logged")
        }
    }

    @Test func aFullScanQueueDropsScansButNotPages() async throws {
        let fixture = try ServeFixture("serve-queue-full")
        defer { fixture.remove() }
        let app = try fixture.app {
            $0.scanQueueCapacity = 2
            $0.scanFlushPeriod = .seconds(3600)
        }
        let path = ServeFixture.path(fixture.genuine)
        try await app.test(.router) { client in
            for index in 1...5 {
                let page = try await client.get(path, headers: .with([("X-Forwarded-For", "198.51.100.\(index)")]))
                #expect(page.status == .ok && page.text.contains("data-verdict=\"GENUINE\""))
            }
            let metrics = try await client.get("/metrics")
            #expect(metrics.text.contains("ocop_scans_dropped_total 3"), "\(metrics.text)")
            await app.responder.flushScans()
        }
        let serial = try DigitalLink(parsing: fixture.genuine).serial!
        #expect(try fixture.store.scanSummary(serial: serial).scans == 2)
    }

    @Test func aFloodOfClientsOnOneCodeIsCapped() async throws {
        let fixture = try ServeFixture("serve-scan-flood")
        defer { fixture.remove() }
        let app = try fixture.app { $0.scansPerCodePerHour = 30 }
        let path = ServeFixture.path(fixture.genuine)
        try await app.test(.router) { client in
            for index in 0..<300 {
                let forwarded = "198.51.\(index / 250).\(index % 250 + 1)"
                _ = try await client.get(path, headers: .with([("X-Forwarded-For", forwarded)]))
            }
            await app.responder.flushScans()
        }
        let serial = try DigitalLink(parsing: fixture.genuine).serial!
        #expect(try fixture.store.scanSummary(serial: serial).scans == 30)
    }

    @Test func recordScansWritesABatchUnderTheIntervalRule() throws {
        let fixture = try ServeFixture("serve-record-scans")
        defer { fixture.remove() }
        let serial = try DigitalLink(parsing: fixture.genuine).serial!
        let before = try #require(try fixture.store.lastLogEntry()).seq
        let written = try fixture.store.recordScans([
            ScanRequest(serial: serial, client: "a"), ScanRequest(serial: serial, client: "b"),
            ScanRequest(serial: serial, client: "a"), ScanRequest(serial: "0000000000000", client: "a"),
        ], interval: 600, actor: try fixture.store.creatorAuthor())
        #expect(written.map(\.seq) == [before + 1, before + 2])
        #expect(try fixture.store.scanSummary(serial: serial).distinctClients == 2)
        #expect(try fixture.store.recordScans([ScanRequest(serial: serial, client: "b")], interval: 600, actor: try fixture.store.creatorAuthor()).isEmpty)
        #expect(try fixture.store.verifyLog().isIntact)
    }
}
