import Crypto
import OCOPDomain

/// The hash chain of the log: each entry's hash covers the previous hash and the entry itself,
/// so changing, removing or reordering any entry breaks every hash after it.
public enum LogHash {
    /// The `prev_hash` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 (hex) over `previousHash` followed by the canonical entry: a JSON object with the
    /// keys in byte order (`actor`, `kind`, `payload`, `seq`, `time`) and the payload as stored.
    public static func hash(previousHash: String, seq: Int64, time: String, kind: String,
                            actor: String, payload: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(previousHash.utf8))
        hasher.update(data: Array(canonicalEntry(seq: seq, time: time, kind: kind, actor: actor, payload: payload).utf8))
        return Hex.lowercase(hasher.finalize())
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
}
