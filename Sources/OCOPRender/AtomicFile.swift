#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so readers see either the old content or the whole new one, never a part:
/// the bytes go to a temporary file in the same folder, are flushed to disk, then renamed over
/// the destination (rename is atomic within one file system).
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(RenderError) {
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(path) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let error = failure(path)
                close(fd)
                unlink(temporary)
                throw error
            }
            written += result
        }
        if fsync(fd) != 0 {
            let error = failure(path)
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
    }

    public static func write(_ text: String, to path: String) throws(RenderError) {
        try write(Array(text.utf8), to: path)
    }

    /// A hidden name beside the destination, unique per process and call.
    private static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let salt = UInt64.random(in: 0...UInt64.max)
        return "\(folder).\(name).\(getpid()).\(String(salt, radix: 36)).tmp"
    }

    private static func failure(_ path: String) -> RenderError {
        let reason = String(cString: strerror(errno)).lowercased()
        return .unwritable(path: path, reason: reason)
    }
}
