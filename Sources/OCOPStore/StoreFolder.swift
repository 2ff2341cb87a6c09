import Foundation

/// Where a store lives: a folder holding the SQLite file and the issuer's key pair.
/// Chosen by `--store DIR`, else `$OCOP_TRACE_STORE`, else `./.ocop-trace/`.
public struct StoreFolder: Sendable, Equatable {
    public let path: String

    public static let defaultName = ".ocop-trace"
    public static let environmentVariable = "OCOP_TRACE_STORE"

    public init(path: String) {
        self.path = path
    }

    public static func resolve(option: String?, environment: [String: String]) -> StoreFolder {
        if let option, !option.isEmpty { return StoreFolder(path: option) }
        if let configured = environment[environmentVariable], !configured.isEmpty { return StoreFolder(path: configured) }
        return StoreFolder(path: defaultName)
    }

    public var databasePath: String { path + "/ocop-trace.sqlite" }
    public var privateKeyPath: String { path + "/issuer-key.pem" }
    public var publicKeyPath: String { path + "/issuer-pub.pem" }
}
