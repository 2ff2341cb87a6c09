import Foundation
import Logging
import OCOPStore
import PostgresNIO

/// postgres-nio's `PostgresClient` (a pool that reconnects) behind a synchronous lease: the
/// store's callers are plain threads (the CLI, the resolver's store threads), so a connection is
/// leased in a task and handed to the calling thread, which sends its statements and gives it
/// back. One lease is one connection, so a transaction and its advisory lock stay on one socket.
final class PostgresPool: @unchecked Sendable {
    struct LeaseTimeout: Error {
        let after: Duration
    }

    /// A connect the pool tried failed; `detail` is the driver's description of why.
    struct ConnectFailed: Error {
        let detail: String

        /// The server's SQLSTATE, when the server itself refused (missing database, login).
        var sqlState: String? {
            guard let range = detail.range(of: #"sqlState: [0-9A-Z]{5}"#, options: .regularExpression) else { return nil }
            return String(detail[range].suffix(5))
        }

        var message: String? {
            guard let range = detail.range(of: #"message: [^,\]]*"#, options: .regularExpression) else { return nil }
            return String(detail[range].dropFirst("message: ".count))
        }
    }

    let options: PostgresConnectionOptions
    private let client: PostgresClient
    private let executor = SerialTaskExecutor(label: "ocop-trace.postgres.pool")
    private let running: Task<Void, Never>

    /// The pool retries failed connects in the background and only says so in its log: the
    /// latest failure is kept here, so a lease fails at once with the server's own reason.
    private let failures = ConnectFailures()

    init(url: PostgresURL, options: PostgresConnectionOptions, lockTimeoutSeconds: Int, logger: Logger) {
        self.options = options
        let failures = self.failures
        var background = Logger(label: logger.label) { _ in ConnectFailures.Handler(failures: failures) }
        background.logLevel = .info
        var configuration = PostgresClient.Configuration(host: url.host, port: url.port, username: url.user,
                                                         password: url.password, database: url.database, tls: .disable)
        configuration.options.connectTimeout = options.connectTimeout
        configuration.options.maximumConnections = max(1, options.maximumConnections)
        configuration.options.minimumConnections = 0
        configuration.options.additionalStartupParameters = [
            ("lock_timeout", "\(lockTimeoutSeconds)s"),
            ("statement_timeout", "\(Self.milliseconds(options.statementTimeout))ms"),
        ]
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.client = client
        // The pool's own task runs on the private executor too: it never competes for the
        // cooperative threads a synchronous caller may be blocking.
        running = Task(executorPreference: executor) { await client.run() }
    }

    deinit {
        running.cancel()
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Runs `body` on the calling thread with a connection of the pool, then gives it back.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let lease = try lease()
        defer { lease.giveBack() }
        return try body(lease.connection)
    }

    /// A connection of the pool for the calling thread until `giveBack` (exactly once).
    func lease() throws -> Lease {
        let handoff = ConnectionHandoff()
        let task = Task(executorPreference: executor) { [client] in
            do {
                try await client.withConnection { connection in await handoff.lend(connection) }
            } catch {
                handoff.fail(error)
            }
        }
        do {
            return Lease(connection: try handoff.take(within: options.leaseTimeout, failures: failures), handoff: handoff)
        } catch {
            task.cancel()
            throw error
        }
    }

    struct Lease {
        let connection: PostgresConnection
        fileprivate let handoff: ConnectionHandoff
        /// The reads prepared on the connection, while one thread keeps it (`ThreadConnection`).
        var prepared: PreparedStatements?

        func giveBack() {
            handoff.giveBack()
        }
    }
}

/// One lease's meeting point between the pool's task and the calling thread.
private final class ConnectionHandoff: @unchecked Sendable {
    private let lock = NSLock()
    private let arrived = DispatchSemaphore(value: 0)
    private var connection: PostgresConnection?
    private var error: (any Error)?
    private var release: CheckedContinuation<Void, Never>?
    private var abandoned = false

    /// In the pool's task: hands the connection over and waits until it comes back.
    func lend(_ connection: PostgresConnection) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if abandoned {
                lock.unlock()
                continuation.resume()
                return
            }
            self.connection = connection
            release = continuation
            lock.unlock()
            arrived.signal()
        }
    }

    func fail(_ error: any Error) {
        lock.lock()
        self.error = error
        lock.unlock()
        arrived.signal()
    }

    /// On the calling thread: the connection, or the pool's error, or a timeout.
    func take(within timeout: Duration, failures: ConnectFailures) throws -> PostgresConnection {
        let started = Date()
        let deadline = started.addingTimeInterval(Double(PostgresPool.milliseconds(timeout)) / 1000)
        while true {
            let slice = min(0.05, max(0, deadline.timeIntervalSinceNow))
            _ = arrived.wait(timeout: .now() + .milliseconds(Int(slice * 1000)))
            lock.lock()
            if let connection {
                lock.unlock()
                return connection
            }
            if let error {
                lock.unlock()
                throw error
            }
            let failure = failures.latest(since: started)
            if failure != nil || Date() >= deadline {
                abandoned = true
                lock.unlock()
                throw failure ?? PostgresPool.LeaseTimeout(after: timeout)
            }
            lock.unlock()
        }
    }

    func giveBack() {
        lock.lock()
        let continuation = release
        release = nil
        lock.unlock()
        continuation?.resume()
    }
}

/// A task executor on one private serial dispatch queue.
final class SerialTaskExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}


/// Connect failures the pool reported in its background log, the latest first.
final class ConnectFailures: @unchecked Sendable {
    private let lock = NSLock()
    private var last: (error: any Error, at: Date)?

    func record(_ error: any Error) {
        lock.lock()
        last = (error, Date())
        lock.unlock()
    }

    /// The latest failure, when it happened after `date`.
    func latest(since date: Date) -> (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        guard let last, last.at >= date else { return nil }
        return last.error
    }

    /// Keeps the `psql_error` of the pool's log events; prints nothing (a command's error is one line).
    struct Handler: LogHandler {
        let failures: ConnectFailures
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard "\(event.message)".contains("Connection creation failed"), let value = event.metadata?["psql_error"] else { return }
            failures.record(PostgresPool.ConnectFailed(detail: "\(value)"))
        }
    }
}
