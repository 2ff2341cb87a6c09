import Foundation
import TestSupport
import Testing

/// Bad input to every registry and code command: one line naming the field and the rule, the
/// right exit code, and the log exactly as it was.
@Suite struct RegistryInputTests {
    struct Bad: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let exitCode: Int32
        let mentions: String
        /// Commands that take no --store (templates, usage errors) run without one.
        var usesStore: Bool { !["template", "nonsense-command"].contains(arguments.first ?? "") }
        var testDescription: String { arguments.prefix(6).joined(separator: " ") }
    }

    static let producer = ["producer", "add", "P-9", "--name", "HKD Trì Cảnh", "--kind", "household_business",
                           "--province", "Trà Vinh", "--district", "Trà Cú", "--commune", "Tập Sơn"]
    static let product = ["product", "add", "P-9", "--producer", "TV-P002", "--name", "Bộ salon tre", "--group", "handicrafts"]
    static let rate = ["rate", "TV-0002", "--stars", "4", "--score", "75", "--decision", "7/QĐ-UBND", "--decision-date", "2026-11-01"]
    static let issue = ["batch", "issue", "--product", "TV-0002", "--lot", "B-1", "--units", "3"]

    static func replacing(_ base: [String], _ flag: String, with value: String) -> [String] {
        var copy = base
        if let index = copy.firstIndex(of: flag) { copy[index + 1] = value } else { copy += [flag, value] }
        return copy
    }

    static let cases: [Bad] = [
        // Producers
        Bad(arguments: replacing(producer, "--kind", with: "farm"), exitCode: 65, mentions: "kind"),
        Bad(arguments: replacing(producer, "--name", with: "HKD\u{7}Trì"), exitCode: 65, mentions: "producer name: control character U+0007"),
        Bad(arguments: replacing(producer, "--name", with: String(repeating: "Ạ", count: 10_000)), exitCode: 65, mentions: "producer name"),
        Bad(arguments: replacing(producer, "--name", with: "   "), exitCode: 65, mentions: "producer name: must not be empty"),
        Bad(arguments: replacing(producer, "--tax-id", with: "12345"), exitCode: 65, mentions: "tax id"),
        Bad(arguments: ["producer", "add", "P 9"] + producer.dropFirst(3), exitCode: 65, mentions: "producer id"),
        Bad(arguments: ["producer", "add", "TV-P002"] + producer.dropFirst(3), exitCode: 67, mentions: "producer: 'TV-P002' already exists"),
        Bad(arguments: ["producer", "show", "NOPE"], exitCode: 66, mentions: "producer: 'NOPE' does not exist"),
        // Products
        Bad(arguments: replacing(product, "--gtin", with: "9521234500002"), exitCode: 65, mentions: "gtin"),
        Bad(arguments: replacing(product, "--gtin", with: "952123450000"), exitCode: 65, mentions: "gtin"),
        Bad(arguments: replacing(product, "--gtin", with: "95212345000A1"), exitCode: 65, mentions: "gtin"),
        Bad(arguments: replacing(product, "--gtin", with: "9528400000020"), exitCode: 67, mentions: "gtin"),
        Bad(arguments: replacing(product, "--group", with: "textiles"), exitCode: 65, mentions: "group"),
        Bad(arguments: replacing(product, "--producer", with: "NOPE"), exitCode: 66, mentions: "producer: 'NOPE'"),
        Bad(arguments: ["product", "add", "TV-0002"] + product.dropFirst(3), exitCode: 67, mentions: "product: 'TV-0002' already exists"),
        Bad(arguments: ["product", "add", String(repeating: "x", count: 33)] + product.dropFirst(3), exitCode: 65, mentions: "product id"),
        // Ratings
        Bad(arguments: replacing(rate, "--stars", with: "6"), exitCode: 65, mentions: "stars"),
        Bad(arguments: replacing(rate, "--stars", with: "2"), exitCode: 65, mentions: "stars"),
        Bad(arguments: replacing(rate, "--score", with: "69"), exitCode: 65, mentions: "score"),
        Bad(arguments: replacing(rate, "--score", with: "101"), exitCode: 65, mentions: "score"),
        Bad(arguments: replacing(replacing(rate, "--stars", with: "5"), "--score", with: "89"), exitCode: 65, mentions: "score"),
        Bad(arguments: replacing(rate, "--decision-date", with: "2026-02-30"), exitCode: 65, mentions: "decision date"),
        Bad(arguments: replacing(rate, "--decision-date", with: "15/10/2026"), exitCode: 65, mentions: "decision date"),
        Bad(arguments: replacing(rate, "--decision-date", with: "2026-10-01"), exitCode: 65, mentions: "decision date"),
        Bad(arguments: replacing(rate, "--valid-until", with: "2026-10-31"), exitCode: 65, mentions: "valid until"),
        Bad(arguments: replacing(rate, "--decision", with: ""), exitCode: 65, mentions: "decision"),
        Bad(arguments: ["rate", "NOPE"] + rate.dropFirst(2), exitCode: 66, mentions: "product: 'NOPE'"),
        Bad(arguments: ["rate", "TV-0004", "--withdraw", "--decision", "8/QĐ", "--decision-date", "2026-11-02"], exitCode: 65, mentions: "no rating in force"),
        Bad(arguments: rate + ["--withdraw"], exitCode: 64, mentions: "withdraw"),
        Bad(arguments: ["rate", "TV-0002", "--decision", "7/QĐ", "--decision-date", "2026-11-01"], exitCode: 64, mentions: "stars"),
        // Batches
        Bad(arguments: replacing(issue, "--lot", with: "LOT WITH SPACE"), exitCode: 65, mentions: "lot"),
        Bad(arguments: replacing(issue, "--lot", with: "LÔ-1"), exitCode: 65, mentions: "lot"),
        Bad(arguments: replacing(issue, "--lot", with: String(repeating: "L", count: 21)), exitCode: 65, mentions: "lot"),
        Bad(arguments: replacing(issue, "--lot", with: "A#1"), exitCode: 65, mentions: "lot"),
        Bad(arguments: replacing(issue, "--units", with: "0"), exitCode: 65, mentions: "units"),
        Bad(arguments: replacing(issue, "--units", with: "1000001"), exitCode: 65, mentions: "units"),
        Bad(arguments: replacing(issue, "--units", with: "many"), exitCode: 64, mentions: "units"),
        Bad(arguments: replacing(issue, "--product", with: "NOPE"), exitCode: 66, mentions: "product: 'NOPE'"),
        Bad(arguments: issue + ["--produced", "2026-11-20", "--expires", "2026-11-19"], exitCode: 65, mentions: "expires"),
        Bad(arguments: issue + ["--produced", "2026-13-01"], exitCode: 65, mentions: "produced"),
        Bad(arguments: replacing(issue, "--lot", with: "EXISTING"), exitCode: 67, mentions: "lot: 'EXISTING"),
        Bad(arguments: issue + ["--codes", "/nonexistent-folder/codes.csv"], exitCode: 73, mentions: "does not exist"),
        // Events and lookups
        Bad(arguments: ["event", "add", "--batch", "EXISTING", "--step", "shiping"], exitCode: 65, mentions: "step"),
        Bad(arguments: ["event", "add", "--batch", "EXISTING", "--step", "shipping", "--disposition", "lost"], exitCode: 65, mentions: "disposition"),
        Bad(arguments: ["event", "add", "--batch", "EXISTING", "--step", "shipping", "--at", "2099-01-01T00:00:00+07:00"], exitCode: 65, mentions: "at"),
        Bad(arguments: ["event", "add", "--batch", "EXISTING", "--step", "shipping", "--at", "yesterday"], exitCode: 65, mentions: "at"),
        Bad(arguments: ["event", "add", "--batch", "NOPE", "--step", "shipping"], exitCode: 66, mentions: "lot: 'NOPE'"),
        Bad(arguments: ["event", "add", "0000-0000-0", "--step", "shipping"], exitCode: 66, mentions: "code"),
        Bad(arguments: ["event", "add", "0000-0000-1", "--step", "shipping"], exitCode: 65, mentions: "code"),
        Bad(arguments: ["event", "add", "--step", "shipping"], exitCode: 64, mentions: "code"),
        Bad(arguments: ["history", "https://id.example.vn/01/09528400000020/10/EXISTING/21/0000000000000?s=AAAA"], exitCode: 65, mentions: "code"),
        Bad(arguments: ["recall", "--batch", "NOPE", "--reason", "x"], exitCode: 66, mentions: "lot"),
        Bad(arguments: ["verify", ""], exitCode: 64, mentions: "input"),
        Bad(arguments: ["import", "/nonexistent/register.csv"], exitCode: 74, mentions: "file"),
        // Labels, stamps, templates
        Bad(arguments: ["label", "render", "--batch", "NOPE"], exitCode: 66, mentions: "lot"),
        Bad(arguments: ["label", "render", "--batch", "EXISTING", "--template", "no-such-template"], exitCode: 65, mentions: "no-such-template"),
        Bad(arguments: ["label", "render", "--batch", "EXISTING", "--sheet", "no-such-sheet"], exitCode: 65, mentions: "no-such-sheet"),
        Bad(arguments: ["label", "render", "--batch", "EXISTING", "--format", "gif"], exitCode: 64, mentions: "format"),
        Bad(arguments: ["label", "render", "--batch", "EXISTING", "--dpi", "72"], exitCode: 65, mentions: "dpi"),
        Bad(arguments: ["label", "render", "--batch", "EXISTING", "--sheet", "sheet-a4-40", "--format", "svg"], exitCode: 64, mentions: "svg"),
        Bad(arguments: ["stamp", "render", "--product", "NOPE"], exitCode: 66, mentions: "product: 'NOPE'"),
        Bad(arguments: ["stamp", "render", "--product", "TV-0004"], exitCode: 65, mentions: "no rating in force"),
        Bad(arguments: ["stamp", "render"], exitCode: 64, mentions: "product"),
        Bad(arguments: ["stamp", "render", "--product", "TV-0002", "--all"], exitCode: 64, mentions: "product"),
        Bad(arguments: ["restamp", "--on", "2026-02-29"], exitCode: 65, mentions: "on"),
        Bad(arguments: ["template", "check", "no-such-template"], exitCode: 66, mentions: "does not exist"),
        Bad(arguments: ["template", "preview", "no-such-template"], exitCode: 65, mentions: "no-such-template"),
        // Lookups and queries
        Bad(arguments: ["product", "show", "NOPE"], exitCode: 66, mentions: "product: 'NOPE'"),
        Bad(arguments: ["batch", "show", "NOPE"], exitCode: 66, mentions: "lot"),
        Bad(arguments: ["batch", "codes", "NOPE"], exitCode: 66, mentions: "lot"),
        Bad(arguments: ["batch", "codes", "EXISTING", "--out", "/nonexistent-folder/c.csv"], exitCode: 73, mentions: "c.csv"),
        Bad(arguments: ["history", "0000-0000-0"], exitCode: 66, mentions: "code"),
        Bad(arguments: ["history", "not a code"], exitCode: 65, mentions: "code"),
        Bad(arguments: ["verify", "EXISTING", "--on", "2026-13-01"], exitCode: 65, mentions: "on"),
        Bad(arguments: ["verify", "0000-0000-0", "--pubkey", "/nonexistent/key.pem"], exitCode: 77, mentions: "key"),
        Bad(arguments: ["key", "export", "--out", "/nonexistent-folder/k.pem"], exitCode: 73, mentions: "k.pem"),
        Bad(arguments: ["log", "show", "--limit", "lots"], exitCode: 64, mentions: "limit"),
        Bad(arguments: ["producer", "add"], exitCode: 64, mentions: "id"),
        Bad(arguments: ["nonsense-command"], exitCode: 64, mentions: "nonsense-command"),
        Bad(arguments: ["init", "--resolver", "bad host/with path"], exitCode: 64, mentions: "resolver"),
        Bad(arguments: ["event", "add", "--batch", "EXISTING", "--step", "shipping", "--note", String(repeating: "n", count: 10_000)], exitCode: 65, mentions: "note"),
        Bad(arguments: ["event", "add", "--batch", "EXISTING", "--step", "shipping", "--location", "Kho\u{1B}[31m"], exitCode: 65, mentions: "location"),
        Bad(arguments: ["event", "add", "--batch", "EXISTING", "--step", "shipping", "--at", "2026-11-21T25:00:00+07:00"], exitCode: 65, mentions: "at"),
    ]

    @Test(arguments: cases)
    func badInputIsRefusedCleanly(_ bad: Bad) throws {
        let fixture = try StoreFixture("registry-bad")
        defer { fixture.remove() }
        try fixture.expectSuccess(Self.replacing(Self.issue, "--lot", with: "EXISTING"))
        let arguments = bad.arguments.map { $0 == "EXISTING" && bad.arguments.first == "verify" ? "0000-0000-0" : $0 }
        try Self.expectRefusedCleanly(bad, arguments: arguments, on: fixture)
    }

    /// Runs `arguments` on `fixture`: the exit code, one line on stderr that mentions the field,
    /// and the store and its log exactly as they were.
    static func expectRefusedCleanly(_ bad: Bad, arguments: [String], on fixture: StoreFixture) throws {
        let head = try fixture.expectSuccess(["log", "verify"]).stdoutText
        let before = try fixture.digest()
        let result = bad.usesStore ? try fixture.run(arguments) : try ocopTrace(arguments, in: fixture.folder)
        #expect(result.status == bad.exitCode, "stderr: \(result.stderrText)")
        #expect(result.stderrText.hasPrefix("ocop-trace: error: "), "\(result.stderrText)")
        #expect(result.stderrText.split(separator: "\n").count == 1, "\(result.stderrText)")
        #expect(result.stderrText.contains(bad.mentions), "\(result.stderrText)")
        #expect(try fixture.digest() == before, "the store's files changed")
        #expect(try fixture.expectSuccess(["log", "verify"]).stdoutText == head)
    }

    @Test func noStoreIsAClearError() throws {
        let folder = try ProjectPaths.scratch("no-store")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ocopTrace(["product", "list", "--store", folder.appendingPathComponent("missing").path])
        #expect(result.status == 66 && result.stderrText.contains("run `ocop-trace init`"))
        #expect(try ocopTrace(["init", "--resolver", "id.example.vn", "--store", folder.path + "/s"]).status == 0)
        let again = try ocopTrace(["init", "--resolver", "id.example.vn", "--store", folder.path + "/s"])
        #expect(again.status == 67 && again.stderrText.contains("already holds a store"))
    }

    @Test func keyFilesArePrivateAndNeverPrinted() throws {
        let fixture = try StoreFixture("keys")
        defer { fixture.remove() }
        let keyPath = fixture.keyFolder + "/issuer-key.pem"
        let attributes = try FileManager.default.attributesOfItem(atPath: keyPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let secret = try String(contentsOfFile: keyPath, encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let exported = try fixture.expectSuccess(["key", "export"]).stdoutText
        #expect(exported.hasPrefix("-----BEGIN PUBLIC KEY-----") && !exported.contains(secret))
        // A key others can read is refused before any code is signed.
        #expect(chmod(keyPath, 0o644) == 0)
        let refused = try fixture.run(Self.issue)
        #expect(refused.status == 77 && refused.stderrText.contains("chmod 600"))
        #expect(!refused.stderrText.contains(secret))
        #expect(try fixture.sql("SELECT count(*) FROM batch").stdoutText == "0\n")
    }
}
