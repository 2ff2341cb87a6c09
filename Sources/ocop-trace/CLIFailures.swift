import OCOPKit
import OCOPDomain
import OCOPStore

extension OCOPExit {
    /// A store or thing named does not exist.
    static let notFound: Int32 = 66
    /// The id, GTIN or lot is taken, or the store exists already.
    static let conflict: Int32 = 67
    /// The store is locked, read-only or the disk is full.
    static let unavailable: Int32 = 69
    /// The signing key is missing, malformed or too widely readable.
    static let keyPermission: Int32 = 77
}

extension StoreError {
    var exitCode: Int32 {
        switch self {
        case .invalid, .importRow: return OCOPExit.data
        case .notInitialized, .notFound: return OCOPExit.notFound
        case .alreadyInitialized, .duplicate: return OCOPExit.conflict
        case .key: return OCOPExit.keyPermission
        case .io: return OCOPExit.unavailable
        }
    }
}

/// Runs a store call and turns its typed error into the CLI's one-line error.
func cli<T>(_ body: () throws(StoreError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw CLIError(message: error.description, exitCode: error.exitCode)
    }
}

/// Runs a domain parse and turns its error into a one-line data error.
func domain<T>(_ body: () throws(DomainError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw CLIError(message: error.description, exitCode: OCOPExit.data)
    }
}

/// Runs a rendering job and turns its error into the CLI's one-line error.
func kit<T>(_ body: () throws(KitError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        switch error {
        case let .store(store): throw CLIError(message: store.description, exitCode: store.exitCode)
        case .label, .invalid: throw CLIError(message: error.description, exitCode: OCOPExit.data)
        case .codesNotWritten: throw CLIError(message: error.description, exitCode: OCOPExit.cannotCreate)
        case let .output(output):
            let code = if case .unwritable = output { OCOPExit.cannotCreate } else { OCOPExit.usage }
            throw CLIError(message: error.description, exitCode: code)
        }
    }
}
