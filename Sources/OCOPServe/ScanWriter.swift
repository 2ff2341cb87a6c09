import Foundation
import Logging
import OCOPStore
import ServiceLifecycle

/// Logs queued scans in batches (group commit): every `period` whatever has queued goes into
/// one store transaction, on a thread of its own so a writer waiting for the store's lock (a
/// batch issue in another process) holds up no page. On shutdown, after the server stopped
/// taking requests, the queue is flushed once more.
public final class ScanWriter: Service, Sendable {
    let queue: ScanQueue
    let interval: Double
    let period: Duration
    let metrics: ResolverMetrics
    let logger: Logger
    private let thread: BlockingThreads<any TraceStore>
    private let lastDropped = DroppedReport()

    /// At most this many scans per transaction: a long backlog is written in several.
    static let batchLimit = 2_000

    init(store: any TraceStore, queue: ScanQueue, interval: Double, period: Duration = .milliseconds(200),
         metrics: ResolverMetrics, logger: Logger) {
        self.queue = queue
        self.interval = interval
        self.period = period
        self.metrics = metrics
        self.logger = logger
        thread = BlockingThreads(name: "ocop-scan-writer", resources: [store], capacity: 4)
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: self.period)
                await self.flush()
            }
        }
        await flush()
        thread.stop()
    }

    /// Writes everything queued now; returns the number of entries logged.
    @discardableResult
    public func flush() async -> Int {
        reportDrops()
        var scans = queue.takeAll()
        metrics.scanQueueDepth(queue.depth)
        var written = 0
        while !scans.isEmpty {
            let batch = Array(scans.prefix(Self.batchLimit))
            scans.removeFirst(batch.count)
            let interval = self.interval, queue = self.queue
            do {
                written += try await thread.run { store in try Self.record(batch, in: store, interval: interval, queue: queue) }
            } catch {
                // The thread settled the batch unless it never ran it (no thread to run on).
                queue.settled(error is ThreadsUnavailable ? batch + scans : scans)
                metrics.databaseError()
                logger.error("scans not logged", metadata: ["count": "\(batch.count)", "error": "\(error)"])
                // Back into the queue for the next round, as far as it has room; the rest is dropped and counted.
                for scan in batch + scans { queue.offer(scan) }
                break
            }
        }
        metrics.scansLogged(written)
        return written
    }

    /// Logs one batch, on the writer's thread. The queue hears which scans were logged inside
    /// the transaction, before its commit; a batch that fails is no longer waiting (the caller
    /// offers it again).
    private static func record(_ batch: [ScanRequest], in store: any TraceStore, interval: Double, queue: ScanQueue) throws -> Int {
        var told: [LoggedScan]?
        do {
            // Scans are the creator's entries, sealed with the store key the resolver holds.
            return try store.recordScans(batch, interval: interval, actor: StoreSigner.shared.author(store)) { logged in
                queue.settled(batch, written: logged)
                told = logged
            }.count
        } catch {
            // Not committed: what the queue was told is not in the store after all.
            if let told { queue.unlogged(told) } else { queue.settled(batch) }
            throw error
        }
    }

    /// Logs the number of scans dropped since the last report, when it grew.
    private func reportDrops() {
        let dropped = queue.dropped
        if let grown = lastDropped.grow(to: dropped) {
            logger.warning("scan queue full: scans dropped", metadata: ["dropped": "\(grown)", "total": "\(dropped)"])
        }
    }
}

/// The dropped count last logged.
private final class DroppedReport: @unchecked Sendable {
    private let lock = NSLock()
    private var reported = 0

    /// How many more than last time, or nil when none.
    func grow(to total: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard total > reported else { return nil }
        defer { reported = total }
        return total - reported
    }
}
