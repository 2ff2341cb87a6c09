import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OCOPDomain
import OCOPStore
import Testing
import TestSupport

/// `scans report` (issue 16): units whose codes look copied come first, with why.
@Suite struct ScanReportTests {
    @Test func copiedLookingUnitsComeFirstWithTheirSignals() async throws {
        let fixture = try ServeFixture("scan-report")
        defer { fixture.remove() }
        let app = try fixture.app()
        try await app.test(.router) { client in
            for n in 1...6 {
                _ = try await client.get(ServeFixture.path(fixture.genuine), headers: .with([("X-Forwarded-For", "198.51.100.\(n)")]))
            }
            for n in 1...2 {  // the sold unit, scanned after its sale
                _ = try await client.get(ServeFixture.path(fixture.sold), headers: .with([("X-Forwarded-For", "192.0.2.\(n)")]))
            }
            await app.responder.flushScans()
        }
        let result = try ocopTrace(["scans", "report", "--store", fixture.storeFolder.path, "--batch", "KD-2026-11", "--json"])
        #expect(result.status == 0, "\(result.stderrText)")
        let report = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any] ?? [:]
        let units = report["units"] as? [[String: Any]] ?? []
        #expect(units.count == 6, "every unit of the batch, scanned or not")
        let genuine = try DigitalLink(parsing: fixture.genuine).serial, sold = try DigitalLink(parsing: fixture.sold).serial
        #expect(units.first?["serial"] as? String == genuine && units.first?["distinct_clients"] as? Int == 6)
        #expect(units.first?["signals"] as? [String] == ["scanned from 6 clients"], "\(units.first ?? [:])")
        #expect(units.dropFirst().first?["serial"] as? String == sold && units.dropFirst().first?["sold"] as? Bool == true)
        #expect(units.dropFirst().first?["signals"] as? [String] == ["scanned after its sale"])
        #expect(units.dropFirst(2).allSatisfy { ($0["signals"] as? [String])?.isEmpty == true && $0["scans"] as? Int == 0 })

        let text = try ocopTrace(["scans", "report", "--store", fixture.storeFolder.path]).stdoutText
        #expect(text.split(separator: "\n").count == 3, "without --batch, the units ever scanned: \(text)")
    }
}
