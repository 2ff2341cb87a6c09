import Crypto
import Foundation
import OCOPDomain
import OCOPRender

/// Where a one-file job's bytes go as they are made: a file written atomically (it appears
/// whole at `commit` or not at all), or standard output, to pipe into `lp -o raw`.
final class JobOutput {
    private enum Target {
        case file(AtomicFileStream)
        case standardOutput
    }

    private let target: Target
    private var hasher = SHA256()

    private init(_ target: Target) {
        self.target = target
    }

    static func file(_ path: String) throws(KitError) -> JobOutput {
        do { return JobOutput(.file(try AtomicFileStream(path: path))) } catch { throw .output(error) }
    }

    static func standardOutput() -> JobOutput { JobOutput(.standardOutput) }

    func append(_ bytes: [UInt8]) throws(KitError) {
        hasher.update(data: bytes)
        switch target {
        case let .file(stream):
            do { try stream.append(bytes) } catch { throw .output(error) }
        case .standardOutput:
            do {
                try FileHandle.standardOutput.write(contentsOf: Data(bytes))
            } catch {
                throw .output(.unwritable(path: "standard output", reason: error.localizedDescription))
            }
        }
    }

    /// Makes the file appear; returns the SHA-256 of everything written.
    func commit() throws(KitError) -> String {
        if case let .file(stream) = target {
            do { try stream.commit() } catch { throw .output(error) }
        }
        return Hex.lowercase(hasher.finalize())
    }
}
