import Foundation
import TestSupport
import Testing

/// A store made before verdicts read the log by subject has no `log_by_subject` index: the next
/// command that opens it adds the indexes (SQLite migration v6; PostgreSQL schema version 2),
/// and its codes keep their verdicts.
@Suite struct StoreUpgradeTests {
    @Test func anOlderStoreGetsTheSubjectIndexesOnOpen() throws {
        let fixture = try StoreFixture("upgrade-subject")
        defer { fixture.remove() }
        let code = try fixture.issue(lot: "U-1", units: 1)[0]
        let downgrade = switch fixture.engine {
        case .sqlite: "DROP INDEX log_by_subject; DROP INDEX log_by_registry_id; DELETE FROM grdb_migrations WHERE identifier LIKE 'v6:%';"
        case .postgres: "DROP INDEX log_by_subject; DROP INDEX log_by_registry_id; UPDATE ocop_schema SET version = 1;"
        }
        #expect(try fixture.sql(downgrade).status == 0)
        let indexes = switch fixture.engine {
        case .sqlite: "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'log_by_%' ORDER BY name"
        case .postgres: "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'log_by_%' ORDER BY indexname"
        }
        #expect(!(try fixture.sql(indexes).stdoutText.contains("log_by_subject")))
        let result = try fixture.run(["verify", code.uri])
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        let after = try fixture.sql(indexes).stdoutText
        #expect(after.contains("log_by_registry_id") && after.contains("log_by_subject"), "\(after)")
        #expect(try fixture.run(["log", "verify", "--deep"]).status == 0)
    }
}
