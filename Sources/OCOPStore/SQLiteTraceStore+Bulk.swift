import GRDB
import OCOPDomain

extension SQLiteTraceStore {
    /// Appends many chain events in one transaction (each still its own chained log entry), with
    /// the same checks as `addChainEvent`: all land, or none. For imports of scanned events and
    /// for building large stores.
    public func addChainEvents(_ events: [ChainEvent], actor: String) throws(StoreError) -> Int {
        try write { db in
            let batch = try db.cachedStatement(sql: "SELECT 1 FROM batch WHERE product_id = ? AND lot = ?")
            let unit = try db.cachedStatement(sql: "SELECT 1 FROM unit WHERE serial = ? AND product_id = ? AND lot = ?")
            for event in events {
                guard try Row.fetchOne(batch, arguments: [event.productID, event.lot]) != nil else {
                    throw StoreError.notFound(what: "lot", id: "\(event.lot) of product \(event.productID)")
                }
                if let serial = event.serial {
                    guard try Row.fetchOne(unit, arguments: [serial, event.productID, event.lot]) != nil else {
                        throw StoreError.notFound(what: "unit", id: serial)
                    }
                }
                try Self.append(.chainEvent, event, actor: actor, db)
            }
            return events.count
        }
    }
}
