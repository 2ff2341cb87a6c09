import Foundation
import Hummingbird
import Logging
import NIOCore
import OCOPStore

/// Builds and runs the resolver as a Hummingbird application.
public enum ResolverApp {
    /// Connections idle this long are closed: slow clients cannot hold sockets open.
    public static let idleTimeout = TimeAmount.seconds(30)

    /// The application on `store`. `readers` are further connections to the same store, one
    /// more store thread each (SQLite serialises the calls of one connection); `scanStore`
    /// writes the queued scans, so a writer waiting for the store's lock holds up no read.
    public static func make(
        store: any TraceStore, configuration: ResolverConfiguration, host: String = "127.0.0.1", port: Int = 8080,
        readers: [any TraceStore] = [], scanStore: (any TraceStore)? = nil,
        onRunning: @escaping @Sendable (Int) -> Void = { _ in }
    ) throws -> Application<ResolverResponder> {
        let metrics = ResolverMetrics()
        let queue = ScanQueue(capacity: configuration.scanQueueCapacity, onDrop: { metrics.scanDropped() })
        let limiter = ScanLimiter(interval: configuration.scanInterval, perCode: configuration.scansPerCodePerHour)
        // Each store connection keeps its own memo (SQLite's commit mark is per connection); a
        // PostgreSQL pool listed once per thread keeps one.
        var memos: [ObjectIdentifier: ReadMemo] = [:]
        for case let reader as any SessionTraceStore in [store] + readers {
            let id = ObjectIdentifier(reader as AnyObject)
            if memos[id] == nil {
                let memo = ReadMemo()
                memos[id] = memo
                reader.rememberReads(in: memo)
                reader.keepOneConnectionPerThread()
            }
        }
        var resolvers: [Resolver] = []
        for reader in [store] + readers {
            resolvers.append(try Resolver(store: reader, configuration: configuration, scanLimiter: limiter, scanQueue: queue))
        }
        let writer = ScanWriter(store: scanStore ?? store, queue: queue, interval: configuration.scanInterval,
                                period: configuration.scanFlushPeriod, metrics: metrics, logger: Logger(label: "ocop-trace.scans"))
        let responder = try ResolverResponder(resolvers: resolvers, configuration: configuration, metrics: metrics,
                                              scanWriter: writer, apiStore: scanStore ?? store)
        // The writer is listed first: a service group stops its services in reverse order, so
        // the server stops taking requests and finishes its own before the last flush.
        return Application(
            responder: responder,
            server: .http1(configuration: .init(idleTimeout: idleTimeout)),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: [writer],
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) }
        )
    }
}

/// The resolver's application type, so callers need not import Hummingbird.
public typealias ResolverApplication = Application<ResolverResponder>

extension Application where Responder == ResolverResponder {
    /// Runs until SIGINT or SIGTERM, then stops gracefully: no new connections, requests in
    /// flight answered, queued scans written.
    public func runUntilSignalled() async throws {
        try await runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
