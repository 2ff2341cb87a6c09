import GRDB
import OCOPDomain

extension SQLiteTraceStore {
    public func addProducer(_ producer: Producer, actor: String) throws(StoreError) -> LogEntry {
        try write { db in try Self.insertProducer(producer, actor: actor, db) }
    }

    public func addProduct(_ product: Product, actor: String) throws(StoreError) -> LogEntry {
        try write { db in try Self.insertProduct(product, actor: actor, db) }
    }

    public func rate(_ rating: Rating, productID: String, actor: String) throws(StoreError) -> LogEntry {
        try write { db in try Self.insertRating(rating, productID: productID, actor: actor, db) }
    }

    public func withdrawRating(productID: String, decisionNumber: String, date: CalendarDate, reason: String?,
                               actor: String) throws(StoreError) -> LogEntry {
        try write { db in
            try Self.insertWithdrawal(productID: productID, decisionNumber: decisionNumber, date: date, reason: reason,
                                      actor: actor, db)
        }
    }

    /// One transaction for the whole register: any bad row and nothing is written. A producer
    /// already in the store (same id, same details) is kept; products must all be new.
    public func importRegister(_ rows: [RegisterRow], actor: String) throws(StoreError) -> ImportSummary {
        try write { db in
            var added = 0, kept = 0, products = 0, ratings = 0
            var seenProducers: [String: Producer] = [:]
            for row in rows {
                do {
                    if let known = try seenProducers[row.producer.id] ?? Self.producerRow(row.producer.id, db) {
                        guard known == row.producer else {
                            throw StoreError.invalid(DomainError(field: "producer_id",
                                rule: "'\(row.producer.id)' appears with other details than before (name, kind or address differ)"))
                        }
                        if seenProducers[row.producer.id] == nil { kept += 1 }
                    } else {
                        try Self.insertProducer(row.producer, actor: actor, db)
                        added += 1
                    }
                    seenProducers[row.producer.id] = row.producer
                    try Self.insertProduct(row.product, actor: actor, db)
                    products += 1
                    if let rating = row.rating {
                        try Self.insertRating(rating, productID: row.product.id, actor: actor, db)
                        ratings += 1
                    }
                } catch let error as StoreError {
                    switch error {
                    case let .invalid(domain): throw StoreError.importRow(row: row.line, error: domain)
                    case let .duplicate(what, id):
                        throw StoreError.importRow(row: row.line, error: DomainError(field: what, rule: "'\(id)' already exists"))
                    case let .notFound(what, id):
                        throw StoreError.importRow(row: row.line, error: DomainError(field: what, rule: "'\(id)' does not exist"))
                    default: throw error
                    }
                }
            }
            return ImportSummary(producersAdded: added, producersKept: kept, productsAdded: products, ratings: ratings)
        }
    }

    public func producers() throws(StoreError) -> [Producer] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM producer ORDER BY id").map(Self.producer(from:)) }
    }

    public func producer(id: String) throws(StoreError) -> Producer? {
        try read { db in try Self.producerRow(id, db) }
    }

    public func products(producerID: String?) throws(StoreError) -> [Product] {
        try read { db in
            let rows = if let producerID {
                try Row.fetchAll(db, sql: "SELECT * FROM product WHERE producer_id = ? ORDER BY id", arguments: [producerID])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM product ORDER BY id")
            }
            return try rows.map(Self.product(from:))
        }
    }

    public func product(id: String) throws(StoreError) -> Product? {
        try read { db in try Self.productRow(id, db) }
    }

    public func product(gtin: String) throws(StoreError) -> Product? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM product WHERE gtin = ?", arguments: [gtin]).map(Self.product(from:))
        }
    }

    public func ratings(productID: String) throws(StoreError) -> [RatingRecord] {
        try read { db in try Self.ratingRows(productID, db) }
    }

    // MARK: - Inside a transaction

    @discardableResult
    static func insertProducer(_ producer: Producer, actor: String, _ db: Database) throws -> LogEntry {
        if try producerRow(producer.id, db) != nil { throw StoreError.duplicate(what: "producer", id: producer.id) }
        return try append(.producerAdded, producer, actor: actor, db)
    }

    @discardableResult
    static func insertProduct(_ product: Product, actor: String, _ db: Database) throws -> LogEntry {
        if try productRow(product.id, db) != nil { throw StoreError.duplicate(what: "product", id: product.id) }
        guard try producerRow(product.producerID, db) != nil else {
            throw StoreError.notFound(what: "producer", id: product.producerID)
        }
        if let gtin = product.gtin,
           let owner = try String.fetchOne(db, sql: "SELECT id FROM product WHERE gtin = ?", arguments: [gtin]) {
            throw StoreError.duplicate(what: "gtin", id: "\(gtin) (product \(owner))")
        }
        return try append(.productAdded, product, actor: actor, db)
    }

    @discardableResult
    static func insertRating(_ rating: Rating, productID: String, actor: String, _ db: Database) throws -> LogEntry {
        try requireProduct(productID, db)
        if let current = try ratingRows(productID, db).last, rating.decisionDate < current.decisionDate {
            throw StoreError.invalid(DomainError(field: "decision date",
                rule: "\(rating.decisionDate) is before the rating in force (\(current.decisionNumber) of \(current.decisionDate)); a re-rating must be newer"))
        }
        let payload = LogPayload.RatingGranted(product: productID, stars: rating.stars.rawValue, score: rating.score,
                                               decisionNo: rating.decisionNumber.text, decisionDate: rating.decisionDate,
                                               validUntil: rating.validUntil)
        return try append(.productRated, payload, actor: actor, db)
    }

    @discardableResult
    static func insertWithdrawal(productID: String, decisionNumber: String, date: CalendarDate, reason: String?,
                                 actor: String, _ db: Database) throws -> LogEntry {
        try requireProduct(productID, db)
        guard let current = try ratingRows(productID, db).last, current.action == .rate else {
            throw StoreError.invalid(DomainError(field: "withdraw", rule: "product '\(productID)' has no rating in force to withdraw"))
        }
        guard date >= current.decisionDate else {
            throw StoreError.invalid(DomainError(field: "decision date", rule: "\(date) is before the rating it withdraws (\(current.decisionDate))"))
        }
        let payload = LogPayload.RatingWithdrawn(product: productID, decisionNo: decisionNumber, decisionDate: date, reason: reason)
        return try append(.ratingWithdrawn, payload, actor: actor, db)
    }

    static func requireProduct(_ id: String, _ db: Database) throws {
        guard try productRow(id, db) != nil else { throw StoreError.notFound(what: "product", id: id) }
    }

    static func producerRow(_ id: String, _ db: Database) throws -> Producer? {
        try Row.fetchOne(db, sql: "SELECT * FROM producer WHERE id = ?", arguments: [id]).map(producer(from:))
    }

    static func productRow(_ id: String, _ db: Database) throws -> Product? {
        try Row.fetchOne(db, sql: "SELECT * FROM product WHERE id = ?", arguments: [id]).map(product(from:))
    }

    static func ratingRows(_ productID: String, _ db: Database) throws -> [RatingRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM rating WHERE product_id = ? ORDER BY seq", arguments: [productID])
            .map(rating(from:))
    }
}
