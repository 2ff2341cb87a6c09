import OCOPFailure

/// Why a value was refused: the field that is wrong and the rule it breaks.
///
/// Every validation in `OCOPDomain` throws this one type, so the CLI can print any of them as one
/// line (`gtin: check digit is 3, expected 1`) without knowing where it came from.
public struct DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field as a user knows it: `gtin`, `lot`, `serial`, `short code`, `score`, …
    public let field: String
    /// What is wrong, said so the user can fix it.
    public let rule: String

    public init(field: String, rule: String) {
        self.field = field
        self.rule = rule
    }

    public var description: String {
        // One line always: a rule text never carries a line break into a terminal or a log.
        let oneLine = rule.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "\(field): \(oneLine)"
    }
}

extension DomainError: ReportableError {
    /// A refused value is always a data error: the input is well-formed but breaks a rule.
    public var exitCode: Int32 { OCOPExit.data }
}
