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

    /// Creates the folder 0700 (it will hold the private key), or checks an existing one: a
    /// folder others can write to is refused, since anyone could swap the key or the log in it.
    public func createPrivate(purpose: String) throws(StoreError) {
        var status = stat()
        if stat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw .key("\(path) is not a folder; the \(purpose) needs one of its own")
            }
            let mode = status.st_mode & 0o7777
            guard mode & 0o022 == 0 else {
                throw .key("folder \(path) is writable by group or others (mode \(String(mode, radix: 8))); "
                           + "run `chmod 700 \(path)` or choose another folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .readOnly("cannot create the \(purpose) \(path): \(error.localizedDescription)")
        }
    }
}
