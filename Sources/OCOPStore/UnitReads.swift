import OCOPDomain

/// The statements of one verdict that need nothing but the unit row and its subject (product
/// and lot), sent together with `fetchEach`: on PostgreSQL one round trip instead of nine.
/// Log entries come back as read; `logFacts` decodes and checks them.
struct UnitReads {
    let productID: String
    let lot: String
    /// The entry at the unit row's seq, when it is a readable `units_issued` entry.
    let issuing: LoggedFact<IssuedChunk>?
    /// The entry after it.
    let successor: LogEntry?
    /// Subject entries of the batch (no serial), of the unit's serial, and of the product (no lot).
    let batchLevel: [LogEntry]
    let unitLevel: [LogEntry]
    let productLevel: [LogEntry]
    /// `producer_added`/`product_added` entries with the product's id.
    let productRegistry: [LogEntry]
    /// The derived rows the verdict compares with the log.
    let product: Product?
    let batch: BatchRecord?
    let ratings: [RatingRecord]
    let history: [ChainEventRecord]
    /// `pin_claimed` entries of the unit's serial (through the log's own index).
    let pinClaims: [LogEntry]
    /// The issuing entry when it is a `units_issued` entry that does not read.
    let unreadable: [Int64]

    static func fetch(_ db: any SQLSession, unit: UnitRecord, productID: String, lot: String) throws -> UnitReads {
        let results = try db.fetchEach([
            SQLStatement("SELECT \(LogEntry.columns) FROM log WHERE seq IN (?, ?) ORDER BY seq", [unit.seq, unit.seq + 1]),
            SQLStatement(LogSubjectQuery.subject(db, lotIsNull: false, serialIsNull: true), [productID, lot]),
            SQLStatement(LogSubjectQuery.subject(db, lotIsNull: false, serialIsNull: false), [productID, lot, unit.serial]),
            SQLStatement(LogSubjectQuery.subject(db, lotIsNull: true, serialIsNull: true), [productID]),
            SQLStatement(LogSubjectQuery.registry(db), [productID]),
            RegistrySQL.product(productID),
            CodesSQL.batch(productID: productID, lot: lot),
            RegistrySQL.ratings(productID),
            CodesSQL.history(productID: productID, lot: lot, serial: unit.serial),
            SQLStatement(PinIndex.claims(db), [unit.serial]),
        ])
        let pair = results[0].map(LogEntry.init(row:))
        let first = pair.first { $0.seq == unit.seq }
        var issuing: LoggedFact<IssuedChunk>?
        var unreadable: [Int64] = []
        if let first, first.kind == LogEventKind.unitsIssued.rawValue {
            if let chunk = IssuedChunk.read(first.payload, serial: unit.serial, shortCode: unit.shortCode) {
                issuing = LoggedFact(entry: first, value: chunk)
            } else {
                unreadable.append(first.seq)
            }
        }
        return try UnitReads(
            productID: productID, lot: lot, issuing: issuing, successor: pair.first { $0.seq == unit.seq + 1 },
            batchLevel: results[1].map(LogEntry.init(row:)), unitLevel: results[2].map(LogEntry.init(row:)),
            productLevel: results[3].map(LogEntry.init(row:)), productRegistry: results[4].map(LogEntry.init(row:)),
            product: results[5].first.map(RowDecoding.product(from:)), batch: results[6].first.map(RowDecoding.batch(from:)),
            ratings: results[7].map(RowDecoding.rating(from:)),
            history: CodesSQL.historyRecords(results[8]), pinClaims: results[9].map(LogEntry.init(row:)), unreadable: unreadable)
    }
}
