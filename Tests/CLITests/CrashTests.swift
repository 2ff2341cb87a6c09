import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// kill -9 at random points of long commands: after each kill the database passes
/// `PRAGMA integrity_check`, the log verifies, the batch or import exists whole or not at all,
/// no rendered file is half-written, and running the command again completes the job.
/// `make test` tries a few kill points; `make stress` (OCOP_STRESS=1) tries 20 per command.
/// SQLite only (not in the PostgreSQL pass): they check the file a killed writer leaves behind;
/// on PostgreSQL the server rolls back a killed client's transaction, which
/// `LogIntegrityTests.killedBatchIssueLeavesNoPartialBatch` checks on both engines.
@Suite(.serialized) struct CrashTests {
    static let stress = ProcessInfo.processInfo.environment["OCOP_STRESS"] == "1"
    static let killPoints = stress ? 20 : 3

    /// Starts the command, kills it with SIGKILL after `delay`, and says whether it was killed
    /// (false when it had already finished).
    func killed(_ arguments: [String], after delay: TimeInterval) throws -> Bool {
        let process = Process()
        process.executableURL = ProjectPaths.ocopTrace
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
    }

    func expectIntact(_ fixture: StoreFixture) throws {
        #expect(try fixture.sql("PRAGMA integrity_check").stdoutText == "ok\n")
        #expect(try fixture.run(["log", "verify"]).status == 0)
    }

    /// Delays spread over the command's running time, with a little jitter.
    func delays(upTo seconds: TimeInterval) -> [TimeInterval] {
        (0..<Self.killPoints).map { point in
            seconds * (Double(point) + Double.random(in: 0.1...0.9)) / Double(Self.killPoints)
        }
    }

    @Test func batchIssue() throws {
        let fixture = try StoreFixture("crash-issue")
        defer { fixture.remove() }
        let units = Self.stress ? 100_000 : 20_000
        let command = ["batch", "issue", "--product", "TV-0002", "--lot", "K-1", "--units", String(units), "--store", fixture.store]
        let started = Date()
        try fixture.expectSuccess(["batch", "issue", "--product", "TV-0002", "--lot", "TIMING", "--units", String(units)])
        let duration = Date().timeIntervalSince(started)
        var kills = 0, killsBeforeCommit = 0
        for delay in delays(upTo: duration) {
            let wasKilled = try killed(command, after: delay)
            try expectIntact(fixture)
            let count = try fixture.sql("SELECT count(*) FROM unit WHERE lot = 'K-1'").stdoutText
            #expect(count == "0\n" || count == "\(units)\n", "partial batch: \(count)")
            if wasKilled, count == "0\n" { killsBeforeCommit += 1 }
            if wasKilled { kills += 1 } else { break }
            // A kill that lands after the commit (the process was closing the store) leaves the
            // whole batch, as it must; later kill points would only meet "already exists".
            if count == "\(units)\n" { break }
        }
        #expect(killsBeforeCommit > 0, "no kill landed before the batch was committed")
        // Running it again completes the job.
        let again = try fixture.run(Array(command.dropLast(2)))
        #expect(again.status == 0 || again.stderrText.contains("already exists"))
        #expect(try fixture.sql("SELECT count(*) FROM unit WHERE lot = 'K-1'").stdoutText == "\(units)\n")
        print("batch issue: \(kills) kill points survived")
    }

    @Test func registerImport() throws {
        let fixture = try StoreFixture("crash-import")
        defer { fixture.remove() }
        let register = ProjectPaths.shared.appendingPathComponent("data/register-tien-giang.csv").path
        let command = ["import", register, "--store", fixture.store]
        var kills = 0
        for delay in delays(upTo: 0.35) {
            let wasKilled = try killed(command, after: delay)
            try expectIntact(fixture)
            let count = try fixture.sql("SELECT count(*) FROM product WHERE id LIKE 'TG-%'").stdoutText
            #expect(count == "0\n" || count == "207\n", "partial import: \(count)")
            if wasKilled { kills += 1 } else { break }
        }
        let again = try fixture.run(Array(command.dropLast(2)))
        #expect(again.status == 0 || again.stderrText.contains("already exists"))
        #expect(try fixture.sql("SELECT count(*) FROM product WHERE id LIKE 'TG-%'").stdoutText == "207\n")
        print("import: \(kills) kill points survived")
    }

    @Test func eventAdd() throws {
        let fixture = try StoreFixture("crash-event")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "E-1", units: 5000)
        var recorded = 0, kills = 0
        for delay in delays(upTo: 0.08) {
            let wasKilled = try killed(["event", "add", "--batch", "E-1", "--step", "shipping", "--store", fixture.store], after: delay)
            try expectIntact(fixture)
            let count = Int(try fixture.sql("SELECT count(*) FROM chain_event").stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))!
            #expect(count == recorded || count == recorded + 1)
            recorded = count
            if wasKilled { kills += 1 }
        }
        try fixture.expectSuccess(["event", "add", "--batch", "E-1", "--step", "receiving"])
        #expect(try fixture.sql("SELECT count(*) FROM chain_event WHERE step = 'receiving'").stdoutText == "1\n")
        print("event add: \(kills) kill points survived")
    }

    @Test func labelRender() throws {
        let fixture = try StoreFixture("crash-labels")
        defer { fixture.remove() }
        let units = Self.stress ? 2000 : 400
        _ = try fixture.issue(lot: "R-1", units: units)
        let out = fixture.folder.appendingPathComponent("out")
        let folder = out.appendingPathComponent("TV-P002/TV-0002/R-1")
        let command = ["label", "render", "--batch", "R-1", "--out", out.path, "--store", fixture.store,
                       "--templates", ProjectPaths.root.appendingPathComponent("Templates").path]
        let started = Date()
        #expect(try ocopTrace(command).status == 0)
        let duration = Date().timeIntervalSince(started)
        try FileManager.default.removeItem(at: out)
        var kills = 0
        for delay in delays(upTo: duration) {
            if try killed(command, after: delay) { kills += 1 }
            // Every label on disk is whole: a PNG that parses through IEND.
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where name.hasSuffix(".png") {
                let chunks = try PNGChunks([UInt8](Data(contentsOf: folder.appendingPathComponent(name))))
                #expect(chunks.chunks.last?.type == "IEND", "\(name) is half-written")
            }
        }
        #expect(kills > 0)
        #expect(try ocopTrace(command).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.filter { $0.hasSuffix(".png") }.count == units)
        #expect(names.contains("manifest.csv") && !names.contains { $0.hasSuffix(".tmp") })
        print("label render: \(kills) kill points survived")
    }
}
