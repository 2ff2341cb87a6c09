import Foundation
import OCOPDomain
import OCOPStore
import Testing
import TestSupport

/// `ocop-trace serve` as a process: graceful shutdown on SIGTERM, and a PostgreSQL store that
/// restarts or goes away under a running resolver.
@Suite(.serialized) struct ServeProcessTests {
    static let templates = ProjectPaths.root.appendingPathComponent("Templates").path

    @Test func sigtermStopsGracefullyAndWritesTheQueuedScans() throws {
        let fixture = try ServeFixture("serve-sigterm")
        defer { fixture.remove() }
        let serve = try ServeProcess(["--store", fixture.storeFolder.path, "--templates", Self.templates,
                                      "--trust-forwarded-for"], scratch: fixture.folder)
        let path = ServeFixture.path(fixture.genuine)
        let clients = 40
        for index in 1...clients {
            let page = try serve.request(path, headers: ["X-Forwarded-For: 198.51.100.\(index)"])
            #expect(page.status == 200 && page.body.contains("data-verdict=\"GENUINE\""))
        }
        let stopped = try #require(serve.stop(signal: SIGTERM, timeout: 10), "serve still runs 10 s after SIGTERM")
        #expect(stopped.status == 0, "\(serve.stderr)")
        let serial = try DigitalLink(parsing: fixture.genuine).serial!
        let store = try SQLiteTraceStore(folder: fixture.storeFolder)
        #expect(try store.scanSummary(serial: serial).distinctClients == min(clients, 30))
        #expect(try store.verifyLog().isIntact)
        #expect(serve.stderr.contains("route=unit"), "one access-log line per request")
    }

    @Test func sigintStopsToo() throws {
        let fixture = try ServeFixture("serve-sigint")
        defer { fixture.remove() }
        let serve = try ServeProcess(["--store", fixture.storeFolder.path, "--templates", Self.templates], scratch: fixture.folder)
        #expect(try serve.request("/healthz").status == 200)
        let stopped = try #require(serve.stop(signal: SIGINT, timeout: 10))
        #expect(stopped.status == 0)
    }

    @Test func aChunkedUploadOverTheLimitIs413OnTheWire() throws {
        let fixture = try ServeFixture("serve-chunked-wire")
        defer { fixture.remove() }
        let serve = try ServeProcess(["--store", fixture.storeFolder.path, "--templates", Self.templates], scratch: fixture.folder)
        let big = fixture.folder.appendingPathComponent("big.bin")
        try Data(repeating: 0x41, count: 16 * 1024 * 1024).write(to: big)  // over the 15 MB limit
        let response = try serve.request("/verify", headers: ["Transfer-Encoding: chunked"],
                                         extra: ["-F", "label=@\(big.path);type=image/png"])
        #expect(response.status == 413, "\(response.body)")
    }

    /// A PostgreSQL store with one product and a batch, made through the CLI; the URI of one unit.
    static func postgresStore(_ server: ThrowAwayPostgres, scratch: URL) throws -> (store: String, keys: String, uri: String) {
        let store = server.url
        let keys = scratch.appendingPathComponent("keys").path
        func ocop(_ arguments: [String]) throws -> ProcessResult {
            let result = try ocopTrace(arguments + ["--store", store, "--keys", keys])
            guard result.status == 0 else { throw SubprocessError(description: "\(arguments): \(result.stderrText)") }
            return result
        }
        _ = try ocop(["init", "--resolver", "id.example.vn"])
        _ = try ocop(["producer", "add", "TV-P002", "--name", "HTX Đại Phước", "--kind", "cooperative", "--province", "Trà Vinh",
                      "--district", "Càng Long", "--commune", "Đại Phước"])
        _ = try ocop(["product", "add", "TV-0002", "--producer", "TV-P002", "--name", "Kẹo dừa", "--group", "food",
                      "--gtin", "9528400000020"])
        _ = try ocop(["rate", "TV-0002", "--stars", "4", "--score", "81", "--decision", "2180/QĐ-UBND", "--decision-date", "2026-10-15"])
        let codes = scratch.appendingPathComponent("codes.csv").path
        _ = try ocop(["batch", "issue", "--product", "TV-0002", "--lot", "KD-2026-11", "--units", "3", "--produced", "2026-11-20",
                      "--codes", codes])
        let lines = try String(contentsOfFile: codes, encoding: .utf8).split(separator: "\n")
        let uri = String(lines[1].split(separator: ",")[0])
        return (store, keys, uri)
    }

    /// Polls `path` until it answers 200; the seconds it took, nil after `limit` seconds.
    static func secondsUntilOK(_ serve: ServeProcess, _ path: String, limit: Double) throws -> Double? {
        let started = Date()
        while Date().timeIntervalSince(started) < limit {
            if try serve.request(path, maxTime: 2).status == 200 { return Date().timeIntervalSince(started) }
            usleep(100_000)
        }
        return nil
    }

    @Test func aPostgresRestartIsSurvivedAndADownDatabaseIs503() throws {
        let server = try ThrowAwayPostgres()
        let scratch = try ProjectPaths.scratch("serve-pg-restart")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (store, keys, uri) = try Self.postgresStore(server, scratch: scratch)
        let serve = try ServeProcess(["--store", store, "--keys", keys, "--templates", Self.templates], scratch: scratch)
        let path = String(uri.dropFirst("https://id.example.vn".count))
        let first = try serve.request(path)
        #expect(first.status == 200 && first.body.contains("data-verdict=\"GENUINE\""), "\(first.body) \(serve.stderr)")
        let health = try serve.request("/healthz")
        #expect(health.status == 200 && health.body.contains("\"engine\" : \"postgresql\""), "\(health.body)")

        try server.restart()
        let recovered = try Self.secondsUntilOK(serve, path, limit: 5)
        #expect(recovered != nil, "no page within 5 s of the restart: \(serve.stderr.suffix(2000))")

        try server.stop()
        for probe in [path, path + "&lang=en", "/healthz"] {
            let down = try serve.request(probe, maxTime: 5)
            #expect(down.status == 503, "\(probe): \(down.status)")
            #expect(down.seconds < 2, "\(probe) took \(down.seconds) s")
            if probe == path { #expect(down.body.contains("không kết nối được cơ sở dữ liệu"), "\(down.body)") }
            if probe == "/healthz" { #expect(down.body.contains("\"status\" : \"unavailable\"")) }
        }
        try server.start()
        #expect(try Self.secondsUntilOK(serve, path, limit: 5) != nil, "no page within 5 s of the server's start")
        let stopped = try #require(serve.stop(signal: SIGTERM, timeout: 10))
        #expect(stopped.status == 0)
    }
}
