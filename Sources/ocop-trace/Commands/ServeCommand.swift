import ArgumentParser
import Foundation
import Logging
import OCOPFailure
import OCOPPostgres
import OCOPServe
import OCOPStore

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the resolver: the web page behind every QR code, and /verify for shop staff.",
        discussion: """
        Serves the URIs the store issues (/01/{gtin14}/10/{lot}/21/{serial}?s=… and /p/{id}/…) as \
        GS1 Digital Link pages: HTML (Vietnamese, or English with ?lang=en or Accept-Language), or \
        a JSON linkset with Accept: application/json or ?linkType=all. Each unit page is judged as \
        `verify` would judge https://<the store's resolver host> + the path and query received. \
        Every resolution of a unit code is logged (code_scanned, at most once per code and client \
        per 10 minutes, clients as salted hashes); a page warns when a code was scanned from \
        --scan-warning or more distinct clients. Scans are queued and written in batches, so a \
        page never waits for the store's writer lock.

        GET /healthz answers 200 (JSON: engine, log head) while the store answers, 503 otherwise; \
        GET /metrics is in Prometheus text format. One access-log line per request goes to \
        standard error. SIGTERM or Ctrl-C stops gracefully: no new connections, requests in \
        flight answered, queued scans written.

        On a postgres:// store the salt is kept in the --keys folder (created 0700 if missing).

        Examples:
          ocop-trace serve --store Output/demo/store
          ocop-trace serve --port 8080 --host 0.0.0.0 --trust-forwarded-for --trusted-proxy 10.0.0.2
        """
    )

    @Option(name: .customLong("store"), help: ArgumentHelp(
        "Store folder, or postgres://user@host:port/db (default: $OCOP_TRACE_STORE, else ./.ocop-trace).", valueName: "dir|url"))
    var storePath: String?
    @OptionGroup var keys: KeysOption

    @Option(help: "TCP port (0: any free port, printed at start).") var port: Int = 8080
    @Option(help: "Address to listen on.") var host: String = "127.0.0.1"
    @Option(help: ArgumentHelp("Warn on unit pages scanned from this many distinct clients.", valueName: "n"))
    var scanWarning: Int = 5
    @Flag(help: "Take the client address from X-Forwarded-For (only behind a reverse proxy): its right-most hop that is not a trusted proxy.")
    var trustForwardedFor = false
    @Option(name: .customLong("trusted-proxy"), help: ArgumentHelp(
        "A further proxy's address, skipped in X-Forwarded-For (repeatable; loopback is always skipped).", valueName: "addr"))
    var trustedProxies: [String] = []
    @Flag(inversion: .prefixedNo, help: "One access-log line per request on standard error.")
    var accessLog = true
    @Option(help: ArgumentHelp("Store threads (each with its own database connection).", valueName: "n"))
    var threads: Int = 4
    @Option(help: ArgumentHelp("Write-API and shop-page requests a device token may make a minute (after a burst of a sixth as many).",
                               valueName: "n"))
    var apiRequestsPerMinute: Int = 1_200
    @OptionGroup var templates: TemplateOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port: \(port) is not a port number 0-65535") }
        guard scanWarning >= 1 else { throw ValidationError("--scan-warning: must be at least 1") }
        guard !host.isEmpty else { throw ValidationError("--host: empty") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads: \(threads) is not 1-64") }
        guard (1...1_000_000).contains(apiRequestsPerMinute) else {
            throw ValidationError("--api-requests-per-minute: \(apiRequestsPerMinute) is not 1-1000000")
        }
    }

    func run() throws {
        // Logs (access log, server, scan writer) go to standard error; standard output says where it listens.
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let webTemplates = try templates.folder + "/web"
        let location = try StoreLocation.resolve(store: storePath, keys: keys.path)
        let stores = try ResolverStores.open(location, threads: threads)
        let store = stores.main
        // The scan salt is a local secret, like the private key: beside it, never in the database.
        let folder = location.keyFolder
        let salt: [UInt8]
        do {
            // A resolver-only site of a shared store may have no key folder yet.
            try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            salt = try ClientFingerprint.loadOrCreateSalt(at: folder.path + "/scan-salt")
        } catch {
            throw CLIError(message: "serve: cannot create \(folder.path)/scan-salt: \(error.localizedDescription)",
                           exitCode: OCOPExit.cannotCreate)
        }
        var configuration = ResolverConfiguration(
            templatesFolder: webTemplates, scanWarningThreshold: scanWarning, fingerprintSalt: salt,
            trustForwardedFor: trustForwardedFor)
        configuration.trustedProxies = Set(trustedProxies.map { $0.lowercased() })
        configuration.engine = stores.engine
        configuration.apiRequestsPerTokenPerMinute = apiRequestsPerMinute
        configuration.apiRequestBurst = max(1, apiRequestsPerMinute / 6)
        if !accessLog { configuration.accessLog.logLevel = .warning }
        let host = self.host
        let resolverHost = store.settings.resolver
        let app: Application
        do {
            app = try ResolverApp.make(store: store, configuration: configuration, host: host, port: port,
                                       readers: stores.readers, scanStore: stores.scans) { bound in
                let shown = host.contains(":") ? "[\(host)]" : host
                let line = "ocop-trace serve: listening on http://\(shown):\(bound)/ for codes of https://\(resolverHost)/\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch {
            throw CLIError(message: "\(error)", exitCode: OCOPExit.data)
        }
        // The CLI's entry point is synchronous: run the server on the concurrency pool and wait.
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let watchdog = ShutdownWatchdog(seconds: 9)
        Task {
            do { try await app.runUntilSignalled() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        withExtendedLifetime(watchdog) {}
        if let error = outcome.error {
            let text = "\(error)".split(separator: "\n").first.map(String.init) ?? "the server stopped"
            throw CLIError(message: "serve: \(text)", exitCode: OCOPExit.unavailable)
        }
    }

    typealias Application = OCOPServe.ResolverApplication
}

/// The connections `serve` opens: one per store thread and one for writing scans. SQLite
/// serialises the calls of one connection, and its writer waits for the file's lock (a batch
/// issue in another process) without holding up reads on the others. A PostgreSQL store is one
/// pool with short waits for pages, where each store thread keeps a connection (and one is
/// spare), and a separate patient one for the scan writer.
private struct ResolverStores {
    let main: any SessionTraceStore
    let readers: [any SessionTraceStore]
    let scans: any SessionTraceStore
    let engine: String

    static func open(_ location: StoreLocation, threads: Int) throws(StoreError) -> ResolverStores {
        switch location {
        case let .folder(folder):
            let main = try SQLiteTraceStore(folder: folder)
            var readers: [any SessionTraceStore] = []
            for _ in 1..<threads { readers.append(try SQLiteTraceStore(folder: folder)) }
            return ResolverStores(main: main, readers: readers, scans: try SQLiteTraceStore(folder: folder), engine: "sqlite")
        case let .postgres(url, keys):
            let main = try PostgresTraceStore(url: url, keyFolder: keys, options: .resolver(connections: threads + 1))
            let writer = try PostgresTraceStore(url: url, keyFolder: keys,
                                                options: PostgresConnectionOptions(statementTimeout: .seconds(30), maximumConnections: 1))
            return ResolverStores(main: main, readers: Array(repeating: main, count: threads - 1), scans: writer,
                                  engine: "postgresql")
        }
    }
}

private final class Outcome: @unchecked Sendable {
    var error: (any Error)?
}
