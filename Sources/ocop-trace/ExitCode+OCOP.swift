import OCOPFailure

/// An error the CLI itself finds (a file it cannot read, a flag combination it refuses),
/// reported as one line on stderr with its own exit code.
struct CLIError: ReportableError {
    let message: String
    let exitCode: Int32

    var description: String { message }
}
