import ArgumentParser

/// Exit codes, one per kind of failure, so scripts can tell them apart (BSD sysexits numbering).
enum OCOPExit {
    /// A flag or argument is malformed (bad level, unknown format, out-of-range number).
    static let usage: Int32 = 64
    /// The input is well-formed but cannot be used (payload too long for any QR version).
    static let data: Int32 = 65
    /// An output file or folder cannot be created or written.
    static let cannotCreate: Int32 = 73
    /// Reading input failed.
    static let io: Int32 = 74
    /// A library failed in a way the user cannot fix by changing input.
    static let software: Int32 = 70
}

/// An error the CLI reports as one line on stderr with its own exit code.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32

    var description: String { message }
}
