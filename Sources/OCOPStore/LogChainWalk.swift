/// Checks a log entry by entry, in seq order: seqs must run 1, 2, 3, … with no gap, each
/// entry's prev_hash must be the previous entry's hash, and each hash must match a fresh
/// computation. Shared by `log verify` on every engine and by `migrate`.
public struct LogChainWalk: Sendable {
    private var expectedSeq: Int64 = 1
    private var previous = LogHash.genesis
    private var count: Int64 = 0
    /// The first break found; the walk stops counting there.
    public private(set) var failure: LogVerification?

    public init() {}

    /// Takes the next entry; false once the chain is broken.
    @discardableResult
    public mutating func take(_ entry: LogEntry) -> Bool {
        guard failure == nil else { return false }
        if entry.seq != expectedSeq {
            let problem = entry.seq > expectedSeq ? "seq \(expectedSeq) is missing" : "seq \(entry.seq) is out of order"
            failure = LogVerification(entries: count, headHash: previous, firstBadSeq: expectedSeq, problem: problem)
        } else if entry.previousHash != previous {
            failure = LogVerification(entries: count, headHash: previous, firstBadSeq: entry.seq,
                                      problem: "prev_hash does not match the hash of seq \(entry.seq - 1)")
        } else if !LogHash.verify(entry) {
            failure = LogVerification(entries: count, headHash: previous, firstBadSeq: entry.seq,
                                      problem: "hash does not match the entry's content")
        } else {
            previous = entry.hash
            expectedSeq += 1
            count += 1
        }
        return failure == nil
    }

    public var result: LogVerification {
        failure ?? LogVerification(entries: count, headHash: previous, firstBadSeq: nil, problem: nil)
    }
}
