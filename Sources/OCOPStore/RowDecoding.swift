import GRDB
import OCOPDomain

/// Rows of the derived tables back into values. The tables were filled from validated log
/// entries, so a value that no longer parses means the file was edited behind the tool's back.
extension SQLiteTraceStore {
    static func producer(from row: Row) throws -> Producer {
        try Producer(id: row["id"], name: row["name"], kind: parse(EntityKind.self, row["kind"], "kind"),
                     province: row["province"], district: row["district"], commune: row["commune"], taxID: row["tax_id"])
    }

    static func product(from row: Row) throws -> Product {
        try Product(id: row["id"], producerID: row["producer_id"], name: row["name"],
                    group: parse(ProductGroup.self, row["product_group"], "product_group"), gtin: row["gtin"])
    }

    static func rating(from row: Row) throws -> RatingRecord {
        RatingRecord(seq: row["seq"], productID: row["product_id"],
                     action: RatingRecord.Action(rawValue: row["action"]) ?? .withdraw,
                     stars: row["stars"], score: row["score"], decisionNumber: row["decision_no"],
                     decisionDate: try CalendarDate(parsing: row["decision_date"]),
                     validUntil: try (row["valid_until"] as String?).map { text throws(DomainError) in try CalendarDate(parsing: text) },
                     reason: row["reason"])
    }

    static func batch(from row: Row) throws -> BatchRecord {
        BatchRecord(seq: row["seq"], productID: row["product_id"], lot: row["lot"], units: row["units"],
                    produced: try (row["produced"] as String?).map { text throws(DomainError) in try CalendarDate(parsing: text) },
                    expires: try (row["expires"] as String?).map { text throws(DomainError) in try CalendarDate(parsing: text) },
                    ratingSeq: row["rating_seq"])
    }

    static func unit(from row: Row) -> UnitRecord {
        UnitRecord(serial: row["serial"], shortCode: row["short_code"], productID: row["product_id"], lot: row["lot"], seq: row["seq"])
    }

    static func parse<T: RawRepresentable>(_ type: T.Type, _ raw: String, _ column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw StoreError.io("derived table holds unknown \(column) '\(raw)'; run `ocop-trace reindex`")
        }
        return value
    }
}
