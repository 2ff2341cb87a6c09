import Foundation
import CoreMetrics
import Prometheus

/// The resolver's metrics through swift-metrics, kept in a Prometheus registry of its own (one
/// per application, so tests do not share counters) and served on `/metrics` as text.
public final class ResolverMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let dropped: CoreMetrics.Counter
    private let depth: CoreMetrics.Gauge
    private let logged: CoreMetrics.Counter
    private let databaseErrors: CoreMetrics.Counter

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        self.factory = factory
        dropped = CoreMetrics.Counter(label: "ocop_scans_dropped_total", dimensions: [], factory: factory)
        depth = CoreMetrics.Gauge(label: "ocop_scan_queue_depth", dimensions: [], factory: factory)
        logged = CoreMetrics.Counter(label: "ocop_scans_logged_total", dimensions: [], factory: factory)
        databaseErrors = CoreMetrics.Counter(label: "ocop_database_errors_total", dimensions: [], factory: factory)
        depth.record(0)
    }

    /// One answered request: counted by route, status and verdict, timed by route.
    func request(route: String, status: Int, verdict: String?, duration: Duration) {
        CoreMetrics.Counter(label: "ocop_requests_total",
                dimensions: [("route", route), ("status", String(status)), ("verdict", verdict ?? "none")],
                factory: factory).increment()
        CoreMetrics.Timer(label: "ocop_request_duration_seconds", dimensions: [("route", route)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    func scanQueueDepth(_ value: Int) { depth.record(value) }
    func scanDropped() { dropped.increment() }
    func scansLogged(_ count: Int) { if count > 0 { logged.increment(by: count) } }
    func databaseError() { databaseErrors.increment() }

    /// The Prometheus text exposition of every metric.
    func text() -> String {
        registry.emitToString()
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
