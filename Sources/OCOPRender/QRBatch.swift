import Dispatch
import OCOPFailure
import OCOPQR
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One code of a batch: the bytes to encode and the file name (without folder) to write.
public struct QRBatchItem: Sendable {
    public let payload: [UInt8]
    public let name: String
    /// Line number in the input, for messages.
    public let line: Int

    public init(payload: [UInt8], name: String, line: Int) {
        self.payload = payload
        self.name = name
        self.line = line
    }
}

/// Why a batch stopped: the first failing item in input order.
public enum QRBatchError: Error, Equatable, Sendable, CustomStringConvertible {
    case encoding(line: Int, QREncodingError)
    case rendering(line: Int, RenderError)

    public var description: String {
        switch self {
        case let .encoding(line, error): return "line \(line): \(error.description)"
        case let .rendering(line, error): return "line \(line): \(error.description)"
        }
    }
}

/// Renders many QR codes to files on several threads. Each worker encodes, rasterises,
/// compresses and writes one code at a time, so memory does not grow with the number of codes;
/// file names are fixed by the caller, so the output (names and bytes) is the same for any
/// thread count.
public struct QRBatchWriter: Sendable {
    public let renderer: QRRenderer
    public let encoder: QREncoder
    public let format: QRFileFormat
    public let threads: Int

    public init(renderer: QRRenderer, encoder: QREncoder, format: QRFileFormat, threads: Int) {
        self.renderer = renderer
        self.encoder = encoder
        self.format = format
        self.threads = max(1, threads)
    }

    public struct Summary: Sendable {
        public var files = 0
        public var bytes = 0
        public var minVersion = Int.max
        public var maxVersion = 0
        public init() {}
    }

    /// Writes every item into `folder` (which must exist). Files are written to a temporary
    /// name and renamed into place without a per-file fsync; call `AtomicFile.syncFolder` once
    /// at the end for durability. Throws the first failure in item order; items before it are
    /// written.
    public func write(_ items: [QRBatchItem], to folder: String) throws(QRBatchError) -> Summary {
        let count = items.count
        guard count > 0 else { return Summary() }
        let slots = Slots(count: count)
        let workers = min(threads, count)
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let body: @Sendable (Int) -> Void = { worker in
            var index = worker
            // Interleaved indexes: every worker gets the same share, to the end of the chunk.
            while index < count {
                let item = items[index]
                do {
                    let matrix = try encoder.encode(bytes: item.payload)
                    let bytes = try renderer.data(for: matrix, format: format)
                    try AtomicFile.write(bytes, to: prefix + item.name, durable: false)
                    slots.set(index, .done(version: matrix.version, bytes: bytes.count))
                } catch let error as QREncodingError {
                    slots.set(index, .failed(.encoding(line: item.line, error)))
                } catch let error as RenderError {
                    slots.set(index, .failed(.rendering(line: item.line, error)))
                } catch {
                    slots.set(index, .failed(.rendering(line: item.line, .encoding("\(error)"))))
                }
                index += workers
            }
        }
        if workers == 1 {
            body(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: body)
        }
        var summary = Summary()
        for index in 0..<count {
            switch slots.get(index) {
            case let .done(version, bytes):
                summary.files += 1
                summary.bytes += bytes
                summary.minVersion = min(summary.minVersion, version)
                summary.maxVersion = max(summary.maxVersion, version)
            case let .failed(error):
                throw error
            case .pending:
                throw .rendering(line: items[index].line, .encoding("not rendered"))
            }
        }
        return summary
    }
}

/// Per-item results written by exactly one worker each, read after all workers finished.
private final class Slots: @unchecked Sendable {
    enum Outcome {
        case pending
        case done(version: Int, bytes: Int)
        case failed(QRBatchError)
    }

    private let storage: UnsafeMutableBufferPointer<Outcome>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: .pending)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    func set(_ index: Int, _ outcome: Outcome) { storage[index] = outcome }
    func get(_ index: Int) -> Outcome { storage[index] }
}

/// Reads a text file line by line with constant memory (getline), dropping `\n` and `\r\n`.
public final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    public private(set) var lineNumber = 0

    public init?(path: String) {
        guard let file = fopen(path, "rb") else { return nil }
        self.file = file
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    /// The next line's bytes, or nil at the end of the file.
    public func next() -> [UInt8]? {
        let length = getline(&buffer, &capacity, file)
        guard length >= 0, let buffer else { return nil }
        lineNumber += 1
        var count = length
        let bytes = UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
        if count > 0 && bytes[count - 1] == 0x0A { count -= 1 }
        if count > 0 && bytes[count - 1] == 0x0D { count -= 1 }
        return Array(UnsafeBufferPointer(start: bytes, count: count))
    }

    /// True when reading stopped on an I/O error rather than the end of the file.
    public var failed: Bool { ferror(file) != 0 }
}

extension QRBatchError: ReportableError {
    public var exitCode: Int32 {
        switch self {
        case let .encoding(_, cause): return cause.exitCode
        case let .rendering(_, cause): return cause.exitCode
        }
    }
}
