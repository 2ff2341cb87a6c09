import OCOPFailure

/// Why a payload could not become a QR symbol. Messages name the field and the rule.
public enum QREncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyPayload
    case payloadTooLong(bytes: Int, level: ErrorCorrection, minimumVersion: Int)
    case invalidVersion(Int)
    case encoderFailed(errno: Int32)

    public var description: String {
        switch self {
        case .emptyPayload:
            return "payload: must not be empty"
        case let .payloadTooLong(bytes, level, minimumVersion):
            let versionNote = minimumVersion > 0 ? " (minimum version \(minimumVersion))" : ""
            return "payload: \(bytes) bytes do not fit a QR code at error correction \(level.rawValue)\(versionNote); "
                + "the limit is \(level.byteModeCapacity) bytes of arbitrary data (version 40), more only for digits or upper-case text"
        case let .invalidVersion(version):
            return "min-version: \(version) is not a QR version; use 1 to 40"
        case let .encoderFailed(code):
            return "libqrencode failed (errno \(code))"
        }
    }
}

extension QREncodingError: ReportableError {
    public var exitCode: Int32 {
        if case .encoderFailed = self { return OCOPExit.software }
        return OCOPExit.data
    }
}
