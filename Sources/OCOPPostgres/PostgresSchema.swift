import Foundation
import OCOPStore

/// The store's tables on PostgreSQL: the same columns as the SQLite schema (Schema.swift), with
/// BIGINT for every integer, text compared byte by byte (COLLATE "C", so lists sort as on
/// SQLite whatever the server's locale) and PL/pgSQL triggers that refuse changes to the log.
enum PostgresSchema {
    /// Bumped when the tables change; kept in `ocop_schema` so a store can tell its shape.
    static let version = 9

    /// Brings a store made by an earlier version up to `version`: each step is idempotent.
    static func upgrade(_ session: PostgresSession) throws {
        func has(_ index: String) throws -> Bool {
            try session.exists("SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?", [index])
        }
        func hasTable(_ table: String) throws -> Bool {
            try session.exists("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?", [table])
        }
        func hasColumn(_ table: String, _ column: String) throws -> Bool {
            try session.exists("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?",
                               [table, column])
        }
        guard try !has("log_by_subject") || !has("log_trust_entries") || !hasColumn("producer", "former_address")
            || !hasColumn("rating", "level") || !has("log_restamp_runs") || !hasTable("product_image")
            || !hasTable("location") || !has("log_fake_reports") || !has("log_pin_claims") else { return }
        try session.inTransaction {
            try session.lockWriters()
            if try !has("log_by_subject") { try session.executeScript(LogSubjectIndex.postgres) }
            if try !has("log_trust_entries") { try session.executeScript("DROP INDEX IF EXISTS log_authority;\n" + TrustIndex.sql) }
            // Two-level addresses and deciding levels (see Schema.addColumnsOf2026).
            try session.executeScript("""
                ALTER TABLE producer ADD COLUMN IF NOT EXISTS former_address TEXT COLLATE "C";
                ALTER TABLE rating ADD COLUMN IF NOT EXISTS level TEXT COLLATE "C";
                """)
            try session.executeScript(RestampRun.indexSQL)
            try DerivedState.rebuildProducersAndRatings(session)
            if try !hasTable("product_image") {
                try session.executeScript(ProductDetailsTables.details + ProductDetailsTables.images)
                try DerivedState.rebuildProductDetails(session)
            }
            try session.executeScript(FakeReports.indexSQL)
            if try !hasTable("location") {
                try session.executeScript(LocationTable.sql)
                try DerivedState.rebuildLocations(session)
            }
            try session.executeScript(PinIndex.postgres)
            try session.execute("UPDATE ocop_schema SET version = ?", [version])
        }
    }

    static let log = """
        CREATE TABLE ocop_schema (version BIGINT NOT NULL);
        CREATE TABLE log (
            seq BIGINT PRIMARY KEY,
            time TEXT COLLATE "C" NOT NULL,
            kind TEXT COLLATE "C" NOT NULL,
            actor TEXT COLLATE "C" NOT NULL,
            payload TEXT COLLATE "C" NOT NULL,
            prev_hash TEXT COLLATE "C" NOT NULL,
            hash TEXT COLLATE "C" NOT NULL
        );
        CREATE INDEX log_key_entries ON log(seq) WHERE kind IN ('store_created', 'key_rotated');
        CREATE INDEX log_fake_reports ON log(seq) WHERE kind = 'fake_reported';
        CREATE FUNCTION log_refuses_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the log is append-only: % is refused', TG_OP;
        END;
        $$;
        CREATE TRIGGER log_refuses_update BEFORE UPDATE ON log FOR EACH ROW EXECUTE FUNCTION log_refuses_change();
        CREATE TRIGGER log_refuses_delete BEFORE DELETE ON log FOR EACH ROW EXECUTE FUNCTION log_refuses_change();
        CREATE TRIGGER log_refuses_truncate BEFORE TRUNCATE ON log FOR EACH STATEMENT EXECUTE FUNCTION log_refuses_change();
        """

    static let derivedTables = ["meta", "producer", "product", "rating", "batch", "unit", "chain_event", "stamp", "scan", "product_details", "location"]

