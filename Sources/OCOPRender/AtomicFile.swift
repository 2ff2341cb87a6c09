#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
/// Linux syncfs(2): glibc declares it only under _GNU_SOURCE, which the Glibc module leaves out.
@_silgen_name("syncfs") private func linuxSyncfs(_ fd: Int32) -> Int32
#endif

/// Writes a file so readers see either the old content or the whole new one, never a part:
/// the bytes go to a temporary file in the same folder, are flushed to disk, then renamed over
/// the destination (rename is atomic within one file system).
public enum AtomicFile {
    /// - Parameter durable: false skips the fsync before the rename (readers still never see a
    ///   partial file); batch writers call `syncFolder` once at the end instead.
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(RenderError) {
        let file = try AtomicFileStream(path: path)
        try file.append(bytes)
        try file.commit(durable: durable)
    }

    /// Flushes the file system holding `folder` (all files written there with `durable: false`)
    /// and the folder's own entries to disk.
    public static func syncFolder(_ folder: String) throws(RenderError) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(folder) }
        defer { close(fd) }
        #if os(Linux)
        guard linuxSyncfs(fd) == 0 else { throw failure(folder) }
        #else
        sync()
        #endif
        guard fsync(fd) == 0 else { throw failure(folder) }
    }

    public static func write(_ text: String, to path: String) throws(RenderError) {
        try write(Array(text.utf8), to: path)
    }

    /// A file only its owner may read (mode 0600 from its creation).
    public static func writePrivate(_ text: String, to path: String) throws(RenderError) {
        let file = try AtomicFileStream(path: path, mode: 0o600)
        try file.append(Array(text.utf8))
        try file.commit(durable: true)
    }

    /// A device node, FIFO, socket or folder at the destination is never replaced: renaming over
    /// `/dev/null` or a named pipe would break whatever else uses it. A symbolic link counts as
    /// what it points at.
    public static func refuseNonRegularFile(at path: String) throws(RenderError) {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        guard (status.st_mode & S_IFMT) != S_IFREG else { return }
        let kind: String
        switch status.st_mode & S_IFMT {
        case S_IFDIR: kind = "a folder"
        case S_IFIFO: kind = "a FIFO"
        case S_IFCHR, S_IFBLK: kind = "a device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        throw .unwritable(path: path, reason: "it is \(kind), not a regular file; nothing was replaced")
    }

    /// A hidden name beside the destination, unique per process and call.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let salt = UInt64.random(in: 0...UInt64.max)
        return "\(folder).\(name).\(getpid()).\(String(salt, radix: 36)).tmp"
    }

    static func failure(_ path: String) -> RenderError {
        let reason = String(cString: strerror(errno)).lowercased()
        return .unwritable(path: path, reason: reason)
    }
}
