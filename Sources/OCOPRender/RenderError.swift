import OCOPFailure

/// Why a code could not be rendered or written. Messages are one line and name the cause.
public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidOption(String)
    case encoding(String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidOption(message): return message
        case let .encoding(message): return message
        case let .unwritable(path, reason): return "out: cannot write \(path): \(reason)"
        }
    }
}

extension RenderError: ReportableError {
    public var exitCode: Int32 {
        switch self {
        case .invalidOption: return OCOPExit.usage
        case .encoding: return OCOPExit.software
        case .unwritable: return OCOPExit.cannotCreate
        }
    }
}
