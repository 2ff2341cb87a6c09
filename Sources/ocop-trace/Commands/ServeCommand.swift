import ArgumentParser
import Foundation
import OCOPFailure
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
        --scan-warning or more distinct clients. Stop with Ctrl-C.

        On a postgres:// store the salt is kept in the --keys folder (created 0700 if missing).

        Examples:
          ocop-trace serve --store Output/demo/store
          ocop-trace serve --port 8080 --host 0.0.0.0 --trust-forwarded-for
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
    @Flag(help: "Take the client address from X-Forwarded-For (only behind a reverse proxy).")
    var trustForwardedFor = false
    @OptionGroup var templates: TemplateOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port: \(port) is not a port number 0-65535") }
        guard scanWarning >= 1 else { throw ValidationError("--scan-warning: must be at least 1") }
        guard !host.isEmpty else { throw ValidationError("--host: empty") }
    }

    func run() throws {
        let location = try StoreLocation.resolve(store: storePath, keys: keys.path)
        let store = try location.open()
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
        let configuration = ResolverConfiguration(
            templatesFolder: templates.folder + "/web", scanWarningThreshold: scanWarning, fingerprintSalt: salt,
            trustForwardedFor: trustForwardedFor)
        let host = self.host
        let resolverHost = store.settings.resolver
        let app: Application
        do {
            app = try ResolverApp.make(store: store, configuration: configuration, host: host, port: port) { bound in
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
        Task {
            do { try await app.runUntilSignalled() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            let text = "\(error)".split(separator: "\n").first.map(String.init) ?? "the server stopped"
            throw CLIError(message: "serve: \(text)", exitCode: OCOPExit.unavailable)
        }
    }

    typealias Application = OCOPServe.ResolverApplication
}

private final class Outcome: @unchecked Sendable {
    var error: (any Error)?
}
