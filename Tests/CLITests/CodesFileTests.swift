import Foundation
import TestSupport
import Testing

/// `batch issue --codes` signs each chunk while the issuing transaction runs; the file must
/// still hold every committed unit once, in issue order, exactly as `batch codes` exports it.
@Suite struct CodesFileTests {
    @Test func issuedFileEqualsTheExportOfTheCommittedBatch() throws {
        let fixture = try StoreFixture("codes-file")
        defer { fixture.remove() }
        // Five full chunks of 1,000 and a partial one.
        let codes = try fixture.issue(lot: "KD-2026-12", units: 5_500)
        #expect(codes.count == 5_500)
        #expect(Set(codes.map(\.serial)).count == 5_500 && Set(codes.map(\.short)).count == 5_500)
        let written = try String(contentsOf: fixture.folder.appendingPathComponent("codes-KD-2026-12.csv"), encoding: .utf8)
        let exported = try fixture.expectSuccess(["batch", "codes", "KD-2026-12"]).stdoutText
        #expect(written == exported)
        var random = SeededGenerator(seed: 5)
        for code in (0..<12).map({ _ in codes.randomElement(using: &random)! }) + [codes[0], codes[999], codes[1000], codes[5499]] {
            let result = try fixture.run(["verify", code.uri])
            #expect(result.status == 0, "\(code.serial): \(result.stdoutText)")
            #expect(result.stdoutText.contains(code.serial))
        }
    }
}
