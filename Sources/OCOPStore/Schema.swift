import GRDB

/// The store's tables. The log is the only source of truth; everything else is derived from it
/// and can be dropped and rebuilt (`reindex`).
enum Schema {
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: log and derived state") { db in
            try db.execute(sql: """
                CREATE TABLE log (
                    seq INTEGER PRIMARY KEY,
                    time TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE TRIGGER log_refuses_update BEFORE UPDATE ON log
                BEGIN SELECT RAISE(ABORT, 'the log is append-only: UPDATE is refused'); END;
                CREATE TRIGGER log_refuses_delete BEFORE DELETE ON log
                BEGIN SELECT RAISE(ABORT, 'the log is append-only: DELETE is refused'); END;
                """)
            try createDerivedTables(db)
        }
        migrator.registerMigration("v2: stamps") { db in
            try createStampTable(db)
        }
        migrator.registerMigration("v3: scans") { db in
            try createScanTable(db)
        }
        migrator.registerMigration("v4: chain events by batch and serial") { db in
            try createChainEventLookup(db)
        }
        migrator.registerMigration("v5: key entries of the log") { db in
            // verify reads every signing key from the log; without this index that was a scan
            // of the whole log (200 ms and 250 MB read for one code in a 1,000,000-entry store).
            try db.execute(sql: """
                CREATE INDEX IF NOT EXISTS log_key_entries ON log(seq) WHERE kind IN ('store_created', 'key_rotated')
                """)  // the WHERE matches IssuerKeyQuery.sql word for word, so the planner uses it
        }
        migrator.registerMigration("v6: log entries by subject") { db in
            try db.execute(sql: LogSubjectIndex.sqlite)
        }
        migrator.registerMigration("v7: trust entries and seals of the log") { db in
            try db.execute(sql: TrustIndex.sql)
        }
        migrator.registerMigration("v8: device tokens among the trust entries") { db in
            try db.execute(sql: "DROP INDEX IF EXISTS log_authority;\n" + TrustIndex.sql)
        }
        migrator.registerMigration("v9: two-level addresses and deciding levels") { db in
            try addColumnsOf2026(db)
        }
        migrator.registerMigration("v10: product details and images") { db in
            try db.execute(sql: ProductDetailsTables.details + ProductDetailsTables.images)
            try DerivedState.rebuildProductDetails(GRDBSession(db: db))
        }
        migrator.registerMigration("v11: location register") { db in
            try db.execute(sql: LocationTable.sql)
            try DerivedState.rebuildLocations(GRDBSession(db: db))
        }
        migrator.registerMigration("v12: fake reports among the log's entries") { db in
            try db.execute(sql: FakeReports.indexSQL)
        }
        migrator.registerMigration("v13: scratch-off PIN claims among the log's entries") { db in
            try db.execute(sql: PinIndex.sqlite)
        }
        return migrator
    }

    /// Producers' former addresses (JSON; `district` then holds the former district) and the
    /// level (province, central) that decided a rating. Stores made before keep their rows:
    /// those read as the three-level shape, and a rating's level from its decision number.
    static func addColumnsOf2026(_ db: Database) throws {
        func has(_ table: String, _ column: String) throws -> Bool {
            try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").contains { $0["name"] as String? == column }
        }
        if try !has("producer", "former_address") { try db.execute(sql: "ALTER TABLE producer ADD COLUMN former_address TEXT") }
        if try !has("rating", "level") { try db.execute(sql: "ALTER TABLE rating ADD COLUMN level TEXT") }
        try db.execute(sql: RestampRun.indexSQL)
        try DerivedState.rebuildProducersAndRatings(GRDBSession(db: db))
    }

    /// `product_image` is not among them: images are kept by their SHA-256, which the log holds.
    static let derivedTables = ["meta", "producer", "product", "rating", "batch", "unit", "chain_event", "stamp", "scan", "product_details", "location"]

    static func createDerivedTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE producer (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, province TEXT NOT NULL,
                district TEXT NOT NULL, commune TEXT NOT NULL, tax_id TEXT, seq INTEGER NOT NULL,
                former_address TEXT);
            CREATE TABLE product (
                id TEXT PRIMARY KEY, producer_id TEXT NOT NULL, name TEXT NOT NULL, product_group TEXT NOT NULL,
                gtin TEXT, seq INTEGER NOT NULL);
            CREATE UNIQUE INDEX product_by_gtin ON product(gtin) WHERE gtin IS NOT NULL;
            CREATE INDEX product_by_producer ON product(producer_id);
            CREATE TABLE rating (
                seq INTEGER PRIMARY KEY, product_id TEXT NOT NULL, action TEXT NOT NULL, stars INTEGER,
                score INTEGER, decision_no TEXT NOT NULL, decision_date TEXT NOT NULL, valid_until TEXT,
                reason TEXT, level TEXT);
            CREATE INDEX rating_by_product ON rating(product_id, seq);
            CREATE TABLE batch (
                product_id TEXT NOT NULL, lot TEXT NOT NULL, units INTEGER NOT NULL, produced TEXT,
                expires TEXT, rating_seq INTEGER, seq INTEGER NOT NULL, PRIMARY KEY (product_id, lot));
            CREATE INDEX batch_by_lot ON batch(lot);
            CREATE TABLE unit (
                serial TEXT PRIMARY KEY, short_code TEXT NOT NULL UNIQUE, product_id TEXT NOT NULL,
                lot TEXT NOT NULL, seq INTEGER NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID;
            CREATE INDEX unit_by_batch ON unit(product_id, lot);
            CREATE TABLE chain_event (
                seq INTEGER PRIMARY KEY, product_id TEXT NOT NULL, lot TEXT NOT NULL, serial TEXT,
                step TEXT NOT NULL, disposition TEXT, at TEXT NOT NULL, location TEXT, note TEXT,
                actor TEXT NOT NULL, payload TEXT NOT NULL);
            CREATE INDEX chain_event_by_batch ON chain_event(product_id, lot);
            CREATE INDEX chain_event_by_serial ON chain_event(serial) WHERE serial IS NOT NULL;
            """)
        try createStampTable(db)
        try createScanTable(db)
        try createChainEventLookup(db)
        try db.execute(sql: ProductDetailsTables.details + LocationTable.sql)
    }

    /// A unit's history is its own events plus its batch's batch-level ones (serial NULL): both
    /// are range lookups in this index. Without it, verify scanned every event of the batch
    /// (100,000 events in a 100,000-unit batch: tens of ms per code).
    static func createChainEventLookup(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS chain_event_by_batch_serial ON chain_event(product_id, lot, serial)")
    }

    /// Resolutions of unit codes by the web resolver, one row per logged scan.
    static func createScanTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS scan (
                seq INTEGER PRIMARY KEY, serial TEXT NOT NULL, client TEXT NOT NULL, time TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS scan_by_serial ON scan(serial, client, time);
            """)
    }

    /// The latest stamp record of each product: what its printed stamps show now.
    static func createStampTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS stamp (
                product_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, action TEXT NOT NULL, rating_seq INTEGER,
                stars INTEGER, valid_until TEXT, payload TEXT NOT NULL);
            """)
    }

    static func dropDerivedTables(_ db: Database) throws {
        for table in derivedTables {
            try db.execute(sql: "DROP TABLE IF EXISTS \(table)")
        }
    }
}
