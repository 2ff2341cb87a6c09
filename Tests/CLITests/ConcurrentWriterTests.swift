import Foundation
import TestSupport
import Testing

/// Two clerks (or four, or eight on a shared PostgreSQL store) issuing batches and recording
/// events at the same moment: every command succeeds, no serial repeats, the chain stays one
/// line, and the units add up.
@Suite struct ConcurrentWriterTests {
    /// `make stress` adds eight writers; on PostgreSQL (a shared store) eight always run.
    static let writerCounts = ProcessInfo.processInfo.environment["OCOP_STRESS"] == "1" ? [2, 4, 8]
        : TestEngine.current == .postgres ? [2, 8] : [2, 4]

    @Test(arguments: writerCounts)
    func writersQueueInsteadOfFailing(processes: Int) throws {
        let fixture = try StoreFixture("concurrent-\(processes)")
        defer { fixture.remove() }
        let batchesEach = 3, unitsEach = 1500
        // Each writer: a script of issue and event commands, run as separate processes in parallel.
        let script = (0..<processes).map { writer in
            (0..<batchesEach).map { batch in
                let lot = "W\(writer)-B\(batch)"
                return """
                "$OCOP" batch issue --product TV-0002 --lot \(lot) --units \(unitsEach) --store "$STORE" >/dev/null || echo "FAIL issue \(lot) $?"
                "$OCOP" event add --batch \(lot) --step shipping --disposition in_transit --store "$STORE" >/dev/null || echo "FAIL event \(lot) $?"
                """
            }.joined(separator: "\n")
        }
        let folder = fixture.folder
        let group = DispatchGroup()
        let failures = FailureLog()
        for (index, commands) in script.enumerated() {
            let file = folder.appendingPathComponent("writer-\(index).sh")
            try Data(commands.utf8).write(to: file)
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                var environment = ["OCOP": ProjectPaths.ocopTrace.path, "STORE": fixture.store,
                                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
                environment["OCOP_TRACE_KEYS"] = fixture.environment["OCOP_TRACE_KEYS"]
                do {
                    let result = try run(URL(fileURLWithPath: "/bin/bash"), [file.path], environment: environment)
                    failures.add(result.stdoutText + result.stderrText)
                } catch {
                    failures.add("writer \(index) could not start: \(error)")
                }
            }
        }
        group.wait()
        #expect(failures.text.isEmpty, "\(failures.text)")

        let total = processes * batchesEach * unitsEach
        #expect(try fixture.sql("SELECT count(*), count(DISTINCT serial), count(DISTINCT short_code) FROM unit").stdoutText
                == "\(total)|\(total)|\(total)\n")
        #expect(try fixture.sql("SELECT count(*) FROM chain_event").stdoutText == "\(processes * batchesEach)\n")
        #expect(try fixture.sql("SELECT CASE WHEN max(seq) = count(*) THEN 1 ELSE 0 END FROM log").stdoutText == "1\n")
        #expect(try fixture.run(["log", "verify"]).status == 0)
    }
}

/// Output from the writer threads, gathered under a lock.
private final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        lock.lock(); lines.append(trimmed); lock.unlock()
    }
    var text: String { lock.lock(); defer { lock.unlock() }; return lines.joined(separator: "\n") }
}
