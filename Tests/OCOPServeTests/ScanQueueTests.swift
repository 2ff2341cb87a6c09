import Foundation
import HummingbirdTesting
import OCOPDomain
@testable import OCOPServe
import OCOPStore
import Testing

/// A page's scan figures: the store's, plus the scans they do not hold yet, each counted once
/// whenever the writer logs them.
@Suite struct ScanQueueTests {
    @Test func aScanCountsAsWaitingThenByItsSeq() {
        let queue = ScanQueue(capacity: 10)
        let a = ScanRequest(serial: "S", client: "a"), b = ScanRequest(serial: "S", client: "b")
        queue.offer(a)
        queue.offer(b)
        queue.offer(ScanRequest(serial: "T", client: "a"))
        #expect(queue.pending(serial: "S", after: nil) == 2)
        let taken = queue.takeAll()
        #expect(taken.count == 3 && queue.depth == 0)
        #expect(queue.pending(serial: "S", after: 7) == 2, "taken, not yet logged: still waiting")
        // Logged: a as seq 9; b fell under the interval rule (not logged at all).
        queue.settled([a, b], written: [(serial: "S", seq: 9)])
        #expect(queue.pending(serial: "S", after: 7) == 1, "figures read before the commit lack seq 9")
        #expect(queue.pending(serial: "S", after: 9) == 0, "figures that hold seq 9")
        #expect(queue.pending(serial: "S", after: nil) == 1, "a unit with no scan in the store yet")
        #expect(queue.pending(serial: "T", after: nil) == 1)
        // A transaction that failed after telling: its scans were not logged after all.
        queue.unlogged([(serial: "S", seq: 9)])
        #expect(queue.pending(serial: "S", after: 7) == 0)
    }

    @Test func loggedScansAreForgottenAfterTheirRetention() {
        let queue = ScanQueue(capacity: 10, retention: .zero)
        let scan = ScanRequest(serial: "S", client: "a")
        queue.offer(scan)
        queue.settled(queue.takeAll(), written: [(serial: "S", seq: 3)])
        #expect(queue.pending(serial: "S", after: 2) == 1)
        queue.settled([])
        #expect(queue.pending(serial: "S", after: 2) == 0)
    }

    /// The writer logs every millisecond while pages are read: each page shows exactly the
    /// scans made so far (a scan logged between a page's two reads used to count twice).
    @Test func pagesCountEachScanOnceWhileTheWriterLogs() async throws {
        let fixture = try ServeFixture("scan-queue-pages")
        defer { fixture.remove() }
        let path = ServeFixture.path(fixture.genuine)
        let app = try fixture.app(threshold: 1000) {
            $0.scanFlushPeriod = .milliseconds(1)
            $0.scansPerCodePerHour = 1000
        }
        try await app.test(.router) { client in
            for made in 1...120 {
                let answer = try await client.get(path, headers: .with([("Accept", "application/json"), ("X-Forwarded-For", "198.51.100.\(made)")]))
                let object = try JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any]
                let scans = (object?["ocop"] as? [String: Any])?["scans"] as? [String: Any]
                #expect(scans?["count"] as? Int == made && scans?["distinct_clients"] as? Int == made, "page \(made): \(String(describing: scans))")
            }
            await app.responder.flushScans()
        }
        #expect(try fixture.store.scanSummary(serial: try DigitalLink(parsing: fixture.genuine).serial!).distinctClients == 120)
    }
}
