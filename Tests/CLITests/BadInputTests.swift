import Foundation
import TestSupport
import Testing

/// Input a careless or hostile user gives: an unknown product on every command that takes one,
/// ids and names built to escape a folder or to look like something else, files that are not
/// files, absurd dates. Each is one line naming the field, its exit code, and the store as it was
/// (or, where the input is legitimate, made safe).
@Suite struct BadInputTests {
    typealias Bad = RegistryInputTests.Bad

    static let unknownProduct: [Bad] = [
        Bad(arguments: ["batch", "issue", "--product", "NOPE", "--lot", "X", "--units", "3"], exitCode: 66, mentions: "product: 'NOPE' does not exist"),
        Bad(arguments: ["batch", "issue", "--product", "NOPE", "--lot", "X", "--units", "3", "--codes", "f.csv"], exitCode: 66,
            mentions: "product: 'NOPE' does not exist"),
        Bad(arguments: ["batch", "list", "--product", "NOPE"], exitCode: 66, mentions: "product: 'NOPE' does not exist"),
        Bad(arguments: ["batch", "show", "EXISTING", "--product", "NOPE"], exitCode: 66, mentions: "product: 'NOPE' does not exist"),
        Bad(arguments: ["batch", "codes", "EXISTING", "--product", "NOPE"], exitCode: 66, mentions: "product: 'NOPE' does not exist"),
        Bad(arguments: ["label", "render", "--batch", "EXISTING", "--product", "NOPE"], exitCode: 66, mentions: "product: 'NOPE' does not exist"),
        Bad(arguments: ["stamp", "render", "--product", "NOPE"], exitCode: 66, mentions: "product: 'NOPE' does not exist"),
        Bad(arguments: ["event", "add", "--batch", "EXISTING", "--product", "NOPE", "--step", "shipping"], exitCode: 66,
            mentions: "product: 'NOPE' does not exist"),
        Bad(arguments: ["recall", "--batch", "EXISTING", "--product", "NOPE", "--reason", "x"], exitCode: 66, mentions: "product: 'NOPE' does not exist"),
        Bad(arguments: ["export", "epcis", "--batch", "EXISTING", "--product", "NOPE"], exitCode: 66, mentions: "product: 'NOPE' does not exist"),
        Bad(arguments: ["rate", "NOPE", "--stars", "4", "--score", "75", "--decision", "7/QĐ-UBND", "--decision-date", "2026-11-01"], exitCode: 66,
            mentions: "product: 'NOPE' does not exist"),
        Bad(arguments: ["product", "show", "NOPE"], exitCode: 66, mentions: "product: 'NOPE' does not exist"),
    ]

    static let producer = RegistryInputTests.producer
    static let product = RegistryInputTests.product
    static let replacing = RegistryInputTests.replacing

