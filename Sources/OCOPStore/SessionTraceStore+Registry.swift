import OCOPDomain

extension SessionTraceStore {
    public func addProducer(_ producer: Producer, actor: LogAuthor) throws(StoreError) -> LogEntry {
        try write(as: actor) { db in try db.insertProducer(producer, actor: actor.id) }
    }

    public func addProduct(_ product: Product, actor: LogAuthor) throws(StoreError) -> LogEntry {
        try write(as: actor) { db in try db.insertProduct(product, actor: actor.id) }
    }

    public func rate(_ rating: Rating, productID: String, actor: LogAuthor) throws(StoreError) -> LogEntry {
        try write(as: actor) { db in try db.insertRating(rating, productID: productID, actor: actor.id) }
    }

    public func withdrawRating(productID: String, decisionNumber: String, date: CalendarDate, reason: String?,
                               actor: LogAuthor) throws(StoreError) -> LogEntry {
        try write(as: actor) { db in
            try db.insertWithdrawal(productID: productID, decisionNumber: decisionNumber, date: date, reason: reason, actor: actor.id)
        }
    }

    /// One transaction for the whole register: any bad row and nothing is written. A producer
    /// already in the store (same id, same details) is kept; products must all be new.
    /// With `dryRun` every row is checked against the store exactly as an import would, then
    /// the transaction is rolled back: the summary of what would be written, nothing written.
    public func importRegister(_ rows: [RegisterRow], actor: LogAuthor, dryRun: Bool) throws(StoreError) -> ImportSummary {
        var rehearsed: ImportSummary?
        do { return try write(as: actor) { db in
            var added = 0, kept = 0, products = 0, ratings = 0
            var seenProducers: [String: Producer] = [:]
            for row in rows {
                do {
                    if let known = try seenProducers[row.producer.id] ?? db.producerRow(row.producer.id) {
                        guard known == row.producer else {
                            throw StoreError.invalid(DomainError(field: "producer_id",
                                rule: "'\(row.producer.id)' appears with other details than before (name, kind or address differ)"))
                        }
                        if seenProducers[row.producer.id] == nil { kept += 1 }
                    } else {
                        try db.insertProducer(row.producer, actor: actor.id)
                        added += 1
                    }
                    seenProducers[row.producer.id] = row.producer
                    try db.insertProduct(row.product, actor: actor.id)
                    products += 1
                    if let rating = row.rating {
                        try db.insertRating(rating, productID: row.product.id, actor: actor.id)
                        ratings += 1
                    }
                } catch let error as StoreError {
                    switch error {
                    case let .invalid(domain): throw StoreError.importRow(row: row.line, error: domain)
                    case let .duplicate(what, id):
                        throw StoreError.importRow(row: row.line, error: DomainError(field: what, rule: "'\(id)' already exists"))
                    case let .notFound(what, id):
                        throw StoreError.importRow(row: row.line, error: DomainError(field: what, rule: "'\(id)' does not exist"))
                    case let .caseVariant(what, id, existing):
                        throw StoreError.importRow(row: row.line, error: DomainError(
                            field: what, rule: "'\(id)' differs only in letter case from '\(existing)', which already exists"))
                    default: throw error
                    }
                }
            }
            let summary = ImportSummary(producersAdded: added, producersKept: kept, productsAdded: products, ratings: ratings)
            if dryRun {
                rehearsed = summary
                throw DryRun.rollBack
            }
            return summary
        } } catch .conflict(DryRun.marker) where rehearsed != nil {
            return rehearsed!
        }
    }

    public func producers() throws(StoreError) -> [Producer] {
        try read { db in try db.fetchAll("SELECT * FROM producer ORDER BY id").map(RowDecoding.producer(from:)) }
    }

    public func producer(id: String) throws(StoreError) -> Producer? {
        try read { db in try db.producerRow(id) }
    }

    public func products(producerID: String?) throws(StoreError) -> [Product] {
        try read { db in
            let rows = if let producerID {
                try db.fetchAll("SELECT * FROM product WHERE producer_id = ? ORDER BY id", [producerID])
            } else {
                try db.fetchAll("SELECT * FROM product ORDER BY id")
            }
            return try rows.map(RowDecoding.product(from:))
        }
    }

    public func product(id: String) throws(StoreError) -> Product? {
        try read { db in try db.productRow(id) }
    }

    public func product(gtin: String) throws(StoreError) -> Product? {
        try read { db in try db.fetchAll(RegistrySQL.product(gtin: gtin)).first.map(RowDecoding.product(from:)) }
    }

