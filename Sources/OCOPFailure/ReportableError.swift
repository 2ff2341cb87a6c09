/// An error a user can act on: one line to print and the exit code a script can test.
///
/// Every module's error type conforms, so the command line maps failures once, in `main`,
/// instead of wrapping each call; the resolver can use the same code to pick its HTTP status.
public protocol ReportableError: Error, CustomStringConvertible {
    /// The process exit code for this failure (see `OCOPExit`).
    var exitCode: Int32 { get }
}

extension ReportableError {
    /// The description cut to its first line, so a message never spills a second line into a
    /// terminal or a log.
    public var oneLineMessage: String {
        description.split(whereSeparator: \.isNewline).first.map(String.init) ?? "failed"
    }
}
