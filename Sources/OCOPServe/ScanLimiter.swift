import Foundation

/// Decides in memory which scans are worth logging, so a flood cannot write thousands of
/// entries: at most one per code and client per `interval`, and at most `perCode` per code
/// per hour whatever the number of clients (forwarded addresses are cheap to invent). The
/// store applies the interval rule again when it writes (it survives restarts; this does not).
final class ScanLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var lastByClient: [String: Date] = [:]
    private var recentByCode: [String: [Date]] = [:]
    let interval: Double
    let perCode: Int
    /// Keys remembered at most: a full table forgets expired keys, and refuses new ones while
    /// still full (refusing, unlike forgetting everything, keeps the flood out).
    let capacity: Int

    init(interval: Double, perCode: Int, capacity: Int = 200_000) {
        self.interval = interval
        self.perCode = perCode
        self.capacity = capacity
    }

    /// True when this scan should be logged (and remembers it).
    func admit(serial: String, client: String, now: Date = Date()) -> Bool {
        let key = serial + "|" + client
        lock.lock()
        defer { lock.unlock() }
        if let last = lastByClient[key], now.timeIntervalSince(last) < interval { return false }
        var recent = (recentByCode[serial] ?? []).filter { now.timeIntervalSince($0) < 3600 }
        guard recent.count < perCode else {
            recentByCode[serial] = recent
            return false
        }
        if lastByClient.count >= capacity || recentByCode.count >= capacity {
            forgetExpired(now)
            if lastByClient[key] == nil, lastByClient.count >= capacity { return false }
            if recentByCode[serial] == nil, recentByCode.count >= capacity { return false }
        }
        recent.append(now)
        recentByCode[serial] = recent
        lastByClient[key] = now
        return true
    }

    private func forgetExpired(_ now: Date) {
        lastByClient = lastByClient.filter { now.timeIntervalSince($0.value) < interval }
        recentByCode = recentByCode.compactMapValues { dates in
            let kept = dates.filter { now.timeIntervalSince($0) < 3600 }
            return kept.isEmpty ? nil : kept
        }
    }
}
