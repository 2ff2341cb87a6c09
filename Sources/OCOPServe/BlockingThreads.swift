import Foundation

/// Threads of the resolver's own for blocking work (store calls, image decoding), so no request
/// handler ever blocks a NIO event loop or Swift's cooperative pool. Each thread owns one
/// resource (a resolver with its store connection, say) and takes jobs from one bounded queue:
/// when `capacity` jobs are waiting, `run` refuses at once (`ThreadsUnavailable.busy`) instead of queueing more.
final class BlockingThreads<Resource: Sendable>: Sendable {
    private let queue: JobQueue
    let threadCount: Int

    init(name: String, resources: [Resource], capacity: Int) {
        precondition(!resources.isEmpty, "at least one thread")
        queue = JobQueue(capacity: capacity)
        threadCount = resources.count
        for (index, resource) in resources.enumerated() {
            let queue = self.queue
            let thread = Thread { queue.serve(resource) }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    deinit {
        queue.stop()
    }

    /// Jobs waiting for a thread (not those running).
    var waiting: Int { queue.waiting }

    /// Runs `body` on one of the threads with that thread's resource.
    func run<T: Sendable>(_ body: @escaping @Sendable (Resource) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job: Job = { resource in continuation.resume(with: Result { try body(resource) }) }
            switch queue.add(job) {
            case .accepted: break
            case .full: continuation.resume(throwing: ThreadsUnavailable.busy)
            case .stopped: continuation.resume(throwing: ThreadsUnavailable.stopped)
            }
        }
    }

    /// Lets the threads finish the jobs queued, then end; later `run` calls throw `ThreadsUnavailable.stopped`.
    func stop() {
        queue.stop()
    }

    /// A job gets its thread's resource. Every accepted job runs: stopped threads drain the queue first.
    typealias Job = @Sendable (Resource) -> Void

    private final class JobQueue: @unchecked Sendable {
        enum Admission { case accepted, full, stopped }

        private let condition = NSCondition()
        private var jobs: [Job] = []
        private var head = 0
        private var stopped = false
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
        }

        var waiting: Int {
            condition.lock()
            defer { condition.unlock() }
            return jobs.count - head
        }

        func add(_ job: @escaping Job) -> Admission {
            condition.lock()
            defer { condition.unlock() }
            if stopped { return .stopped }
            if jobs.count - head >= capacity { return .full }
            jobs.append(job)
            condition.signal()
            return .accepted
        }

        func stop() {
            condition.lock()
            stopped = true
            condition.broadcast()
            condition.unlock()
        }

        /// A thread's loop: jobs until the queue is stopped and empty.
        func serve(_ resource: Resource) {
            while let job = next() {
                job(resource)
            }
        }

        private func next() -> Job? {
            condition.lock()
            defer { condition.unlock() }
            while head == jobs.count {
                if stopped { return nil }
                condition.wait()
            }
            let job = jobs[head]
            head += 1
            if head > 1024, head * 2 > jobs.count {
                jobs.removeFirst(head)
                head = 0
            }
            return job
        }
    }
}

/// Why `BlockingThreads.run` refused a job.
enum ThreadsUnavailable: Error {
    /// The queue was full: the caller answers 503 or 429 without waiting.
    case busy
    /// The threads were stopped (the server is shutting down).
    case stopped
}
