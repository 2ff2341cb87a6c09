import ArgumentParser
import Foundation
import OCOPStore

/// Options every store command shares: which store, and who is acting.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: ArgumentHelp(
        "Store folder (default: $OCOP_TRACE_STORE, else ./.ocop-trace).", valueName: "dir"))
    var storePath: String?

    @Option(help: ArgumentHelp("Who is acting, recorded in the log (default: $USER).", valueName: "id"))
    var actor: String?

    var folder: StoreFolder {
        StoreFolder.resolve(option: storePath, environment: ProcessInfo.processInfo.environment)
    }

    var actorID: String {
        if let actor, !actor.isEmpty { return actor }
        return ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "cli"
    }

    func open() throws -> SQLiteTraceStore {
        try cli { () throws(StoreError) in try SQLiteTraceStore(folder: folder) }
    }
}
