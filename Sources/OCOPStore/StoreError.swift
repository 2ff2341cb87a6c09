import OCOPDomain
import OCOPFailure

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
    /// An id differs from an existing one only in letter case (`TV-0002`, `tv-0002`).
    case caseVariant(what: String, id: String, existing: String)
    /// A CSV row is bad; nothing was imported.
    case importRow(row: Int, error: DomainError)
    /// The signing key file is missing, malformed or too widely readable.
    case key(String)
    /// The acting actor may not write this (role, scope, revoked, or not its key): exit 77.
    case forbidden(String)
    /// Another writer held the store longer than the lock timeout; trying again may work.
    case busy(String)
    /// The disk (or the database server's disk) is full; nothing was written.
    case diskFull(String)
    /// The store's folder, file or database refuses writes (permissions, read-only mount, role).
    case readOnly(String)
    /// The store's file or log is damaged or inconsistent with itself.
    case corrupt(String)
    /// The database server cannot be reached, or refused the connection.
    case unreachable(String)
    /// The database did not answer in time.
    case timeout(String)
    /// The database engine failed for a reason none of the above names (an I/O error, a driver fault).
    case engine(String)
    /// The write contradicts what the log already says (a second sale of one unit); nothing was written.
    case conflict(String)

    public var description: String {
        switch self {
        case let .invalid(error): return error.description
        case let .notInitialized(folder): return "store: no store in \(folder); run `ocop-trace init` (or pass --store DIR)"
        case let .alreadyInitialized(folder): return "store: \(folder) already holds a store; nothing was changed"
        case let .forbidden(message): return "refused: \(message)"
        case let .conflict(message): return "refused: \(message); nothing was written"
        case let .notFound(what, id): return "\(what): '\(id)' does not exist in this store"
        case let .duplicate(what, id): return "\(what): '\(id)' already exists in this store"
        case let .caseVariant(what, id, existing):
            return "\(what): '\(id)' differs only in letter case from '\(existing)', which already exists in this store"
        case let .importRow(row, error): return "row \(row): \(error.description) (nothing was imported)"
        case let .key(message): return "signing key: \(message)"
        case let .busy(message), let .diskFull(message), let .readOnly(message),
             let .corrupt(message), let .unreachable(message), let .timeout(message), let .engine(message):
            return "store: \(message)"
        }
    }

    /// True when the store itself cannot serve (as opposed to a refused input): a resolver
    /// answers these with 503.
    public var isUnavailable: Bool {
        switch self {
        case .busy, .diskFull, .readOnly, .unreachable, .timeout, .engine: return true
        default: return false
        }
    }
}

extension StoreError: ReportableError {
    public var exitCode: Int32 {
        switch self {
        case .invalid, .importRow: return OCOPExit.data
        case .notInitialized, .notFound: return OCOPExit.notFound
        case .alreadyInitialized, .duplicate, .caseVariant, .conflict: return OCOPExit.conflict
        case .key, .forbidden: return OCOPExit.keyPermission
        case .busy, .diskFull, .readOnly, .unreachable, .timeout, .engine: return OCOPExit.unavailable
        case .corrupt: return OCOPExit.io
        }
    }
}
