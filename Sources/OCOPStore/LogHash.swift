import Crypto
import OCOPDomain
import Synchronization

/// The hash chain of the log: each entry's hash covers the previous hash and the entry itself,
/// so changing, removing or reordering any entry breaks every hash after it.
public enum LogHash {
    /// The `prev_hash` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 (hex) over `previousHash` followed by the canonical entry: a JSON object with the
    /// keys in byte order (`actor`, `kind`, `payload`, `seq`, `time`) and the payload as stored.
    public static func hash(previousHash: String, seq: Int64, time: String, kind: String,
                            actor: String, payload: String) -> String {
        // The canonical entry fed in pieces: a 30 kB units_issued payload is not copied twice.
        var hasher = SHA256()
        feed(&hasher, previousHash)
        feed(&hasher, "{\"actor\":\(jsonString(actor)),\"kind\":\(jsonString(kind)),\"payload\":")
        feed(&hasher, payload)
        feed(&hasher, ",\"seq\":\(seq),\"time\":\(jsonString(time))}")
        return Hex.lowercase(hasher.finalize())
    }

    private static func feed(_ hasher: inout SHA256, _ text: String) {
        var text = text
        text.withUTF8 { bytes in hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes)) }
    }

    public static func canonicalEntry(seq: Int64, time: String, kind: String, actor: String, payload: String) -> String {
        "{\"actor\":\(jsonString(actor)),\"kind\":\(jsonString(kind)),\"payload\":\(payload),\"seq\":\(seq),\"time\":\(jsonString(time))}"
    }

    /// A JSON string exactly as the canonical payloads escape it.
    static func jsonString(_ text: String) -> String {
        CanonicalJSON.string(text).canonicalText
    }

    public static func verify(_ entry: LogEntry) -> Bool {
        hash(previousHash: entry.previousHash, seq: entry.seq, time: entry.time, kind: entry.kind,
             actor: entry.actor, payload: entry.payload) == entry.hash
    }

    /// `verify` for the entries verdicts read again and again (a batch's chunks, its product):
    /// an entry equal in every field to one already checked is not hashed again. Walks over the
    /// whole log (`log verify`) use `verify`, which keeps nothing.
    public static func verifyRemembering(_ entry: LogEntry) -> Bool {
        if VerifiedEntries.shared.contains(entry) { return true }
        guard verify(entry) else { return false }
        VerifiedEntries.shared.keep(entry)
        return true
    }
}

/// Entries whose hash was checked, kept whole: an entry read again with every field equal (a
/// byte comparison, far cheaper than SHA-256 of a 30 kB `units_issued` payload) is the same
/// entry and holds its hash. An entry edited in the database differs and is hashed again. The
/// resolver reads the same chunks, batches and products on every page.
final class VerifiedEntries: Sendable {
    static let shared = VerifiedEntries()
    private let known = Mutex<[Int64: LogEntry]>([:])
    /// Enough for the chunks of two 1,000,000-unit batches and their registry entries (~60 MB at most).
    static let capacity = 2_048

    func contains(_ entry: LogEntry) -> Bool {
        known.withLock { $0[entry.seq] } == entry
    }

    func keep(_ entry: LogEntry) {
        known.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[entry.seq] = entry
        }
    }
}
