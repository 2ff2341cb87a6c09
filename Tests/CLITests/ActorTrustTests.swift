import Foundation
import TestSupport
import Testing

/// Many parties, one chain: each actor signs its own writes and may write only what its role
/// allows; write access to the database without a key proves nothing (issue 13).
@Suite struct ActorTrustTests {
    /// The fixture's store with a second producer and product, and four actors with their keys.
    struct Parties {
        let fixture: StoreFixture
        var keys: String { fixture.folder.appendingPathComponent("actor-keys").path }

        init(_ name: String) throws {
            fixture = try StoreFixture(name)
            try fixture.expectSuccess(["producer", "add", "BT-P001", "--name", "HTX Bến Tre", "--kind", "cooperative",
                                       "--province", "Bến Tre", "--district", "Mỏ Cày Nam", "--commune", "An Định"])
            try fixture.expectSuccess(["product", "add", "BT-0001", "--producer", "BT-P001", "--name", "Kẹo dừa Bến Tre", "--group", "food"])
            for (id, role, extra) in [("HTX-DP", "producer", ["--producer", "TV-P002"]), ("HTX-BT", "producer", ["--producer", "BT-P001"]),
                                      ("SHOP-1", "shop", []), ("XE-1", "distributor", []), ("QLTT", "inspector", [])] {
                try fixture.expectSuccess(["actor", "add", id, "--name", "Bên \(id)", "--role", role, "--key-out", keys] + extra)
            }
        }

        func run(as actor: String, _ arguments: [String]) throws -> ProcessResult {
            try fixture.run(arguments + ["--actor", actor, "--actor-keys", keys])
        }
    }

    @Test func actorsAreListedWithTheirRolesAndTheirKeysStayOutOfTheStore() throws {
        let parties = try Parties("actors-list")
        defer { parties.fixture.remove() }
        let list = try parties.fixture.expectSuccess(["actor", "list", "--json"])
        let rows = try JSONSerialization.jsonObject(with: list.stdout) as? [[String: Any]] ?? []
        #expect(rows.map { $0["id"] as? String } == [rows.first?["id"] as? String, "HTX-DP", "HTX-BT", "SHOP-1", "XE-1", "QLTT"])
        #expect(rows.first?["creator"] as? Bool == true && rows[3]["role"] as? String == "shop")
        var info = stat()
        #expect(stat(parties.keys + "/SHOP-1.pem", &info) == 0 && info.st_mode & 0o777 == 0o600)
        let privateKey = try String(contentsOfFile: parties.keys + "/SHOP-1.pem", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        #expect(try !parties.fixture.sql("SELECT payload FROM log").stdoutText.contains(privateKey))
        #expect(try parties.fixture.run(["log", "verify"]).status == 0)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let actor: String
        let arguments: [String]
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "producer B issues for producer A", actor: "HTX-BT",
                arguments: ["batch", "issue", "--product", "TV-0002", "--lot", "X-1", "--units", "3"]),
        Refusal(name: "producer B adds an event to A's batch", actor: "HTX-BT",
                arguments: ["event", "add", "--batch", "A-1", "--step", "shipping"]),
        Refusal(name: "producer B renders A's stamps", actor: "HTX-BT", arguments: ["stamp", "render", "--product", "TV-0002"]),
        Refusal(name: "a shop rates", actor: "SHOP-1",
                arguments: ["rate", "TV-0002", "--stars", "4", "--score", "85", "--decision", "1/QĐ-UBND", "--decision-date", "2026-11-01"]),
        Refusal(name: "a distributor sells", actor: "XE-1", arguments: ["event", "add", "--batch", "A-1", "--step", "retail_selling"]),
        Refusal(name: "a shop registers a producer", actor: "SHOP-1",
                arguments: ["producer", "add", "X-1", "--name", "X", "--kind", "cooperative", "--province", "Vĩnh Long", "--commune", "C"]),
        Refusal(name: "a shop adds an actor", actor: "SHOP-1",
                arguments: ["actor", "add", "SHOP-2", "--name", "Shop 2", "--role", "shop", "--key-out", "k2"]),
    ]

