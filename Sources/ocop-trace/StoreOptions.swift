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

    @Option(help: ArgumentHelp(
        "Act as this actor of the store (`actor list`), signing with its key from --actor-keys (default: $OCOP_TRACE_ACTOR, else the store's creator with the store key). With `init`: the creator's id (default: $USER).",
        valueName: "id"))
    var actor: String?

    @Option(name: .customLong("actor-keys"), help: ArgumentHelp(
        "Folder holding the acting actor's private key, <id>.pem, as `actor add --key-out` wrote it (default: $OCOP_TRACE_ACTOR_KEYS).",
        valueName: "dir"))
    var actorKeys: String?

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

    /// Who signs this command's writes: `--actor` (or `$OCOP_TRACE_ACTOR`) with its key, else
    /// the store's creator with the store key. Whether the actor may write what the command
    /// writes is decided by the store, before anything is written (exit 77).
    /// `--actor`, else `$OCOP_TRACE_ACTOR`.
    var actingActor: String? {
        (actor?.isEmpty == false ? actor : nil) ?? ProcessInfo.processInfo.environment["OCOP_TRACE_ACTOR"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `--actor-keys`, else `$OCOP_TRACE_ACTOR_KEYS`.
    var actorKeyFolder: String? {
        (actorKeys?.isEmpty == false ? actorKeys : nil) ?? ProcessInfo.processInfo.environment["OCOP_TRACE_ACTOR_KEYS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    var hasActorKeys: Bool { actorKeyFolder != nil }

    func author(for store: any SessionTraceStore) throws -> LogAuthor {
        let named = actingActor, folder = actorKeyFolder
        let creator = try store.logTrust().creator
        guard let named, named != creator || folder != nil else { return try store.creatorAuthor() }
        guard let folder else {
            throw StoreError.forbidden("actor '\(named)' signs with its own key: pass --actor-keys DIR (the folder `actor add --key-out` wrote)")
        }
        return LogAuthor(id: named, key: try ActorKeyFiles.load(actor: named, folder: folder))
    }

    func open() throws -> any SessionTraceStore {
        let location = try location()
        return try location.open()
    }
}
