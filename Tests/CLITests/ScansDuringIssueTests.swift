import Foundation
import TestSupport
import Testing

/// Scans never wait for writers: while a big `batch issue` holds the store's writer lock, unit
/// pages still answer (200, their verdict) — the scans they record wait in the resolver's queue
/// and reach the log after the batch commits. Ordering, not speed: the figures are in `make bench`.
@Suite struct ScansDuringIssueTests {
    @Test func pagesAnswerWhileABatchIssueHoldsTheWriterLock() throws {
        let fixture = try StoreFixture("scans-during-issue")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "A-1", units: 5)
        let server = try ServeProcess(fixture)
        defer { server.stop() }

        let issue = Process()
        issue.executableURL = ProjectPaths.ocopTrace
        issue.arguments = ["batch", "issue", "--product", "TV-0002", "--lot", "BIG-1", "--units", "150000", "--store", fixture.store]
        issue.environment = fixture.environment
        issue.standardOutput = FileHandle.nullDevice
        issue.standardError = FileHandle.nullDevice
        try issue.run()
        Thread.sleep(forTimeInterval: 1.0)

        var answeredDuringIssue = 0
        for code in codes {
            let path = String(code.uri.dropFirst("https://id.example.vn".count))
            let page = try server.request(path, accept: "application/json")
            let object = try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any]
            #expect(page.status == 200, "\(page.body)")
            #expect((object?["ocop"] as? [String: Any])?["verdict"] as? String == "GENUINE")
            if issue.isRunning { answeredDuringIssue += 1 }
        }
        #expect(answeredDuringIssue >= 1, "the batch issue ended before any page was asked: make it larger")
        issue.waitUntilExit()
        #expect(issue.terminationStatus == 0)
        // The queued scans reach the log once the writer lock is free (group commit every 200 ms).
        var scans = 0
        for _ in 0..<50 where scans == 0 {
            Thread.sleep(forTimeInterval: 0.2)
            scans = try fixture.run(["log", "show", "--after", "0", "--limit", "100000", "--json"]).stdoutText
                .components(separatedBy: "\"code_scanned\"").count - 1
        }
        #expect(scans >= 1, "no code_scanned entry after the batch committed")
        #expect(try fixture.run(["log", "verify"]).status == 0)
    }
}
