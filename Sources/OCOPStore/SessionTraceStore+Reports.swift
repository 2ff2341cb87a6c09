import Foundation
import OCOPDomain

/// A fake report as the log holds it: when it was logged and what was sent.
public struct FakeReportRecord: Sendable, Equatable, Encodable {
    public let seq: Int64
    public let time: String
    public let report: FakeReport

    enum CodingKeys: String, CodingKey { case seq, time, code, serial, note, client }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(seq, forKey: .seq)
        try c.encode(time, forKey: .time)
        try c.encode(report.code, forKey: .code)
        try c.encodeIfPresent(report.serial, forKey: .serial)
        try c.encodeIfPresent(report.note, forKey: .note)
        try c.encode(report.client, forKey: .client)
    }
}

/// Fake reports live in the log only (no derived table to edit behind its back); this index
/// finds them without reading the rest of the log.
public enum FakeReports {
    public static let indexSQL = "CREATE INDEX IF NOT EXISTS log_fake_reports ON log(seq) WHERE kind = 'fake_reported';\n"
}

extension SessionTraceStore {
    public func reportFake(_ report: FakeReport, actor: LogAuthor) throws(StoreError) -> LogEntry {
        try write(as: actor) { db in try db.append(.fakeReported, report, actor: actor.id) }
    }

    public func fakeReports() throws(StoreError) -> [FakeReportRecord] {
        try read { db in
            try db.fetchAll("SELECT seq, time, payload FROM log WHERE kind = 'fake_reported' ORDER BY seq").map { row in
                FakeReportRecord(seq: row.int64("seq"), time: row.string("time"),
                                 report: try JSONDecoder().decode(FakeReport.self, from: Data(row.string("payload").utf8)))
            }
        }
    }
}
