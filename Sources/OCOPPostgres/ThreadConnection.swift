import Foundation

/// One pooled connection kept by the calling thread across store calls. The resolver's store
/// threads live as long as the server, and a lease per call costs a task and two thread
/// hand-overs each time (a tenth of a page's CPU); a kept connection also keeps its prepared
/// statements. The connection goes back to the pool when a call on it fails (the pool replaces
/// a closed one) and when the thread ends.
struct ThreadConnection {
    let pool: PostgresPool
    /// Tells apart the stores one thread keeps connections of.
    private let key: String

    init(pool: PostgresPool) {
        self.pool = pool
        key = "ocop-trace.postgres-connection.\(UInt(bitPattern: ObjectIdentifier(pool).hashValue))"
    }

    /// The thread's connection, leased from the pool the first time.
    func lease() throws -> PostgresPool.Lease {
        let dictionary = Thread.current.threadDictionary
        if let kept = dictionary[key] as? Kept {
            // A pool at the address of an ended one is another pool; a connection the server
            // ended (a restart) would take a statement and never answer.
            if kept.pool === pool, !kept.lease.connection.isClosed { return kept.lease }
            drop()
        }
        var lease = try pool.lease()
        lease.prepared = PreparedStatements()
        dictionary[key] = Kept(lease: lease, pool: pool)
        return lease
    }

    /// Gives the thread's connection back (after an error: it may be closed or mid-statement).
    func drop() {
        let dictionary = Thread.current.threadDictionary
        guard let kept = dictionary[key] as? Kept else { return }
        dictionary[key] = nil
        kept.giveBack()
    }

    /// Owned by the thread's dictionary: released with the thread.
    private final class Kept: NSObject {
        let lease: PostgresPool.Lease
        weak var pool: PostgresPool?
        private var givenBack = false

        init(lease: PostgresPool.Lease, pool: PostgresPool) {
            self.lease = lease
            self.pool = pool
        }

        func giveBack() {
            guard !givenBack else { return }
            givenBack = true
            lease.giveBack()
        }

        deinit {
            giveBack()
        }
    }
}
