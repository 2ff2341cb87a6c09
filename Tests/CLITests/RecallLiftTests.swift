import Foundation
import TestSupport
import Testing

/// A recall stands until it is lifted on purpose: later events with other dispositions (a
/// shipment in transit, a stocking marked sellable) do not make recalled units genuine.
@Suite struct RecallLiftTests {
    @Test func onlyALiftEndsARecall() throws {
        let fixture = try StoreFixture("recall-lift")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "R-1", units: 2)
        // Nothing to lift yet: refused, and nothing is logged.
        let early = try fixture.run(["recall", "--lift", "--batch", "R-1", "--reason", "nhầm"])
        #expect(early.status == 65 && early.stderrText.contains("is not recalled"), "\(early.stderrText)")

        try fixture.expectSuccess(["recall", "--batch", "R-1", "--reason", "bao bì bị phồng"])
        try fixture.expectSuccess(["event", "add", "--batch", "R-1", "--step", "shipping", "--disposition", "in_transit"])
        try fixture.expectSuccess(["event", "add", "--batch", "R-1", "--step", "stocking", "--disposition", "sellable_accessible"])
        try fixture.expectSuccess(["event", "add", codes[1].short, "--step", "receiving", "--disposition", "sellable_accessible"])
        for code in codes {
            let result = try fixture.run(["verify", code.uri])
            #expect(result.status == 12, "\(result.stdoutText)")
        }

        let lift = try fixture.run(["recall", "--lift", "--batch", "R-1", "--reason", "kiểm nghiệm đạt / lab test passed"])
        #expect(lift.status == 0 && lift.stdoutText.contains("recall lifted"), "\(lift.stderrText)")
        for code in codes { #expect(try fixture.run(["verify", code.uri]).status == 0) }
        let history = try fixture.run(["history", codes[0].short, "--json"]).stdoutText
        #expect(history.contains("\"lifts_recall\" : true") || history.contains("\"lifts_recall\":true"), "\(history)")

        // A second recall after the lift stands again.
        try fixture.expectSuccess(["recall", "--batch", "R-1", "--reason", "lần hai"])
        #expect(try fixture.run(["verify", codes[0].uri]).status == 12)
        #expect(try fixture.run(["log", "verify", "--deep"]).status == 0)
    }
}