    static let hostile: [Bad] = [
        // Ids that would name a folder above --out, or look like an existing one.
        Bad(arguments: ["producer", "add", "."] + producer.dropFirst(3), exitCode: 65, mentions: "producer id: '.' must start with a letter or digit"),
        Bad(arguments: ["producer", "add", ".."] + producer.dropFirst(3), exitCode: 65, mentions: "producer id: '..' must start with a letter or digit"),
        Bad(arguments: ["product", "add", ".."] + product.dropFirst(3), exitCode: 65, mentions: "product id: '..' must start with a letter or digit"),
        Bad(arguments: ["product", "add", "tv-0002"] + product.dropFirst(3), exitCode: 67,
            mentions: "product: 'tv-0002' differs only in letter case from 'TV-0002'"),
        Bad(arguments: ["producer", "add", "tv-p002"] + producer.dropFirst(3), exitCode: 67,
            mentions: "producer: 'tv-p002' differs only in letter case from 'TV-P002'"),
        // Text that shows as something else.
        Bad(arguments: replacing(producer, "--name", "HTX \u{202E}ôaoh"), exitCode: 65, mentions: "producer name: invisible formatting character U+202E"),
        Bad(arguments: replacing(product, "--name", "Kẹo\u{200B}dừa"), exitCode: 65, mentions: "product name: invisible formatting character U+200B"),
        Bad(arguments: replacing(producer, "--actor", "clerk\n42  2026-11-20T00:00:00Z  recall  admin"), exitCode: 64, mentions: "actor"),
        Bad(arguments: replacing(producer, "--actor", "clerk\u{1B}[2K\u{1B}[1A"), exitCode: 64, mentions: "actor"),
        // Values no rule should accept.
        Bad(arguments: replacing(product, "--gtin", "00000000000000"), exitCode: 65, mentions: "gtin: 00000000000000 is all zeros"),
        Bad(arguments: RegistryInputTests.issue + ["--produced", "9999-12-31"], exitCode: 65, mentions: "produced: 9999-12-31 is outside 2000-01-01…2099-12-31"),
        Bad(arguments: RegistryInputTests.issue + ["--expires", "2100-01-01"], exitCode: 65, mentions: "expires"),
        Bad(arguments: replacing(RegistryInputTests.rate, "--decision-date", "9997-06-01"), exitCode: 65, mentions: "decision date: 9997-06-01 is outside"),
        Bad(arguments: replacing(RegistryInputTests.rate, "--decision-date", "9999-12-31"), exitCode: 65, mentions: "decision date"),
        Bad(arguments: ["init"], exitCode: 64, mentions: "resolver: missing; pass --resolver HOST"),
    ]