    static let derived = """
        CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT COLLATE "C" NOT NULL);
        CREATE TABLE producer (
            id TEXT COLLATE "C" PRIMARY KEY, name TEXT COLLATE "C" NOT NULL, kind TEXT COLLATE "C" NOT NULL, province TEXT COLLATE "C" NOT NULL,
            district TEXT COLLATE "C" NOT NULL, commune TEXT COLLATE "C" NOT NULL, tax_id TEXT COLLATE "C", seq BIGINT NOT NULL,
            former_address TEXT COLLATE "C");
        CREATE TABLE product (
            id TEXT COLLATE "C" PRIMARY KEY, producer_id TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL, product_group TEXT COLLATE "C" NOT NULL,
            gtin TEXT COLLATE "C", seq BIGINT NOT NULL);
        CREATE UNIQUE INDEX product_by_gtin ON product(gtin) WHERE gtin IS NOT NULL;
        CREATE INDEX product_by_producer ON product(producer_id);
        CREATE TABLE rating (
            seq BIGINT PRIMARY KEY, product_id TEXT COLLATE "C" NOT NULL, action TEXT COLLATE "C" NOT NULL, stars BIGINT,
            score BIGINT, decision_no TEXT COLLATE "C" NOT NULL, decision_date TEXT COLLATE "C" NOT NULL, valid_until TEXT COLLATE "C",
            reason TEXT COLLATE "C", level TEXT COLLATE "C");
        CREATE INDEX rating_by_product ON rating(product_id, seq);
        CREATE TABLE batch (
            product_id TEXT COLLATE "C" NOT NULL, lot TEXT COLLATE "C" NOT NULL, units BIGINT NOT NULL, produced TEXT COLLATE "C",
            expires TEXT COLLATE "C", rating_seq BIGINT, seq BIGINT NOT NULL, PRIMARY KEY (product_id, lot));
        CREATE INDEX batch_by_lot ON batch(lot);
        CREATE TABLE unit (
            serial TEXT COLLATE "C" PRIMARY KEY, short_code TEXT COLLATE "C" NOT NULL UNIQUE, product_id TEXT COLLATE "C" NOT NULL,
            lot TEXT COLLATE "C" NOT NULL, seq BIGINT NOT NULL, position BIGINT NOT NULL);
        CREATE INDEX unit_by_batch ON unit(product_id, lot);
        CREATE TABLE chain_event (
            seq BIGINT PRIMARY KEY, product_id TEXT COLLATE "C" NOT NULL, lot TEXT COLLATE "C" NOT NULL, serial TEXT COLLATE "C",
            step TEXT COLLATE "C" NOT NULL, disposition TEXT COLLATE "C", at TEXT COLLATE "C" NOT NULL, location TEXT COLLATE "C", note TEXT COLLATE "C",
            actor TEXT COLLATE "C" NOT NULL, payload TEXT COLLATE "C" NOT NULL);
        CREATE INDEX chain_event_by_batch ON chain_event(product_id, lot);
        CREATE INDEX chain_event_by_serial ON chain_event(serial) WHERE serial IS NOT NULL;
        CREATE INDEX chain_event_by_batch_serial ON chain_event(product_id, lot, serial);
        CREATE TABLE stamp (
            product_id TEXT COLLATE "C" PRIMARY KEY, seq BIGINT NOT NULL, action TEXT COLLATE "C" NOT NULL, rating_seq BIGINT,
            stars BIGINT, valid_until TEXT COLLATE "C", payload TEXT COLLATE "C" NOT NULL);
        CREATE TABLE scan (
            seq BIGINT PRIMARY KEY, serial TEXT COLLATE "C" NOT NULL, client TEXT COLLATE "C" NOT NULL, time TEXT COLLATE "C" NOT NULL);
        CREATE INDEX scan_by_serial ON scan(serial, client, time);
        """ + "\n" + ProductDetailsTables.details + LocationTable.sql

    static var dropDerived: String {
        "DROP TABLE IF EXISTS " + derivedTables.joined(separator: ", ")
    }
}

extension PostgresSchema {
    /// A script's statements, one at a time (the extended query protocol takes one per query):
    /// split at `;` ending a line, except inside a `$$` function body.
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inBody = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody, line.hasSuffix(";") {
                statements.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }
}
