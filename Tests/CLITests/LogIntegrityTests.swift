import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The log is evidence: edits behind the tool's back are caught, derived state rebuilds from
/// the log alone, and a killed batch issue leaves nothing half-done.
@Suite struct LogIntegrityTests {
    @Test func logVerifyReportsTheHead() throws {
        let fixture = try StoreFixture("log-ok")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "A-1", units: 2500)
        let result = try fixture.expectSuccess(["log", "verify"])
        // init, producer, product, rating, product, each sealed (10); batch, 3 unit chunks, seal.
        #expect(result.stdoutText.hasPrefix("OK: 15 entries, head "))
    }

    /// SQLite's triggers and PostgreSQL's PL/pgSQL ones refuse the same edits.
    @Test func updateAndDeleteAreRefusedBySQL() throws {
        let fixture = try StoreFixture("log-triggers")
        defer { fixture.remove() }
        let update = try fixture.sql("UPDATE log SET actor = 'mallory' WHERE seq = 2")
        #expect(update.status != 0 && update.stderrText.contains("append-only"))
        let delete = try fixture.sql("DELETE FROM log WHERE seq = 5")
        #expect(delete.status != 0 && delete.stderrText.contains("append-only"))
        #expect(try fixture.run(["log", "verify"]).status == 0)
    }

    struct Tamper: Sendable, CustomTestStringConvertible {
        let name: String
        let sql: String
        let badSeq: Int
        var testDescription: String { name }
    }

    static let tampers: [Tamper] = [
        Tamper(name: "payload byte", sql: "UPDATE log SET payload = replace(payload, 'Đại Phước', 'Đại Phưóc') WHERE seq = 3", badSeq: 3),
        Tamper(name: "time", sql: "UPDATE log SET time = '2020-01-01T00:00:00.000Z' WHERE seq = 7", badSeq: 7),
        Tamper(name: "kind", sql: "UPDATE log SET kind = 'product_rated' WHERE seq = 9", badSeq: 9),
        Tamper(name: "actor", sql: "UPDATE log SET actor = 'mallory' WHERE seq = 5", badSeq: 5),
        Tamper(name: "hash", sql: "UPDATE log SET hash = (CASE WHEN substr(hash, 1, 1) = '0' THEN '1' ELSE '0' END) || substr(hash, 2) WHERE seq = 11", badSeq: 11),
        Tamper(name: "prev_hash", sql: "UPDATE log SET prev_hash = hash WHERE seq = 12", badSeq: 12),
        Tamper(name: "deleted row", sql: "DELETE FROM log WHERE seq = 9", badSeq: 9),
        Tamper(name: "reordered rows", sql: "UPDATE log SET seq = -3 WHERE seq = 3; UPDATE log SET seq = 3 WHERE seq = 4; UPDATE log SET seq = 4 WHERE seq = -3", badSeq: 3),
        Tamper(name: "last row deleted and re-added as another", sql: "DELETE FROM log WHERE seq = 13; INSERT INTO log SELECT 13, time, kind, actor, payload, prev_hash, hash FROM log WHERE seq = 12", badSeq: 13),
        Tamper(name: "stars in a rating", sql: "UPDATE log SET payload = replace(payload, '\"stars\":4', '\"stars\":5') WHERE seq = 7", badSeq: 7),
    ]

    @Test(arguments: tampers)
    func editsBehindTheToolsBackAreCaught(_ tamper: Tamper) throws {
        let fixture = try StoreFixture("log-tamper")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "T-1", units: 10)
        let before = try fixture.run(["log", "verify"])
        #expect(before.status == 0)
        let edit = try fixture.sqlBypassingTriggers(tamper.sql)
        #expect(edit.status == 0, "\(edit.stderrText)")
        let after = try fixture.run(["log", "verify"])
        #expect(after.status == 65)
        #expect(after.stderrText.contains("seq \(tamper.badSeq) fails verification"), "\(after.stderrText)")
    }

    @Test func verifyOfAUnitWhoseEntryWasAlteredIsNotGenuine() throws {
        let fixture = try StoreFixture("log-unit-tamper")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "T-2", units: 5)
        // Swap a serial inside the units entry (seq 12) for one an attacker prints.
        let edit = try fixture.sqlBypassingTriggers("UPDATE log SET payload = replace(payload, '\(codes[0].serial)', '0000000000000') WHERE seq = 12")
        #expect(edit.status == 0)
        let verdict = try fixture.run(["verify", codes[1].uri])
        #expect(verdict.status == 15, "\(verdict.stdoutText) \(verdict.stderrText)")
    }

    @Test func reindexOnACopyGivesIdenticalState() throws {
        let fixture = try StoreFixture("log-reindex")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "RX-1", units: 1500)
        try fixture.expectSuccess(["event", "add", "--batch", "RX-1", "--step", "shipping", "--disposition", "in_transit"])
        try fixture.expectSuccess(["event", "add", codes[7].short, "--step", "retail_selling"])
        try fixture.expectSuccess(["rate", "TV-0002", "--withdraw", "--decision", "9/QĐ-UBND", "--decision-date", "2026-11-01"])

        let tables = ["meta", "producer", "product", "rating", "batch", "unit", "chain_event"]
        func dump() throws -> [String] {
            try tables.map { table in try fixture.sql("SELECT * FROM \(table) ORDER BY 1, 2").stdoutText }
        }
        func answers() throws -> [String] {
            try [fixture.run(["product", "list", "--json"]).stdoutText, fixture.run(["batch", "list", "--json"]).stdoutText,
                 fixture.run(["verify", codes[0].uri, "--json"]).stdoutText, fixture.run(["verify", codes[7].short, "--json"]).stdoutText,
                 fixture.run(["history", codes[7].short, "--json"]).stdoutText]
        }
        let stateBefore = try dump(), answersBefore = try answers()
        #expect(stateBefore[5].split(separator: "\n").count == 1500)
        // Wipe the derived tables behind the tool's back, then rebuild from the log alone.
        #expect(try fixture.sql("DELETE FROM unit; DELETE FROM chain_event; DELETE FROM rating; UPDATE product SET name = 'x';").status == 0)
        #expect(try dump() != stateBefore)
        let reindex = try fixture.expectSuccess(["reindex"])
        #expect(reindex.stdoutText.contains("from 20 log entries"))
        #expect(try dump() == stateBefore)
        #expect(try answers() == answersBefore)
    }

    @Test func killedBatchIssueLeavesNoPartialBatch() throws {
        let fixture = try StoreFixture("log-kill")
        defer { fixture.remove() }
        let headBefore = try fixture.expectSuccess(["log", "verify"]).stdoutText
        let process = Process()
        process.executableURL = ProjectPaths.ocopTrace
        process.arguments = ["batch", "issue", "--product", "TV-0002", "--lot", "K-1", "--units", "1000000", "--store", fixture.store]
        process.environment = fixture.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the issue finished before it could be killed")

        // PostgreSQL has no file to damage: the server rolls back the killed client's transaction.
        if fixture.engine == .sqlite { #expect(try fixture.sql("PRAGMA integrity_check").stdoutText == "ok\n") }
        #expect(try fixture.sql("SELECT count(*) FROM unit").stdoutText == "0\n")
        #expect(try fixture.sql("SELECT count(*) FROM batch").stdoutText == "0\n")
        #expect(try fixture.expectSuccess(["log", "verify"]).stdoutText == headBefore)
        // Running it again completes the job.
        #expect(try fixture.issue(lot: "K-1", units: 20).count == 20)
    }
}
