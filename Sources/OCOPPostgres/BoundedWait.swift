import Dispatch
import NIOCore
import PostgresNIO

/// No answer from the connection within the longest a statement may take: it is closed and
/// given up. The server bounds statements itself (`statement_timeout`, `lock_timeout`); this
/// bounds what it cannot, a connection that ended between two statements and never answers.
struct NoAnswer: Error, CustomStringConvertible {
    var description: String { "no answer from the connection within \(BoundedWait.limit)" }
}

enum BoundedWait {
    /// Longer than any wait the server enforces: a command's statements (300 s) and the writer
    /// lock (120 s).
    static let limit: Duration = max(PostgresConnectionOptions.command.statementTimeout,
                                     .seconds(PostgresTraceStore.lockTimeoutSeconds)) + .seconds(10)

    /// The future's value, waited for on the calling thread (never an event loop's) at most `limit`.
    static func value<T>(of future: EventLoopFuture<T>, on connection: PostgresConnection) throws -> T {
        let outcome = Outcome<T>()
        future.whenComplete { result in outcome.finish(result) }
        guard outcome.done.wait(timeout: .now() + .milliseconds(Int(PostgresPool.milliseconds(limit)))) == .success,
              let result = outcome.result else {
            let closing: EventLoopFuture<Void> = connection.close()
            _ = closing
            throw NoAnswer()
        }
        return try result.get()
    }

    private final class Outcome<T>: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        private(set) var result: Result<T, any Error>?

        func finish(_ result: Result<T, any Error>) {
            self.result = result
            done.signal()
        }
    }
}
