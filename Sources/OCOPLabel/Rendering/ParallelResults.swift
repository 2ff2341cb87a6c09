import Foundation

/// Results written by several threads, each index by exactly one.
final class ParallelResults<Value: Sendable>: @unchecked Sendable {
    private var slots: [Result<Value, LabelError>?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ index: Int, _ result: Result<Value, LabelError>) {
        lock.withLock { slots[index] = result }
    }

    func collect() throws(LabelError) -> [Value] {
        let finished = lock.withLock { slots }
        var values: [Value] = []
        values.reserveCapacity(finished.count)
        for slot in finished {
            switch slot {
            case let .success(value)?: values.append(value)
            case let .failure(error)?: throw error
            case nil: throw .graphics(operation: "parallel rendering", status: "a result is missing")
            }
        }
        return values
    }

    /// `body(index)` for every index below `count`, on up to `threads` threads; results in index
    /// order, the first failure (in index order) thrown.
    static func compute(count: Int, threads: Int, _ body: @Sendable (Int) throws(LabelError) -> Value) throws(LabelError) -> [Value] {
        let results = ParallelResults<Value>(count: count)
        let workers = max(1, min(threads, count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Interleaved indices keep every thread busy until the end.
            for index in stride(from: worker, to: count, by: workers) {
                results.store(index, Result { () throws(LabelError) in try body(index) })
            }
        }
        return try results.collect()
    }
}
