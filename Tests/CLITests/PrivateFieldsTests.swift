import Foundation
import TestSupport
import Testing

/// Notes, suppliers and prices marked private stay off public pages and exports (issue 13).
@Suite struct PrivateFieldsTests {
    @Test func privateDetailsAreLeftOutUnlessTheExporterAsks() throws {
        let fixture = try StoreFixture("private-fields")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "P-1", units: 2)
        try fixture.expectSuccess(["event", "add", "--batch", "P-1", "--step", "receiving", "--supplier", "Vựa dừa Tư Hòa",
                                   "--price", "45.000 đ/hộp", "--note", "giá sỉ tháng 12", "--private"])
        try fixture.expectSuccess(["event", "add", "--batch", "P-1", "--step", "stocking", "--note", "kệ số 3"])
        let secrets = ["Vựa dừa Tư Hòa", "45.000 đ/hộp", "giá sỉ tháng 12"]

        let exported = try fixture.expectSuccess(["export", "epcis"]).stdoutText
        #expect(exported.contains("\"bizStep\" : \"receiving\"") || exported.contains("\"receiving\""), "the event itself is exported")
        #expect(exported.contains("kệ số 3"), "a note not marked private is exported")
        for secret in secrets { #expect(!exported.contains(secret), "\(secret) leaked into the export") }
        let full = try fixture.expectSuccess(["export", "epcis", "--include-private"]).stdoutText
        for secret in secrets { #expect(full.contains(secret), "\(secret) missing with --include-private") }

        // The operator's own history shows them; the resolver's page and linkset do not.
        let history = try fixture.expectSuccess(["history", codes[0].short]).stdoutText
        #expect(secrets.allSatisfy { history.contains($0) } && history.contains("(private)"), "\(history)")
        let server = try ServeProcess(fixture)
        defer { server.stop() }
        let path = String(codes[0].uri.dropFirst("https://id.example.vn".count))
        for accept in ["text/html", "application/json"] {
            let page = try server.request(path, accept: accept)
            #expect(page.status == 200)
            for secret in secrets { #expect(!page.body.contains(secret), "\(secret) on the \(accept) page") }
        }
        // `--private` with nothing to hide is refused, naming the field.
        let empty = try fixture.run(["event", "add", "--batch", "P-1", "--step", "storing", "--private"])
        #expect(empty.status == 65 && empty.stderrText.contains("private"), "\(empty.stderrText)")
    }
}
