import OCOPDomain

/// PIN claims live in the log only (no derived table to edit behind its back); this expression
/// index, kept by the database engine from the log's own bytes, finds a unit's claims.
public enum PinIndex {
    public static let sqlite = """
        CREATE INDEX IF NOT EXISTS log_pin_claims ON log(json_extract(payload, '$.serial')) WHERE kind = 'pin_claimed';
        """
    public static let postgres = """
        CREATE INDEX IF NOT EXISTS log_pin_claims ON log(((payload::jsonb ->> 'serial'))) WHERE kind = 'pin_claimed';
        """

    /// The `pin_claimed` entries of one serial, in log order.
    static func claims(_ db: any SQLSession) -> String {
        "SELECT \(LogEntry.columns) FROM log WHERE kind = 'pin_claimed' AND \(db.payloadField("serial")) = ? ORDER BY seq"
    }
}

/// A unit's PIN hash as the `pins_issued` entry after its `units_issued` entry holds it.
enum IssuedPin {
    /// Found without decoding the chunk's 1,000 pairs: the payload is canonical JSON (keys in
    /// byte order: `lot`, `pins`, `product`, `units_seq`), so the entry names the issuing seq at
    /// its end and the unit's pair is the exact text `["SERIAL","HASH"]`.
    static func read(_ entry: LogEntry, lot: String, serial: String, unitsSeq: Int64) -> String? {
        guard entry.kind == LogEventKind.pinsIssued.rawValue,
              entry.payload.hasPrefix("{\"lot\":" + CanonicalJSON.string(lot).canonicalText + ",\"pins\":["),
              entry.payload.hasSuffix(",\"units_seq\":\(unitsSeq)}") else { return nil }
        let opening = "[" + CanonicalJSON.string(serial).canonicalText + ",\""
        guard let start = entry.payload.range(of: opening)?.upperBound else { return nil }
        let hash = entry.payload[start...].prefix { $0 != "\"" }
        return hash.count == 64 ? String(hash) : nil
    }
}
