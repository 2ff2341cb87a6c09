import Foundation

/// A token bucket per client: `burst` requests at once, then `perMinute` a minute. Short codes
/// have 40 bits of code space; this keeps one client from walking it.
final class RequestRateLimiter: @unchecked Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]
    let perMinute: Double
    let burst: Double
    let capacity: Int

    convenience init(perHour: Int, burst: Int) {
        self.init(perMinute: Double(perHour) / 60, burst: burst)
    }

    convenience init(perMinute: Int, burst: Int) {
        self.init(perMinute: Double(perMinute), burst: burst)
    }

    init(perMinute: Double, burst: Int, capacity: Int = 100_000) {
        self.perMinute = perMinute
        self.burst = Double(burst)
        self.capacity = capacity
    }

    /// True when `client` may make one more request now (and counts it).
    func allow(_ client: String, now: Date = Date()) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        var bucket = buckets[client] ?? Bucket(tokens: burst, updated: now)
        bucket.tokens = min(burst, bucket.tokens + now.timeIntervalSince(bucket.updated) * perMinute / 60)
        bucket.updated = now
        guard bucket.tokens >= 1 else {
            buckets[client] = bucket
            return false
        }
        bucket.tokens -= 1
        if buckets[client] == nil, buckets.count >= capacity {
            // Full buckets carry no information: forget them first.
            buckets = buckets.filter { $0.value.tokens + now.timeIntervalSince($0.value.updated) * perMinute / 60 < burst }
            if buckets.count >= capacity { return false }
        }
        buckets[client] = bucket
        return true
    }
}
