import Foundation
import TestSupport
import Testing

/// A store on a disk that fills up mid-batch, or turns read-only: one clear line, exit 69, and
/// the store exactly as it was. Uses a small tmpfs mounted for the test (the tests run as root).
@Suite(.serialized) struct StorageFailureTests {
    struct SmallDisk {
        let mount: URL
        init(_ name: String, size: String) throws {
            mount = try ProjectPaths.scratch(name).appendingPathComponent("disk")
            try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
            let result = try run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", mount.path])
            guard result.status == 0 else {
                throw SubprocessError(description: "cannot mount a tmpfs for the test (needs root): \(result.stderrText)")
            }
        }
        func remount(_ options: String) throws -> ProcessResult {
            try run(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,\(options)", mount.path])
        }
        func unmount() {
            _ = try? run(URL(fileURLWithPath: "/bin/umount"), [mount.path])
            try? FileManager.default.removeItem(at: mount.deletingLastPathComponent())
        }
    }

    func makeStore(on disk: SmallDisk) throws -> (store: String, ocop: ([String]) throws -> ProcessResult) {
        let store = disk.mount.appendingPathComponent("store").path
        let ocop: ([String]) throws -> ProcessResult = { try ocopTrace($0 + ["--store", store]) }
        for arguments in [["init", "--resolver", "id.example.vn"],
                          ["producer", "add", "P1", "--name", "HTX Kim Hòa", "--kind", "cooperative", "--province", "Trà Vinh",
                           "--district", "Cầu Ngang", "--commune", "Kim Hòa"],
                          ["product", "add", "A1", "--producer", "P1", "--name", "Bánh tét", "--group", "food"]] {
            let result = try ocop(arguments)
            guard result.status == 0 else { throw SubprocessError(description: "\(arguments): \(result.stderrText)") }
        }
        return (store, ocop)
    }

    func digest(_ store: String) throws -> String {
        let files = try FileManager.default.contentsOfDirectory(atPath: store).sorted().map { store + "/" + $0 }
        return try run(which("sha256sum")!, files).stdoutText
    }

    @Test func aFullDiskStopsTheBatchAndLosesNothing() throws {
        let disk = try SmallDisk("disk-full", size: "3m")
        defer { disk.unmount() }
        let (store, ocop) = try makeStore(on: disk)
        let before = try digest(store)
        let head = try ocop(["log", "verify"]).stdoutText
        // 100,000 units need ~15 MB: the 3 MB disk fills up in the middle of the transaction.
        let result = try ocop(["batch", "issue", "--product", "A1", "--lot", "FULL-1", "--units", "100000"])
        #expect(result.status == 69, "\(result.stderrText)")
        #expect(result.stderrText.split(separator: "\n").count == 1)
        #expect(result.stderrText.contains("disk is full"), "\(result.stderrText)")
        #expect(try digest(store) == before)
        #expect(try ocop(["log", "verify"]).stdoutText == head)
        // A batch that fits still goes through afterwards.
        #expect(try ocop(["batch", "issue", "--product", "A1", "--lot", "FULL-2", "--units", "500"]).status == 0)
    }

    @Test func aReadOnlyStoreRefusesWritesWithOneLine() throws {
        let disk = try SmallDisk("disk-ro", size: "4m")
        defer { disk.unmount() }
        let (store, ocop) = try makeStore(on: disk)
        let before = try digest(store)
        #expect(try disk.remount("ro").status == 0)
        for arguments in [["producer", "add", "P2", "--name", "X", "--kind", "company", "--province", "Vĩnh Long", "--commune", "c"],
                          ["batch", "issue", "--product", "A1", "--lot", "RO-1", "--units", "10"]] {
            let result = try ocop(arguments)
            #expect(result.status == 69, "\(arguments): \(result.stderrText)")
            #expect(result.stderrText.split(separator: "\n").count == 1, "\(result.stderrText)")
            #expect(result.stderrText.hasPrefix("ocop-trace: error: store:"), "\(result.stderrText)")
        }
        #expect(try disk.remount("rw").status == 0)
        #expect(try digest(store) == before)
        #expect(try ocop(["log", "verify"]).status == 0)
    }

    /// The batch commits, then its codes file does not fit: the error says the batch IS issued and
    /// how to write the file, no partial file is left, and `batch codes` writes it in full later.
    @Test func aCodesFileOnAFullDiskAfterTheCommitSaysTheBatchIsIssued() throws {
        let disk = try SmallDisk("codes-full", size: "64k")
        defer { disk.unmount() }
        let fixture = try StoreFixture("codes-full-store")
        defer { fixture.remove() }
        let codes = disk.mount.appendingPathComponent("codes.csv").path
        let result = try fixture.run(["batch", "issue", "--product", "TV-0002", "--lot", "CF-1", "--units", "2000", "--codes", codes])
        #expect(result.status == 73, "\(result.stderrText)")
        let line = result.stderrText.split(separator: "\n").last.map(String.init) ?? ""
        #expect(line.contains("IS issued (2000 units") && line.contains("batch codes CF-1"), "\(line)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.mount.path).isEmpty, "no partial codes file")
        let verify = try fixture.run(["batch", "show", "CF-1", "--json"])
        #expect(verify.status == 0)
        let elsewhere = fixture.folder.appendingPathComponent("codes.csv").path
        try fixture.expectSuccess(["batch", "codes", "CF-1", "--product", "TV-0002", "--out", elsewhere])
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8).split(separator: "\n").count == 2001)
    }
}
