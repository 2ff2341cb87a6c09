import Foundation
import OCOPDomain

/// The second half of `log verify`, beside the hash chain: every entry after the store's
/// legacy part is covered by the seal of its write, each seal is signed by a key in force
/// when its write began, and each entry is within its actor's authority.
public struct LogSealWalk: Sendable {
    private struct Pending: Sendable {
        let seq: Int64
        let hash: String
        let actor: String
        let refusal: String?
    }
    private let trust: LogTrust
    private var pending: [Pending] = []
    /// Producers of products as the log registers them (for a producer actor's scope).
    private var producers: [String: String] = [:]
    public private(set) var failure: (seq: Int64, problem: String)?

    public init(trust: LogTrust) {
        self.trust = trust
        if let rejected = trust.rejected.min(by: { $0.seq < $1.seq }) {
            failure = (rejected.seq, rejected.reason)
        }
    }

    /// Takes the next hash-checked entry in seq order; false once a failure is found.
    @discardableResult
    public mutating func take(_ entry: LogEntry) -> Bool {
        if let failure, failure.seq <= entry.seq { return false }
        if entry.kind == LogEventKind.productAdded.rawValue,
           let product = try? JSONDecoder().decode(Product.self, from: Data(entry.payload.utf8)) {
            producers[product.id] = product.producerID
        }
        guard trust.needsSeal(entry.seq) else { return true }
        guard entry.kind == LogEventKind.logSealed.rawValue else {
            // The creator may write anything: skip decoding the entry's subject.
            let refusal = trust.isCreator(entry.actor) ? nil
                : LogTrustCheck.authorityFailure(of: entry, actor: entry.actor, trust: trust, producerOf: { producers[$0] })?.reason
            pending.append(Pending(seq: entry.seq, hash: entry.hash, actor: entry.actor, refusal: refusal))
            return true
        }
        let covered = pending
        pending.removeAll(keepingCapacity: true)
        guard let seal = LogSeal.decode(entry) else { return fail(entry.seq, "the seal cannot be read") }
        guard let first = covered.first, seal.first == first.seq, seal.hashes == covered.map(\.hash) else {
            return fail(covered.first?.seq ?? entry.seq, "the seal at seq \(entry.seq) does not list the entries of its write")
        }
        if let problem = trust.failure(of: seal, at: entry) { return fail(first.seq, problem.reason) }
        if let other = covered.first(where: { $0.actor != seal.actor }) {
            return fail(other.seq, "names actor '\(other.actor)' in a write sealed by '\(seal.actor)'")
        }
        if let refused = covered.first(where: { $0.refusal != nil }), let reason = refused.refusal { return fail(refused.seq, reason) }
        return true
    }

    /// Call after the last entry: entries after the last seal were written without a key.
    public mutating func finish() {
        if failure == nil, let first = pending.first {
            failure = (first.seq, "entries from seq \(first.seq) on are sealed by no signed write (appended without a key?)")
        }
    }

    private mutating func fail(_ seq: Int64, _ problem: String) -> Bool {
        if failure == nil || seq < failure!.seq { failure = (seq, problem) }
        return false
    }
}
