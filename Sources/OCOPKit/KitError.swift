import OCOPDomain
import OCOPLabel
import OCOPRender
import OCOPStore
import OCOPFailure

/// Why a rendering job failed, with the exit-code class the CLI reports.
public enum KitError: Error, Sendable, CustomStringConvertible {
    case store(StoreError)
    case label(LabelError)
    case output(RenderError)
    case invalid(DomainError)
    /// The batch is issued (in the log) but its codes file could not be written: nothing is
    /// lost, `batch codes` writes the file from the store.
    case codesNotWritten(product: String, lot: String, units: Int, seq: Int64, file: String, cause: String)

    public var description: String {
        switch self {
        case let .store(error): return error.description
        case let .label(error): return error.description
        case let .output(error): return error.description
        case let .invalid(error): return error.description
        case let .codesNotWritten(product, lot, units, seq, file, cause):
            return "batch \(lot) of \(product) IS issued (\(units) units, log seq \(seq)), but \(file) was not written (\(cause)); "
                + "write it with `ocop-trace batch codes \(lot) --product \(product) --out FILE`"
        }
    }
}

extension KitError: ReportableError {
    public var exitCode: Int32 {
        switch self {
        case let .store(error): return error.exitCode
        case let .label(error): return error.exitCode
        case let .output(error): return error.exitCode
        case let .invalid(error): return error.exitCode
        case .codesNotWritten: return OCOPExit.cannotCreate
        }
    }
}
