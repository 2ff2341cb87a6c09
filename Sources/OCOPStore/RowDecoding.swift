import Foundation
import OCOPDomain

/// Rows of the derived tables back into values. The tables were filled from validated log
/// entries, so a value that no longer parses means the database was edited behind the tool's back.
enum RowDecoding {
    /// A row written since addresses have two levels holds today's province and the former
    /// address as JSON; an older row holds the three-level address, read as a register in that
    /// shape is (so it maps to the same producer as its log entry).
    static func producer(from row: SQLRow) throws -> Producer {
        // Every unit page reads its producer's row: decoded once, kept by the row's exact values.
        try DecodedPayloads.shared.decode(Producer.self, row: row) { try producerAfresh(from: row) }
    }

    private static func producerAfresh(from row: SQLRow) throws -> Producer {
        let former = try row.stringOrNil("former_address").map { text in
            try JSONDecoder().decode(Producer.FormerAddress.self, from: Data(text.utf8))
        }
        let district = row.string("district")
        return try Producer(id: row.string("id"), name: row.string("name"), kind: parse(EntityKind.self, row.string("kind"), "kind"),
                            province: row.string("province"), commune: row.string("commune"),
                            district: former == nil && !district.isEmpty ? district : nil, formerAddress: former,
                            taxID: row.stringOrNil("tax_id"))
    }

    static func product(from row: SQLRow) throws -> Product {
        try Product(id: row.string("id"), producerID: row.string("producer_id"), name: row.string("name"),
                    group: parse(ProductGroup.self, row.string("product_group"), "product_group"), gtin: row.stringOrNil("gtin"))
    }

    static func rating(from row: SQLRow) throws -> RatingRecord {
        RatingRecord(seq: row.int64("seq"), productID: row.string("product_id"),
                     action: RatingRecord.Action(rawValue: row.string("action")) ?? .withdraw,
                     stars: row.intOrNil("stars"), score: row.intOrNil("score"), decisionNumber: row.string("decision_no"),
                     decisionDate: try CalendarDate(parsing: row.string("decision_date")),
                     validUntil: try date(row, "valid_until"), reason: row.stringOrNil("reason"),
                     level: row.stringOrNil("level").flatMap(DecidingLevel.init(rawValue:)))
    }

    static func batch(from row: SQLRow) throws -> BatchRecord {
        BatchRecord(seq: row.int64("seq"), productID: row.string("product_id"), lot: row.string("lot"), units: row.int("units"),
                    produced: try date(row, "produced"), expires: try date(row, "expires"), ratingSeq: row.int64OrNil("rating_seq"))
    }

    static func chainEvent(from row: SQLRow) throws -> ChainEventRecord {
        ChainEventRecord(seq: row.int64("seq"), actor: row.string("actor"),
                         event: try DecodedPayloads.shared.decode(ChainEvent.self, seq: row.int64("seq"), payload: row.string("payload"),
                                                                   with: JSONDecoder()))
    }

    static func unit(from row: SQLRow) -> UnitRecord {
        UnitRecord(serial: row.string("serial"), shortCode: row.string("short_code"), productID: row.string("product_id"),
                   lot: row.string("lot"), seq: row.int64("seq"))
    }

    static func date(_ row: SQLRow, _ column: String) throws(DomainError) -> CalendarDate? {
        guard let text = row.stringOrNil(column) else { return nil }
        return try CalendarDate(parsing: text)
    }

    static func parse<T: RawRepresentable>(_ type: T.Type, _ raw: String, _ column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw StoreError.corrupt("derived table holds unknown \(column) '\(raw)'; run `ocop-trace reindex`")
        }
        return value
    }
}