    @Test(arguments: unknownProduct + hostile)
    func refusedWithOneLineAndNothingWritten(_ bad: Bad) throws {
        let fixture = try StoreFixture("bad-input")
        defer { fixture.remove() }
        try fixture.expectSuccess(Self.replacing(RegistryInputTests.issue, "--lot", "EXISTING"))
        try RegistryInputTests.expectRefusedCleanly(bad, arguments: bad.arguments, on: fixture)
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("f.csv").path))
    }

    @Test func aBadUserNameIsRefusedBeforeAnythingIsLogged() throws {
        let fixture = try StoreFixture("bad-user")
        defer { fixture.remove() }
        var environment = fixture.environment
        environment["USER"] = "clerk\u{1B}]0;owned\u{7}"
        let result = try ocopTrace(RegistryInputTests.producer + ["--store", fixture.store], environment: environment, in: fixture.folder)
        #expect(result.status == 64 && result.stderrText.contains("actor: control or invisible characters"), "\(result.stderrText)")
        #expect(!result.stderrText.contains("\u{1B}"), "the escape reached the terminal")
    }

    @Test func logShowPrintsControlCharactersAsEscapes() throws {
        let fixture = try StoreFixture("log-show-escapes")
        defer { fixture.remove() }
        // An actor with a line break and an ANSI sequence, written behind the tool's back.
        let newline = fixture.engine == .sqlite ? "char(10)" : "chr(10)"
        let escape = fixture.engine == .sqlite ? "char(27)" : "chr(27)"
        let edit = try fixture.sqlBypassingTriggers(
            "UPDATE log SET actor = 'clerk' || \(newline) || '99  forged' || \(escape) || '[31m' WHERE seq = 2")
        #expect(edit.status == 0, "\(edit.stderrText)")
        let shown = try fixture.expectSuccess(["log", "show"]).stdoutText
        let lines = shown.split(separator: "\n")
        let entries = try fixture.expectSuccess(["log", "show", "--json"]).stdoutText.components(separatedBy: "\"seq\"").count - 1
        #expect(lines.count == entries + 1, "\(shown)")
        #expect(!shown.contains("\u{1B}"))
        #expect(shown.contains("clerk\\u{A}99  forged\\u{1B}[31m"), "\(shown)")
    }

    @Test func lotsThatLookAlikeGetTheirOwnFolders() throws {
        let fixture = try StoreFixture("lot-folders")
        defer { fixture.remove() }
        let out = fixture.folder.appendingPathComponent("out")
        let templates = ["--templates", ProjectPaths.root.appendingPathComponent("Templates").path]
        let lots = ["A/B": "A%2FB", "A_B": "A_B", "A:B": "A%3AB", "stamps": "%73tamps"]
        var codes: [String: Set<String>] = [:]
        for (lot, _) in lots {
            // The default label carries the compact code; a lot's "/" and ":" stay percent-escapes.
            codes[lot] = Set(try fixture.issue(lot: lot, units: 2).map { CompactCodes.label($0.uri) })
            let render = try fixture.run(["label", "render", "--batch", lot, "--out", out.path] + templates)
            #expect(render.status == 0, "\(lot): \(render.stderrText)")
        }
        try fixture.expectSuccess(["stamp", "render", "--product", "TV-0002", "--out", out.path] + templates)
        let product = out.appendingPathComponent("TV-P002/TV-0002")
        let folders = Set(try FileManager.default.contentsOfDirectory(atPath: product.path))
        #expect(folders == Set(lots.values).union(["stamps"]), "\(folders)")
        for (lot, folder) in lots {
            let manifest = try String(contentsOf: product.appendingPathComponent(folder + "/manifest.csv"), encoding: .utf8)
            let uris = manifest.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
            #expect(Set(uris) == codes[lot], "\(lot) → \(folder)")
            #expect(folder.removingPercentEncoding == lot, "the folder name reads back as the lot")
        }
        let stamps = try FileManager.default.contentsOfDirectory(atPath: product.appendingPathComponent("stamps").path)
        #expect(!stamps.isEmpty && stamps.allSatisfy { $0.hasPrefix("TV-0002-") }, "\(stamps)")
    }

    @Test func devicesAndFIFOsAreNeverReplaced() throws {
        let fixture = try StoreFixture("special-files")
        defer { fixture.remove() }
        try fixture.expectSuccess(Self.replacing(RegistryInputTests.issue, "--lot", "EXISTING"))
        let fifo = fixture.folder.appendingPathComponent("pipe").path
        let device = fixture.folder.appendingPathComponent("null").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(mknod(device, S_IFCHR | 0o666, dev_t(0x103)) == 0, "mknod needs root")  // 1:3 is /dev/null
        let before = try fixture.digest()
        for target in [fifo, device] {
            for arguments in [["batch", "codes", "EXISTING", "--out", target],
                              ["batch", "issue", "--product", "TV-0002", "--lot", "NEW-1", "--units", "3", "--codes", target],
                              ["key", "export", "--out", target],
                              ["export", "epcis", "--out", target],
                              ["label", "render", "--batch", "EXISTING", "--out", target]] {
                let result = try fixture.run(arguments)
                #expect(result.status == 73, "\(arguments): \(result.stderrText)")
                #expect(result.stderrText.split(separator: "\n").count == 1 && result.stderrText.contains(target), "\(result.stderrText)")
            }
        }
        let folderOnAFIFO = try fixture.run(["label", "render", "--batch", "EXISTING", "--out", fifo])
        #expect(folderOnAFIFO.stderrText.contains("\(fifo) exists and is not a folder"), "\(folderOnAFIFO.stderrText)")
        var status = stat()
        #expect(stat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
        #expect(stat(device, &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR, "the device node was replaced")
        #expect(try fixture.digest() == before)
    }

    @Test func initRefusesAFolderOthersCanWrite() throws {
        let folder = try ProjectPaths.scratch("init-world-writable")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("shared").path
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        #expect(chmod(store, 0o777) == 0)
        let result = try ocopTrace(["init", "--resolver", "id.example.vn", "--store", store], in: folder)
        #expect(result.status == 77, "\(result.stderrText)")
        #expect(result.stderrText.split(separator: "\n").count == 1 && result.stderrText.contains("writable by group or others (mode 777)"),
                "\(result.stderrText)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: store).isEmpty)
        // A new folder is made 0700.
        let fresh = folder.appendingPathComponent("fresh").path
        #expect(try ocopTrace(["init", "--resolver", "id.example.vn", "--store", fresh], in: folder).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: fresh)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test func aSheetNamingItselfIsAnErrorNotACrash() throws {
        let folder = try ProjectPaths.scratch("sheet-self")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = ProjectPaths.root.appendingPathComponent("Templates/sheet-a4-40.json")
        var sheet = try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as! [String: Any]
        sheet["name"] = "loop"
        sheet["label"] = "loop"
        let file = folder.appendingPathComponent("loop.json")
        try JSONSerialization.data(withJSONObject: sheet).write(to: file)
        let checked = try ocopTrace(["template", "check", file.path], in: folder)
        #expect(checked.status == 65, "\(checked.stderrText)")
        #expect(checked.stdoutText.contains("\"loop\" is a sheet template"), "\(checked.stdoutText)")

        let fixture = try StoreFixture("sheet-self-render")
        defer { fixture.remove() }
        try fixture.expectSuccess(Self.replacing(RegistryInputTests.issue, "--lot", "EXISTING"))
        let render = try fixture.run(["label", "render", "--batch", "EXISTING", "--sheet", file.path, "--out", folder.appendingPathComponent("out").path])
        #expect(render.status == 65 && render.stderrText.split(separator: "\n").count == 1, "\(render.stderrText)")
    }

    @Test func batchIssueAndLabelsSayTheHostTheySignFor() throws {
        let fixture = try StoreFixture("signing-host", resolver: "truy-xuat.example.vn")
        defer { fixture.remove() }
        let issued = try fixture.expectSuccess(["batch", "issue", "--product", "TV-0002", "--lot", "H-1", "--units", "2"])
        #expect(issued.stdoutText.contains("signed for https://truy-xuat.example.vn/\n"), "\(issued.stdoutText)")
        let json = try fixture.expectSuccess(["batch", "issue", "--product", "TV-0002", "--lot", "H-2", "--units", "2", "--json"])
        #expect(json.stdoutText.contains("\"resolver\" : \"truy-xuat.example.vn\""), "\(json.stdoutText)")
        let out = fixture.folder.appendingPathComponent("out").path
        let templates = ["--templates", ProjectPaths.root.appendingPathComponent("Templates").path]
        let labels = try fixture.expectSuccess(["label", "render", "--batch", "H-1", "--out", out] + templates)
        #expect(labels.stdoutText.hasPrefix("compact codes (no signature: checked against this store's log) for https://truy-xuat.example.vn/\n"),
                "\(labels.stdoutText)")
        let signedLabels = try fixture.expectSuccess(["label", "render", "--batch", "H-1", "--template", "product-label-63x38", "--out", out] + templates)
        #expect(signedLabels.stdoutText.hasPrefix("signing for https://truy-xuat.example.vn/\n"), "\(signedLabels.stdoutText)")
        let labelsJSON = try fixture.expectSuccess(["label", "render", "--batch", "H-1", "--out", out, "--json"] + templates)
        #expect(labelsJSON.stdoutText.contains("\"resolver\" : \"truy-xuat.example.vn\""), "\(labelsJSON.stdoutText)")
    }

    @Test func aDamagedStoreFileIsOneLineAndExit74() throws {
        let fixture = try StoreFixture("damaged-store", engine: .sqlite)
        defer { fixture.remove() }
        // Overwrite the database header: SQLite then says "file is not a database".
        let handle = try #require(FileHandle(forWritingAtPath: fixture.database))
        try handle.write(contentsOf: Data(repeating: 0x5A, count: 4096))
        try handle.close()
        for file in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fixture.database + file) }
        let result = try fixture.run(["product", "list"])
        #expect(result.status == 74, "\(result.stderrText)")
        #expect(result.stderrText.split(separator: "\n").count == 1 && result.stderrText.contains("store: the database file is damaged"),
                "\(result.stderrText)")
    }
}
