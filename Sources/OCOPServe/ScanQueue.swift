import Foundation
import OCOPStore

/// Scans waiting to be logged: pages put them here and answer at once; `ScanWriter` takes
/// them in batches. Bounded: when full, a scan is dropped (and counted), never waited for.
final class ScanQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var scans: [ScanRequest] = []
    private var pendingBySerial: [String: Int] = [:]
    private var droppedCount = 0
    let capacity: Int
    private let onDrop: @Sendable () -> Void

    init(capacity: Int, onDrop: @escaping @Sendable () -> Void = {}) {
        self.capacity = capacity
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
        pendingBySerial[scan.serial, default: 0] += 1
        return true
    }

    /// Everything queued, oldest first; the queue is empty afterwards. The scans taken still
    /// count as pending until `settled`: a page between the take and the commit must not lose them.
    func takeAll() -> [ScanRequest] {
        lock.lock()
        defer { lock.unlock() }
        let taken = scans
        scans.removeAll(keepingCapacity: true)
        return taken
    }

    /// Scans taken by `takeAll` that are now in the store (or given up on).
    func settled(_ done: [ScanRequest]) {
        lock.lock()
        defer { lock.unlock() }
        for scan in done {
            guard let count = pendingBySerial[scan.serial] else { continue }
            pendingBySerial[scan.serial] = count > 1 ? count - 1 : nil
        }
    }

    /// Scans of one serial not yet in the store (a page adds them to the store's count).
    func pending(serial: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return pendingBySerial[serial] ?? 0
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
