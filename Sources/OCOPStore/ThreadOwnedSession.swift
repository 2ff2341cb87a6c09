import Foundation
import Synchronization

/// A session lent to one thread for a while: reads made on that thread use it, reads made on
/// any other thread do not see it (they open their own transaction and wait their turn).
final class ThreadOwnedSession: Sendable {
    private struct Lent: @unchecked Sendable {
        let owner: pthread_t
        let session: any SQLSession
    }
    private let lent = Mutex<Lent?>(nil)

    /// The lent session, when the calling thread holds it.
    var current: (any SQLSession)? {
        lent.withLock { lent in
            guard let lent, pthread_equal(lent.owner, pthread_self()) != 0 else { return nil }
            return lent.session
        }
    }

    /// Runs `body` with `session` lent to the calling thread.
    func during<T, Failure: Error>(_ session: any SQLSession, _ body: () throws(Failure) -> T) throws(Failure) -> T {
        lent.withLock { $0 = Lent(owner: pthread_self(), session: session) }
        defer { lent.withLock { $0 = nil } }
        return try body()
    }
}
