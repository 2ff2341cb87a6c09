import Foundation

/// A store made through the real CLI in a scratch folder, with one producer, one rated product
/// (GTIN) and one unrated product (no GTIN), ready for batches.
public struct StoreFixture: Sendable {
    public let folder: URL
    public var store: String { folder.appendingPathComponent("store").path }

    public init(_ name: String, resolver: String = "id.example.vn") throws {
        folder = try ProjectPaths.scratch(name)
        try expectSuccess(["init", "--resolver", resolver])
        try expectSuccess(["producer", "add", "TV-P002", "--name", "Hợp tác xã Đặc sản Đại Phước", "--kind", "cooperative",
                           "--province", "Trà Vinh", "--district", "Càng Long", "--commune", "Đại Phước"])
        try expectSuccess(["product", "add", "TV-0002", "--producer", "TV-P002", "--name", "Kẹo dừa Đại Phước",
                           "--group", "food", "--gtin", "9528400000020"])
        try expectSuccess(["rate", "TV-0002", "--stars", "4", "--score", "81", "--decision", "2180/QĐ-UBND",
                           "--decision-date", "2026-10-15"])
        try expectSuccess(["product", "add", "TV-0004", "--producer", "TV-P002", "--name", "Kẹo dừa Hiệp Hòa",
                           "--group", "food"])
    }

    /// Runs `ocop-trace` against this store (the --store option is added).
    public func run(_ arguments: [String], input: Data? = nil) throws -> ProcessResult {
        try ocopTrace(arguments + ["--store", store], input: input, in: folder)
    }

    @discardableResult
    public func expectSuccess(_ arguments: [String]) throws -> ProcessResult {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw SubprocessError(description: "ocop-trace \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderrText)")
        }
        return result
    }

    /// Issues a batch and returns its signed codes as (uri, short code, serial).
    public func issue(product: String = "TV-0002", lot: String, units: Int) throws -> [(uri: String, short: String, serial: String)] {
        let codes = folder.appendingPathComponent("codes-\(lot.replacingOccurrences(of: "/", with: "_")).csv").path
        try expectSuccess(["batch", "issue", "--product", product, "--lot", lot, "--units", String(units), "--codes", codes])
        let text = try String(contentsOfFile: codes, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (cells[0], cells[1], cells[2])
        }
    }

    public var database: String { store + "/ocop-trace.sqlite" }

    /// Runs the sqlite3 CLI on the store's file: the way an admin edits behind the tool's back.
    public func sqlite(_ sql: String) throws -> ProcessResult {
        guard let sqlite3 = which("sqlite3") else { throw SubprocessError(description: "sqlite3 is missing: run `make test`") }
        return try TestSupport.run(sqlite3, [database, sql])
    }

    /// SHA-256 of every file of the store, to prove a refused command changed nothing.
    public func digest() throws -> String {
        guard let sha256sum = which("sha256sum") else { throw SubprocessError(description: "sha256sum is missing") }
        let files = try FileManager.default.contentsOfDirectory(atPath: store).sorted().map { store + "/" + $0 }
        return try TestSupport.run(sha256sum, files).stdoutText
    }

    public func remove() { try? FileManager.default.removeItem(at: folder) }
}
