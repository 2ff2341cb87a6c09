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

    public var description: String {
        switch self {
        case let .store(error): return error.description
        case let .label(error): return error.description
        case let .output(error): return error.description
        case let .invalid(error): return error.description
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
        }
    }
}
