import ArgumentParser
import Foundation
import OCOPDomain
import OCOPStore

/// Options every store command shares: which store, where its keys are, and who is acting.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: ArgumentHelp(
        "Store folder, or postgres://user@host:port/db for a shared store (default: $OCOP_TRACE_STORE, else ./.ocop-trace).",
        valueName: "dir|url"))
    var storePath: String?

    @OptionGroup var keys: KeysOption

    @Option(help: ArgumentHelp("Who is acting, recorded in the log (default: $USER).", valueName: "id"))
    var actor: String?

    /// `--actor` (or `$USER`) goes into every log entry: refuse line breaks and escape
    /// sequences before anything is written.
    func validate() throws {
        do {
            _ = try DomainText.actor(actorID)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func location() throws -> StoreLocation {
        try StoreLocation.resolve(store: storePath, keys: keys.path)
    }

    /// The folder holding the issuer's private key.
    var keyFolder: StoreFolder {
        get throws { try location().keyFolder }
    }

    var actorID: String {
        if let actor, !actor.isEmpty { return actor }
        return ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "cli"
    }

    func open() throws -> any SessionTraceStore {
        let location = try location()
        return try location.open()
    }
}