    public func ratings(productID: String) throws(StoreError) -> [RatingRecord] {
        try read { db in try db.ratingRows(productID) }
    }
}

// MARK: - Inside a transaction

extension SQLSession {
    @discardableResult
    func insertProducer(_ producer: Producer, actor: String) throws -> LogEntry {
        if try producerRow(producer.id) != nil { throw StoreError.duplicate(what: "producer", id: producer.id) }
        try refuseCaseVariant(of: producer.id, table: "producer", what: "producer")
        return try append(.producerAdded, producer, actor: actor)
    }

    @discardableResult
    func insertProduct(_ product: Product, actor: String) throws -> LogEntry {
        if try productRow(product.id) != nil { throw StoreError.duplicate(what: "product", id: product.id) }
        try refuseCaseVariant(of: product.id, table: "product", what: "product")
        guard try producerRow(product.producerID) != nil else {
            throw StoreError.notFound(what: "producer", id: product.producerID)
        }
        if let gtin = product.gtin, let owner = try fetchOne("SELECT id FROM product WHERE gtin = ?", [gtin]) {
            throw StoreError.duplicate(what: "gtin", id: "\(gtin) (product \(owner.string("id")))")
        }
        return try append(.productAdded, product, actor: actor)
    }

    /// `TV-0002` beside `tv-0002` reads as one product to people and to case-insensitive file
    /// systems (their label folders would merge): ids are unique without regard to case.
    func refuseCaseVariant(of id: String, table: String, what: String) throws {
        if let row = try fetchOne("SELECT id FROM \(table) WHERE lower(id) = lower(?)", [id]) {
            throw StoreError.caseVariant(what: what, id: id, existing: row.string("id"))
        }
    }

    @discardableResult
    func insertRating(_ rating: Rating, productID: String, actor: String) throws -> LogEntry {
        try requireProduct(productID)
        if let current = try ratingRows(productID).last, rating.decisionDate < current.decisionDate {
            throw StoreError.invalid(DomainError(field: "decision date",
                rule: "\(rating.decisionDate) is before the rating in force (\(current.decisionNumber) of \(current.decisionDate)); a re-rating must be newer"))
        }
        let payload = LogPayload.RatingGranted(product: productID, stars: rating.stars.rawValue, score: rating.score,
                                               decisionNo: rating.decisionNumber.text, decisionDate: rating.decisionDate,
                                               validUntil: rating.validUntil, level: rating.level)
        return try append(.productRated, payload, actor: actor)
    }

    @discardableResult
    func insertWithdrawal(productID: String, decisionNumber: String, date: CalendarDate, reason: String?,
                          actor: String) throws -> LogEntry {
        try requireProduct(productID)
        guard let current = try ratingRows(productID).last, current.action == .rate else {
            throw StoreError.invalid(DomainError(field: "withdraw", rule: "product '\(productID)' has no rating in force to withdraw"))
        }
        guard date >= current.decisionDate else {
            throw StoreError.invalid(DomainError(field: "decision date", rule: "\(date) is before the rating it withdraws (\(current.decisionDate))"))
        }
        let payload = LogPayload.RatingWithdrawn(product: productID, decisionNo: decisionNumber, decisionDate: date, reason: reason)
        return try append(.ratingWithdrawn, payload, actor: actor)
    }

    func requireProduct(_ id: String) throws {
        guard try productRow(id) != nil else { throw StoreError.notFound(what: "product", id: id) }
    }

    func producerRow(_ id: String) throws -> Producer? {
        try fetchOne("SELECT * FROM producer WHERE id = ?", [id]).map(RowDecoding.producer(from:))
    }

    func productRow(_ id: String) throws -> Product? {
        try fetchAll(RegistrySQL.product(id)).first.map(RowDecoding.product(from:))
    }

    func ratingRows(_ productID: String) throws -> [RatingRecord] {
        try fetchAll(RegistrySQL.ratings(productID)).map(RowDecoding.rating(from:))
    }
}

/// Registry reads also sent among a verdict's reads (`UnitReads`).
enum RegistrySQL {
    static func product(_ id: String) -> SQLStatement {
        SQLStatement("SELECT * FROM product WHERE id = ?", [id])
    }

    static func product(gtin: String) -> SQLStatement {
        SQLStatement("SELECT * FROM product WHERE gtin = ?", [gtin])
    }

    static func ratings(_ productID: String) -> SQLStatement {
        SQLStatement("SELECT * FROM rating WHERE product_id = ? ORDER BY seq", [productID])
    }
}
