import Foundation
import TestSupport
import Testing

/// Someone with write access to the store's database but no key edits a derived table. The
/// verdict must never rest on that edit: `verify` and the resolver read the unit's facts from
/// the hash-checked log and call a disagreeing row TAMPERED; `log verify --deep` names every
/// derived row that differs from a replay of the log (table, key, column) and exits 65.
@Suite struct DerivedTamperingTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        /// Commands run before the edit (store options are added).
        let prelude: [[String]]
        /// The edit; `SERIAL` stands for the first unit's serial.
        let sql: String
        /// What `verify` must answer after the edit.
        let verdict: String
        /// What `log verify --deep` must name: table, and the column when a row differs.
        let table: String
        let column: String?
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a recall's row deleted", prelude: [["recall", "--batch", "K-1", "--reason", "bao bì bị phồng"]],
             sql: "DELETE FROM chain_event WHERE disposition = 'recalled'", verdict: "TAMPERED", table: "chain_event", column: nil),
        Case(name: "a sale's row deleted", prelude: [["event", "add", "--batch", "K-1", "--step", "shipping", "--disposition", "in_transit"],
                                                    ["event", "add", "SHORT", "--step", "retail_selling", "--location", "OCOP shop"]],
             sql: "DELETE FROM chain_event WHERE step = 'retail_selling'", verdict: "TAMPERED", table: "chain_event", column: nil),
        Case(name: "a withdrawal's row deleted",
             prelude: [["rate", "TV-0002", "--withdraw", "--decision", "99/QĐ-UBND", "--decision-date", "2026-11-01"]],
             sql: "DELETE FROM rating WHERE action = 'withdraw'", verdict: "TAMPERED", table: "rating", column: nil),
        Case(name: "a rating's end moved to 2099", prelude: [],
             sql: "UPDATE rating SET valid_until = '2099-12-31'", verdict: "TAMPERED", table: "rating", column: "valid_until"),
        Case(name: "a unit moved to another product", prelude: [],
             sql: "UPDATE unit SET product_id = 'TV-0004' WHERE serial = 'SERIAL'", verdict: "TAMPERED", table: "unit", column: "product_id"),
        Case(name: "the producer renamed", prelude: [],
             sql: "UPDATE producer SET name = 'HTX Giả Mạo'", verdict: "TAMPERED", table: "producer", column: "name"),
        Case(name: "the product renamed", prelude: [],
             sql: "UPDATE product SET name = 'Kẹo giả' WHERE id = 'TV-0002'", verdict: "TAMPERED", table: "product", column: "name"),
        Case(name: "a batch's size changed", prelude: [],
             sql: "UPDATE batch SET units = 99", verdict: "TAMPERED", table: "batch", column: "units"),
        // Not read by any verdict: the code stays genuine (keys come from the log), --deep still finds it.
        Case(name: "meta.public_key replaced", prelude: [],
             sql: "UPDATE meta SET value = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE key = 'public_key'", verdict: "GENUINE",
             table: "meta", column: "value"),
        Case(name: "a stamp record edited", prelude: [["stamp", "render", "--product", "TV-0002", "--out", "OUT"]],
             sql: "UPDATE stamp SET stars = 5", verdict: "GENUINE", table: "stamp", column: "stars"),
        Case(name: "a scan invented", prelude: [],
             sql: "INSERT INTO scan (seq, serial, client, time) VALUES (999999, 'SERIAL', 'c', '2026-11-20T00:00:00.000Z')",
             verdict: "GENUINE", table: "scan", column: nil),
    ]

    @Test(arguments: cases)
    func derivedEditsNeverChangeAVerdict(_ item: Case) throws {
        let fixture = try StoreFixture("tamper-\(item.table)-\(abs(item.name.hashValue % 10_000))")
        defer { fixture.remove() }
        let code = try fixture.issue(lot: "K-1", units: 2)[0]
        let out = fixture.folder.appendingPathComponent("out").path
        let templates = ProjectPaths.root.appendingPathComponent("Templates").path
        for command in item.prelude {
            var arguments = command.map { $0 == "SHORT" ? code.short : $0 == "OUT" ? out : $0 }
            if arguments.first == "stamp" { arguments += ["--templates", templates] }
            try fixture.expectSuccess(arguments)
        }
        #expect(try fixture.run(["log", "verify", "--deep"]).status == 0, "\(item): deep check before the edit")
        let before = try fixture.run(["verify", code.uri, "--json"]).stdoutText

        let edit = try fixture.sql(item.sql.replacingOccurrences(of: "SERIAL", with: code.serial))
        #expect(edit.status == 0, "\(item): \(edit.stderrText)")

        for input in [code.uri, code.short] {
            let result = try fixture.run(["verify", input, "--json"])
            let report = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
            #expect(report?["verdict"] as? String == item.verdict, "\(item) via \(input): \(result.stdoutText)")
        }
        if item.verdict == "GENUINE" {
            // Same answer, same facts as before the edit.
            #expect(try fixture.run(["verify", code.uri, "--json"]).stdoutText == before, "\(item)")
        }
        // The chain itself is whole: plain `log verify` says OK, --deep does not.
        #expect(try fixture.run(["log", "verify"]).status == 0)
        let deep = try fixture.run(["log", "verify", "--deep"])
        #expect(deep.status == 65, "\(item): \(deep.stdoutText)")
        let named = deep.stdoutText.split(separator: "\n").contains { line in
            line.hasPrefix(item.table + " ") && (item.column.map { line.contains("column \($0) differs") } ?? true)
        }
        #expect(named, "\(item): \(deep.stdoutText)")
        let json = try fixture.run(["log", "verify", "--deep", "--json"])
        let object = try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any]
        #expect((object?["difference_count"] as? Int ?? 0) >= 1)
        // `reindex` rebuilds the tables from the log: the edit is gone and the verdict is the log's.
        try fixture.expectSuccess(["reindex"])
        #expect(try fixture.run(["log", "verify", "--deep"]).status == 0, "\(item): after reindex")
    }

    /// The resolver reads the same verdict as `verify` after an edit (here: a deleted recall row).
    @Test func resolverAgreesAfterAnEdit() throws {
        let fixture = try StoreFixture("tamper-resolver")
        defer { fixture.remove() }
        let code = try fixture.issue(lot: "K-1", units: 1)[0]
        try fixture.expectSuccess(["recall", "--batch", "K-1", "--reason", "bao bì bị phồng"])
        try fixture.sql("DELETE FROM chain_event WHERE disposition = 'recalled'")
        let server = try ServeProcess(fixture)
        defer { server.stop() }
        let page = try server.request(String(code.uri.dropFirst("https://id.example.vn".count)), accept: "application/json")
        let object = try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any]
        #expect((object?["ocop"] as? [String: Any])?["verdict"] as? String == "TAMPERED", "\(page.body)")
    }
}