    @Test(arguments: refusals)
    func writesOutsideTheRoleAreRefusedAndNothingIsWritten(_ refusal: Refusal) throws {
        let parties = try Parties("actors-refused")
        defer { parties.fixture.remove() }
        _ = try parties.fixture.issue(lot: "A-1", units: 3)
        let before = try parties.fixture.digest()
        let result = try parties.run(as: refusal.actor, refusal.arguments)
        #expect(result.status == 77, "\(result.stdoutText) \(result.stderrText)")
        #expect(result.stderrText.contains("actor '\(refusal.actor)'") && result.stderrText.split(separator: "\n").count == 1,
                "\(result.stderrText)")
        #expect(try parties.fixture.digest() == before)
    }

    @Test func eachPartyRecordsItsOwnStepAndTheLogSaysWho() throws {
        let parties = try Parties("actors-chain")
        defer { parties.fixture.remove() }
        let codes = folderPath(parties, "own.csv")
        #expect(try parties.run(as: "HTX-DP", ["batch", "issue", "--product", "TV-0002", "--lot", "OWN-1", "--units", "3", "--codes", codes]).status == 0)
        let unit = try String(contentsOfFile: codes, encoding: .utf8).split(separator: "\n")[1].split(separator: ",")
        #expect(try parties.run(as: "XE-1", ["event", "add", "--batch", "OWN-1", "--step", "shipping"]).status == 0)
        #expect(try parties.run(as: "SHOP-1", ["event", "add", String(unit[1]), "--step", "retail_selling"]).status == 0)
        #expect(try parties.run(as: "QLTT", ["recall", "--batch", "OWN-1", "--reason", "mẫu không đạt"]).status == 0)
        let history = try parties.fixture.expectSuccess(["history", String(unit[1]), "--json"]).stdoutText
        for actor in ["HTX-DP", "XE-1", "SHOP-1", "QLTT"] { #expect(history.contains("\"\(actor)\"") || actor == "HTX-DP", "\(actor)") }
        #expect(try parties.fixture.run(["log", "verify"]).status == 0)
        // A revoked actor's later writes are refused; its earlier ones stay valid.
        try parties.fixture.expectSuccess(["actor", "revoke", "SHOP-1", "--reason", "máy bị mất"])
        let before = try parties.fixture.digest()
        #expect(try parties.run(as: "SHOP-1", ["event", "add", "--batch", "OWN-1", "--step", "stocking"]).status == 77)
        #expect(try parties.fixture.digest() == before)
        #expect(try parties.fixture.run(["log", "verify"]).status == 0)
        // A key that is not the actor's (another actor's file under its name) is refused.
        try FileManager.default.copyItem(atPath: parties.keys + "/XE-1.pem", toPath: parties.keys + "/QLTT-copy.pem")
        #expect(try parties.fixture.run(["event", "add", "--batch", "OWN-1", "--step", "inspecting", "--actor", "QLTT",
                                         "--actor-keys", parties.fixture.folder.appendingPathComponent("nowhere").path]).status == 77)
    }

    private func folderPath(_ parties: Parties, _ name: String) -> String {
        parties.fixture.folder.appendingPathComponent(name).path
    }

    /// The log's hash, computed the way the format is documented (SHA-256 over the previous hash
    /// and the canonical entry), by a program of the attacker's own: Python's hashlib.
    static func attackersHash(previous: String, seq: Int64, time: String, kind: String, actor: String, payload: String) throws -> String {
        guard let python = which("python3") else { throw SubprocessError(description: "python3 is missing: run `make test`") }
        let script = """
            import hashlib, json, sys
            prev, seq, time, kind, actor, payload = sys.stdin.read().split("\\x00")
            entry = '{"actor":%s,"kind":%s,"payload":%s,"seq":%s,"time":%s}' % (json.dumps(actor), json.dumps(kind), payload, seq, json.dumps(time))
            print(hashlib.sha256((prev + entry).encode()).hexdigest())
            """
        let input = [previous, String(seq), time, kind, actor, payload].joined(separator: "\u{0}")
        return try run(python, ["-c", script], input: Data(input.utf8)).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// SQL that appends `entries` (kind, payload) after the head, hashes recomputed: what an
    /// attacker with write access to the database but no private key can do.
    /// With `replacingFrom`, the entries from that seq on are deleted first and the new ones take their place.
    static func appendBehindTheToolsBack(_ fixture: StoreFixture, _ entries: [(kind: String, payload: String)], replacingFrom: Int64? = nil) throws -> (sql: String, firstSeq: Int64) {
        let below = replacingFrom.map { "WHERE seq < \($0) " } ?? ""
        let head = try fixture.sql("SELECT seq || ' ' || hash FROM log \(below)ORDER BY seq DESC LIMIT 1").stdoutText
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        var seq = Int64(head[0])!, previous = String(head[1])
        let first = seq + 1
        var statements: [String] = replacingFrom.map { ["DELETE FROM log WHERE seq >= \($0)"] } ?? []
        for entry in entries {
            seq += 1
            let time = "2026-12-03T00:00:00.000Z", actor = "cli"
            let hash = try Self.attackersHash(previous: previous, seq: seq, time: time, kind: entry.kind, actor: actor, payload: entry.payload)
            let quoted = entry.payload.replacingOccurrences(of: "'", with: "''")
            statements.append("INSERT INTO log (seq, time, kind, actor, payload, prev_hash, hash) VALUES (\(seq), '\(time)', '\(entry.kind)', '\(actor)', '\(quoted)', '\(previous)', '\(hash)')")
            previous = hash
        }
        return (statements.joined(separator: "; "), first)
    }

    /// The attack of issue 13: a self-made key rotation and units issued under it, hashes
    /// recomputed. Before seals this verified GENUINE and `log verify` said OK.
    @Test func aSelfMadeKeyRotationWithRecomputedHashesIsCaught() throws {
        let victim = try StoreFixture("trust-victim")
        defer { victim.remove() }
        _ = try victim.issue(lot: "REAL-1", units: 2)
        let attacker = try StoreFixture("trust-attacker", engine: .sqlite)
        defer { attacker.remove() }
        let forged = try attacker.issue(lot: "FAKE-1", units: 2)
        func attackerValue(_ sql: String) throws -> String {
            try attacker.sql(sql).stdoutText.trimmingCharacters(in: .newlines)
        }
        let publicKey = try attackerValue("SELECT value FROM meta WHERE key = 'public_key'")
        let rotation = "{\"key_id\":\"attacker\",\"previous_key_id\":\"x\",\"public_key\":\"\(publicKey)\"}"
        let batch = try attackerValue("SELECT payload FROM log WHERE kind = 'batch_issued'")
        let units = try attackerValue("SELECT payload FROM log WHERE kind = 'units_issued'")
        let attack = try Self.appendBehindTheToolsBack(victim, [("key_rotated", rotation), ("batch_issued", batch), ("units_issued", units)])
        let edit = try victim.sqlBypassingTriggers(attack.sql)
        #expect(edit.status == 0, "\(edit.stderrText)")
        try victim.expectSuccess(["reindex"])  // the derived tables now list the forged units

        let logVerify = try victim.run(["log", "verify"])
        #expect(logVerify.status == 65 && logVerify.stderrText.contains("seq \(attack.firstSeq) fails verification"), "\(logVerify.stderrText)")
        let verdict = try victim.run(["verify", forged[0].uri, "--json"])
        #expect(verdict.status != 0 && !verdict.stdoutText.contains("\"GENUINE\""), "\(verdict.stdoutText)")
        let keys = try victim.expectSuccess(["key", "list", "--json"]).stdoutText
        #expect(!keys.contains(publicKey))
    }

    /// A resolver that has checked a unit's entries once remembers them (by hash and trust
    /// state); an entry edited afterwards in the database is checked again and caught: a payload
    /// edit breaks its hash, a recomputed hash is not the one its seal signed.
    @Test func aRunningResolverCatchesAnEntryEditedAfterItWasChecked() throws {
        let fixture = try StoreFixture("trust-remembered")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "R-1", units: 2)
        let server = try ServeProcess(fixture)
        defer { server.stop() }
        func verdict() throws -> String? {
            let page = try server.request(String(codes[0].uri.dropFirst("https://id.example.vn".count)), accept: "application/json")
            let object = try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any]
            return (object?["ocop"] as? [String: Any])?["verdict"] as? String
        }
        #expect(try verdict() == "GENUINE")
        #expect(try verdict() == "GENUINE", "the second look comes from what the resolver remembered")
        let row = try ["seq", "prev_hash", "time", "actor"].map { column in
            try fixture.sql("SELECT \(column) FROM log WHERE kind = 'batch_issued'").stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let payload = try fixture.sql("SELECT payload FROM log WHERE kind = 'batch_issued'").stdoutText.trimmingCharacters(in: .newlines)
        let edited = payload.replacingOccurrences(of: "\"units\":2", with: "\"units\":3")
        #expect(edited != payload)
        let quoted = edited.replacingOccurrences(of: "'", with: "''")
        try fixture.sqlBypassingTriggers("UPDATE log SET payload = '\(quoted)' WHERE kind = 'batch_issued'")
        #expect(try verdict() == "TAMPERED", "a payload edited after it was checked fails its hash")
        let hash = try Self.attackersHash(previous: row[1], seq: Int64(row[0])!, time: row[2], kind: "batch_issued", actor: row[3], payload: edited)
        try fixture.sqlBypassingTriggers("UPDATE log SET hash = '\(hash)' WHERE kind = 'batch_issued'")
        #expect(try verdict() == "TAMPERED", "a recomputed hash is not the one the write's seal signed")
    }

    /// An entry appended without a key after a sealed write: a fake sale to block a genuine unit.
    @Test func anUnsealedEntryIsNeverUsedByAVerdict() throws {
        let fixture = try StoreFixture("trust-unsealed")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "U-1", units: 2)
        let sale = "{\"at\":\"2026-12-01T10:00:00+07:00\",\"lifts_recall\":false,\"lot\":\"U-1\",\"product\":\"TV-0002\",\"serial\":\"\(codes[0].serial)\",\"step\":\"retail_selling\"}"
        let attack = try Self.appendBehindTheToolsBack(fixture, [("chain_event", sale)])
        #expect(try fixture.sqlBypassingTriggers(attack.sql).status == 0)
        try fixture.expectSuccess(["reindex"])
        let verdict = try fixture.run(["verify", codes[0].uri, "--json"])
        #expect(!verdict.stdoutText.contains("ALREADY_SOLD"), "\(verdict.stdoutText)")
        let logVerify = try fixture.run(["log", "verify"])
        #expect(logVerify.status == 65 && logVerify.stderrText.contains("seq \(attack.firstSeq) fails verification"), "\(logVerify.stderrText)")
    }

    /// A checkpoint kept outside the store catches what seals cannot: a tail cut off (a recall
    /// deleted) or the log rewritten from some entry on with every later hash recomputed.
    @Test func aCheckpointCatchesATruncatedOrRewrittenTail() throws {
        let fixture = try StoreFixture("trust-checkpoint")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "C-1", units: 2)
        let before = fixture.folder.appendingPathComponent("before-recall.json").path
        let written = try fixture.expectSuccess(["log", "checkpoint", "--out", before])
        #expect(written.stdoutText.contains("written to \(before)"))
        let beforeSeq = try #require(try Self.checkpointSeq(before))
        #expect(try fixture.run(["log", "verify", "--checkpoint", before]).status == 0)
        // A later recall: the log still extends the earlier checkpoint.
        try fixture.expectSuccess(["recall", "--batch", "C-1", "--reason", "kiểm tra"])
        #expect(try fixture.run(["log", "verify", "--checkpoint", before]).status == 0)
        // The one `serve` publishes is the same kind of file, of the head after the recall.
        let after = fixture.folder.appendingPathComponent("after-recall.json").path
        let server = try ServeProcess(fixture)
        let published = try server.request("/.well-known/ocop-trace/checkpoint")
        server.stop()
        #expect(published.status == 200, "\(published.body)")
        try published.body.write(toFile: after, atomically: true, encoding: .utf8)
        let head = try fixture.sql("SELECT max(seq) FROM log").stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try Self.checkpointSeq(after).map(String.init) == head)
        #expect(try fixture.run(["log", "verify", "--checkpoint", after]).status == 0)

        // The recall's write (entry and seal) removed: the chain and its seals alone look whole.
        #expect(try fixture.sqlBypassingTriggers("DELETE FROM log WHERE seq > \(beforeSeq)").status == 0)
        #expect(try fixture.run(["log", "verify"]).status == 0)
        #expect(try fixture.run(["log", "verify", "--checkpoint", before]).status == 0)
        let cut = try fixture.run(["log", "verify", "--checkpoint", before, "--checkpoint", after])
        #expect(cut.status == 65 && cut.stderrText.contains("entries were removed"), "\(cut.stderrText)")

        // An edited checkpoint file is refused as well.
        let text = try String(contentsOfFile: before, encoding: .utf8)
        let forged = text.replacingOccurrences(of: "\"seq\":\(beforeSeq)", with: "\"seq\":\(beforeSeq - 1)")
        #expect(forged != text)
        try forged.write(toFile: before + ".forged", atomically: true, encoding: .utf8)
        let edited = try fixture.run(["log", "verify", "--checkpoint", before + ".forged"])
        #expect(edited.status == 65 && edited.stderrText.contains("signature"), "\(edited.stderrText)")
    }

    static func checkpointSeq(_ file: String) throws -> Int? {
        let checkpoint = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
        return checkpoint?["seq"] as? Int
    }

    @Test func aRewrittenEntryWithEveryLaterHashRecomputedFailsTheCheckpoint() throws {
        let fixture = try StoreFixture("trust-rewrite")
        defer { fixture.remove() }
        let file = fixture.folder.appendingPathComponent("checkpoint.json").path
        try fixture.expectSuccess(["log", "checkpoint", "--out", file])
        let checkpoint = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
        let seq = try #require(checkpoint?["seq"] as? Int)
        // Drop the head (a seal) and append a different entry with a recomputed hash in its place.
        let attack = try Self.appendBehindTheToolsBack(fixture, [("code_scanned", "{\"client\":\"x\",\"serial\":\"0000000000000\"}")], replacingFrom: Int64(seq))
        let rewrite = try fixture.sqlBypassingTriggers(attack.sql)
        #expect(rewrite.status == 0, "\(rewrite.stderrText)")
        // Caught by the seals (the write the removed seal covered is now unsealed), checkpoint or not.
        let result = try fixture.run(["log", "verify", "--checkpoint", file])
        #expect(result.status == 65 && result.stderrText.contains("fails verification") && result.stderrText.contains("sealed by no signed write"), "\(result.stderrText)")
    }

    /// Someone holding the database and a key the log trusts removes a recall and writes other,
    /// properly sealed entries in its place: seals pass, the checkpoint does not.
    @Test func aRecallReplacedBySealedEntriesFailsOnlyTheCheckpoint() throws {
        let fixture = try StoreFixture("trust-replace")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "R-1", units: 2)
        let before = try fixture.sql("SELECT max(seq) FROM log").stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        try fixture.expectSuccess(["recall", "--batch", "R-1", "--reason", "vi sinh vượt ngưỡng"])
        let file = fixture.folder.appendingPathComponent("checkpoint.json").path
        try fixture.expectSuccess(["log", "checkpoint", "--out", file])
        #expect(try fixture.sqlBypassingTriggers("DELETE FROM log WHERE seq > \(before)").status == 0)
        try fixture.expectSuccess(["reindex"])
        try fixture.expectSuccess(["event", "add", "--batch", "R-1", "--step", "shipping", "--disposition", "in_transit"])
        #expect(try fixture.run(["log", "verify"]).status == 0)
        let result = try fixture.run(["log", "verify", "--checkpoint", file])
        #expect(result.status == 65 && result.stderrText.contains("the log was rewritten"), "\(result.stderrText)")
    }
}
