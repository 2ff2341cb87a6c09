import OCOPDomain

/// Why a store operation failed. Every message is one line naming the field or file and the rule.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Input broke a domain rule (bad GTIN, stars out of band, …).
    case invalid(DomainError)
    /// No store at the folder: `ocop-trace init` first.
    case notInitialized(folder: String)
    case alreadyInitialized(folder: String)
    /// The thing named does not exist (`product TV-0001`).
    case notFound(what: String, id: String)
    /// An id, GTIN or lot is taken already.
    case duplicate(what: String, id: String)
    /// A CSV row is bad; nothing was imported.
    case importRow(row: Int, error: DomainError)
    /// The signing key file is missing, malformed or too widely readable.
    case key(String)
    /// The file system or database refused (read-only folder, disk full, locked too long).
    case io(String)

    public var description: String {
        switch self {
        case let .invalid(error): return error.description
        case let .notInitialized(folder): return "store: no store in \(folder); run `ocop-trace init` (or pass --store DIR)"
        case let .alreadyInitialized(folder): return "store: \(folder) already holds a store; nothing was changed"
        case let .notFound(what, id): return "\(what): '\(id)' does not exist in this store"
        case let .duplicate(what, id): return "\(what): '\(id)' already exists in this store"
        case let .importRow(row, error): return "row \(row): \(error.description) (nothing was imported)"
        case let .key(message): return "signing key: \(message)"
        case let .io(message): return "store: \(message)"
        }
    }
}
