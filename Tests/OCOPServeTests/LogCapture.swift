import Foundation
import Logging

/// A swift-log handler that keeps every record, for assertions on the access log.
final class LogCapture: @unchecked Sendable {
    struct Record: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private let lock = NSLock()
    private var kept: [Record] = []

    var records: [Record] {
        lock.lock()
        defer { lock.unlock() }
        return kept
    }

    func append(_ record: Record) {
        lock.lock()
        kept.append(record)
        lock.unlock()
    }

    var logger: Logger {
        Logger(label: "test.access") { _ in Handler(capture: self) }
    }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append(Record(level: event.level, message: "\(event.message)",
                                  metadata: merged.mapValues { "\($0)" }))
        }
    }
}
