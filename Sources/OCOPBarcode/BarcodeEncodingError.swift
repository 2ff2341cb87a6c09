import OCOPDomain
import OCOPFailure

/// Why data could not become a barcode. Messages name the field and the rule.
public enum BarcodeEncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// zint refused the data: its error code and message (e.g. `Error 275: Invalid check digit`).
    case rejected(symbology: GS1Symbology, data: String, code: Int32, message: String)
    /// zint could not allocate a symbol.
    case outOfMemory

    public var description: String {
        switch self {
        case let .rejected(symbology, data, code, message):
            return "barcode data: \(symbology.displayName) cannot carry \"\(data)\": \(message) (zint error \(code))"
        case .outOfMemory:
            return "barcode: zint could not allocate a symbol"
        }
    }
}

extension BarcodeEncodingError: ReportableError {
    public var exitCode: Int32 {
        if case .outOfMemory = self { return OCOPExit.software }
        return OCOPExit.data
    }
}
