/// Exit codes, one per kind of failure, so scripts can tell them apart (BSD sysexits numbering).
/// The verdicts of `verify` have their own codes (`Verdict.exitCode`).
public enum OCOPExit {
    /// A flag or argument is malformed (bad level, unknown format, out-of-range number).
    public static let usage: Int32 = 64
    /// The input is well-formed but cannot be used (payload too long for any QR version).
    public static let data: Int32 = 65
    /// A store or thing named does not exist.
    public static let notFound: Int32 = 66
    /// The id, GTIN or lot is taken, or the store exists already.
    public static let conflict: Int32 = 67
    /// The store is locked, read-only, unreachable or the disk is full.
    public static let unavailable: Int32 = 69
    /// A library failed in a way the user cannot fix by changing input.
    public static let software: Int32 = 70
    /// An output file or folder cannot be created or written.
    public static let cannotCreate: Int32 = 73
    /// Reading input failed, or the store's file is damaged.
    public static let io: Int32 = 74
    /// The signing key is missing, malformed or too widely readable.
    public static let keyPermission: Int32 = 77
}
