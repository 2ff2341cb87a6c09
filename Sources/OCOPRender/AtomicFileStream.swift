#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written piece by piece that readers see whole or not at all: the pieces go to a
/// hidden temporary file beside the destination, and `commit` flushes it and renames it over
/// the destination. Dropped without `commit` (an error, a crash), the temporary file is removed
/// and the destination keeps its old content.
public final class AtomicFileStream {
    public let path: String
    private let temporary: String
    private var descriptor: Int32
    public private(set) var byteCount = 0

    /// - Parameter mode: 0600 for a file holding secrets (the PINs of a codes file), so it is
    ///   never readable by others, not even for a moment before the rename.
    public init(path: String, mode: mode_t = 0o644) throws(RenderError) {
        try AtomicFile.refuseNonRegularFile(at: path)
        self.path = path
        temporary = AtomicFile.temporaryPath(for: path)
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw AtomicFile.failure(path) }
    }

    deinit {
        guard descriptor >= 0 else { return }
        close(descriptor)
        unlink(temporary)
    }

    public func append(_ bytes: [UInt8]) throws(RenderError) {
        guard descriptor >= 0 else { throw .unwritable(path: path, reason: "the file was already committed") }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw AtomicFile.failure(path)
            }
            written += result
        }
        byteCount += bytes.count
    }

    /// - Parameter durable: false skips the fsync before the rename (readers still never see a
    ///   partial file).
    public func commit(durable: Bool = true) throws(RenderError) {
        guard descriptor >= 0 else { return }
        if durable && fsync(descriptor) != 0 { throw AtomicFile.failure(path) }
        close(descriptor)
        descriptor = -1
        guard rename(temporary, path) == 0 else {
            let error = AtomicFile.failure(path)
            unlink(temporary)
            throw error
        }
    }
}
