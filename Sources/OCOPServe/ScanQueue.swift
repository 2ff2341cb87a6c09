import Foundation
import OCOPStore

/// Scans waiting to be logged: pages put them here and answer at once; `ScanWriter` takes
/// them in batches. Bounded: when full, a scan is dropped (and counted), never waited for.
///
/// A page adds the scans the store's figures do not hold yet: those still waiting, and those
/// logged with a seq above the figures' `lastSeq`. The writer reports what it logged before its
/// commit (`written`), so no scan is counted twice or missed, whenever the page reads.
final class ScanQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var scans: [ScanRequest] = []
    /// Scans queued or being written, by serial.
    private var waitingBySerial: [String: Int] = [:]
    /// Scans logged lately, oldest first, with when the writer reported them; kept for
    /// `retention`, far longer than a page takes between its store read and its queue read.
    private var logged: [(scan: LoggedScan, at: ContinuousClock.Instant)] = []
    private var loggedSeqs: [String: [Int64]] = [:]
    private var droppedCount = 0
    let capacity: Int
    let retention: Duration
    private let onDrop: @Sendable () -> Void

    init(capacity: Int, retention: Duration = .seconds(10), onDrop: @escaping @Sendable () -> Void = {}) {
        self.capacity = capacity
        self.retention = retention
        self.onDrop = onDrop
    }

    /// False when the queue was full and the scan was dropped.
    @discardableResult
    func offer(_ scan: ScanRequest) -> Bool {
        lock.lock()
        guard scans.count < capacity else {
            droppedCount += 1
            lock.unlock()
            onDrop()
            return false
        }
        defer { lock.unlock() }
        scans.append(scan)
        waitingBySerial[scan.serial, default: 0] += 1
        return true
    }

    /// Everything queued, oldest first; the queue is empty afterwards. The scans taken still
    /// count as waiting until `settled`: a page between the take and the commit must not lose them.
    func takeAll() -> [ScanRequest] {
        lock.lock()
        defer { lock.unlock() }
        let taken = scans
        scans.removeAll(keepingCapacity: true)
        return taken
    }

    /// Scans taken by `takeAll` that are no longer waiting: `written` of them were logged (told
    /// before the commit), the others fell under the interval rule or were given up on.
    func settled(_ done: [ScanRequest], written: [LoggedScan] = []) {
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        forgetLoggedBefore(now - retention)
        for scan in written {
            logged.append((scan, now))
            loggedSeqs[scan.serial, default: []].append(scan.seq)
        }
        for scan in done {
            guard let count = waitingBySerial[scan.serial] else { continue }
            waitingBySerial[scan.serial] = count > 1 ? count - 1 : nil
        }
    }

    /// Scans of one serial that figures read from the store up to `lastSeq` do not hold.
    func pending(serial: String, after lastSeq: Int64?) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let newer = loggedSeqs[serial]?.count { $0 > (lastSeq ?? 0) } ?? 0
        return (waitingBySerial[serial] ?? 0) + newer
    }

    /// Scans reported as logged whose transaction then failed (they are offered again).
    func unlogged(_ scans: [LoggedScan]) {
        lock.lock()
        defer { lock.unlock() }
        let withdrawn = Set(scans.map { $0.seq })
        logged.removeAll { withdrawn.contains($0.scan.seq) }
        for scan in scans {
            loggedSeqs[scan.serial]?.removeAll { $0 == scan.seq }
            if loggedSeqs[scan.serial]?.isEmpty == true { loggedSeqs[scan.serial] = nil }
        }
    }

    private func forgetLoggedBefore(_ cutoff: ContinuousClock.Instant) {
        let old = logged.prefix { $0.at < cutoff }
        guard !old.isEmpty else { return }
        for (scan, _) in old {
            loggedSeqs[scan.serial]?.removeFirst()
            if loggedSeqs[scan.serial]?.isEmpty == true { loggedSeqs[scan.serial] = nil }
        }
        logged.removeFirst(old.count)
    }

    var depth: Int {
        lock.lock()
        defer { lock.unlock() }
        return scans.count
    }

    /// Scans dropped because the queue was full, since start.
    var dropped: Int {
        lock.lock()
        defer { lock.unlock() }
        return droppedCount
    }
}
