import ArgumentParser
import Foundation
import OCOPPostgres
import OCOPStore

/// Where a command's store is: a folder holding the SQLite file and the keys, or a PostgreSQL
/// database (`postgres://…`) with the private key kept in a local key folder (`--keys`).
enum StoreLocation: CustomStringConvertible {
    case folder(StoreFolder)
    case postgres(PostgresURL, keys: StoreFolder)

    static let keysEnvironmentVariable = "OCOP_TRACE_KEYS"
    static let defaultKeysFolder = ".ocop-trace-keys"

    /// `--store`, else `$OCOP_TRACE_STORE`, else ./.ocop-trace; keys from `--keys`, else
    /// `$OCOP_TRACE_KEYS`, else ./.ocop-trace-keys (PostgreSQL stores only).
    static func resolve(store: String?, keys: String?) throws -> StoreLocation {
        let environment = ProcessInfo.processInfo.environment
        let folder = StoreFolder.resolve(option: store, environment: environment)
        guard PostgresURL.isPostgres(folder.path) else { return .folder(folder) }
        let url = try PostgresURL(parsing: folder.path)
        let keysPath = keys.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment[keysEnvironmentVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultKeysFolder
        return .postgres(url, keys: StoreFolder(path: keysPath))
    }

    /// The folder with the issuer's private key (and the resolver's scan salt).
    var keyFolder: StoreFolder {
        switch self {
        case let .folder(folder): return folder
        case let .postgres(_, keys): return keys
        }
    }

    var description: String {
        switch self {
        case let .folder(folder): return folder.path
        case let .postgres(url, _): return url.description
        }
    }

    func open() throws(StoreError) -> any SessionTraceStore {
        switch self {
        case let .folder(folder): return try SQLiteTraceStore(folder: folder)
        case let .postgres(url, keys): return try PostgresTraceStore(url: url, keyFolder: keys)
        }
    }

    func create(resolver: String, actor: String) throws(StoreError) -> any SessionTraceStore {
        switch self {
        case let .folder(folder): return try SQLiteTraceStore.create(folder: folder, resolver: resolver, actor: actor)
        case let .postgres(url, keys): return try PostgresTraceStore.create(url: url, keyFolder: keys, resolver: resolver, actor: actor)
        }
    }
}

/// `--keys`, shared by the commands that open a store.
struct KeysOption: ParsableArguments {
    @Option(name: .customLong("keys"), help: ArgumentHelp(
        "Key folder of a postgres:// store: the private signing key (0600) never goes into the shared database " +
        "(default: $OCOP_TRACE_KEYS, else ./.ocop-trace-keys).", valueName: "dir"))
    var path: String?
}
