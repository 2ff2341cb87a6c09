import Foundation
import OCOPDomain
import TestSupport
import Testing

/// One verdict everywhere: the same inputs through `verify --json`, the resolver's JSON
/// (`ocop.verdict`) and its HTML (`data-verdict`), for unit pages and for `/verify`, on the
/// engine under test. The resolver runs as a real `serve` process from before a key rotation,
/// so it must see new log entries (a new key, a new batch) without a restart.
@Suite struct VerdictMatrixTests {
    struct Case: CustomStringConvertible {
        let name: String
        let input: String
        let expected: String
        var description: String { name }
    }

    @Test func oneVerdictEverywhere() throws {
        let fixture = try StoreFixture("verdict-matrix")
        defer { fixture.remove() }
        try fixture.expectSuccess(["product", "add", "TV-0003", "--producer", "TV-P002", "--name", "Mật ong Cầu Kè",
                                   "--group", "food", "--gtin", "9528400000037"])
        try fixture.expectSuccess(["rate", "TV-0003", "--stars", "4", "--score", "80", "--decision", "2181/QĐ-UBND",
                                   "--decision-date", "2026-10-15"])
        let old = try fixture.issue(lot: "OLD-1", units: 3)
        let sold = try fixture.issue(lot: "S-1", units: 2)
        try fixture.expectSuccess(["event", "add", sold[0].short, "--step", "retail_selling", "--location", "OCOP shop Ao Bà Om"])
        let recalled = try fixture.issue(lot: "R-1", units: 2)
        try fixture.expectSuccess(["recall", "--batch", "R-1", "--reason", "bao bì bị phồng"])
        let lapsed = try fixture.issue(product: "TV-0003", lot: "L-1", units: 1)
        try fixture.expectSuccess(["rate", "TV-0003", "--withdraw", "--decision", "99/QĐ-UBND", "--decision-date", "2026-11-01",
                                   "--reason", "kiểm tra lại"])
        let tampered = try fixture.issue(lot: "T-1", units: 1)
        try fixture.sqlBypassingTriggers("UPDATE log SET actor = 'mallory' WHERE kind = 'units_issued' AND payload LIKE '%\"T-1\"%'")

        // The resolver starts now; the rotation and the batch after it happen while it runs.
        let server = try ServeProcess(fixture)
        defer { server.stop() }
        try fixture.expectSuccess(["key", "rotate"])
        let fresh = try fixture.issue(lot: "NEW-1", units: 2)

        let signer = try CodeSigner(privateKey: Self.privateKeySeed(pem: fixture.keyFolder + "/issuer-key.pem"))
        let unknown = signer.sign(try DigitalLink.unit(host: "id.example.vn", key: .gtin(GTIN("9528400000020")), lot: "OLD-1",
                                                       serial: Serial(parsing: "0000000000000"))).uri
        let forged = String(old[2].uri.dropLast()) + (old[2].uri.last == "A" ? "B" : "A")
        let typed = Array(old[1].short)
        let typo = String(typed[0] == "7" ? "8" : "7") + String(typed.dropFirst())
        let swapIndex = (0..<(typed.count - 2)).first { typed[$0] != typed[$0 + 1] && typed[$0] != "-" && typed[$0 + 1] != "-" }!
        var swappedCharacters = typed
        swappedCharacters.swapAt(swapIndex, swapIndex + 1)
        let swapped = String(swappedCharacters)

        let cases = [
            Case(name: "genuine, current key", input: fresh[0].uri, expected: "GENUINE"),
            Case(name: "genuine, retired key", input: old[0].uri, expected: "GENUINE"),
            Case(name: "genuine, short code", input: old[1].short, expected: "GENUINE"),
            Case(name: "issued after a rotation made while serving", input: fresh[1].uri, expected: "GENUINE"),
            Case(name: "sold", input: sold[0].uri, expected: "ALREADY_SOLD"),
            Case(name: "sold, short code", input: sold[0].short, expected: "ALREADY_SOLD"),
            Case(name: "recalled", input: recalled[0].uri, expected: "RECALLED"),
            Case(name: "lapsed", input: lapsed[0].uri, expected: "RATING_LAPSED"),
            Case(name: "forged signature", input: forged, expected: "FORGED"),
            Case(name: "unknown serial", input: unknown, expected: "UNKNOWN"),
            Case(name: "tampered issuing entry", input: tampered[0].uri, expected: "TAMPERED"),
            Case(name: "short code, one typo", input: typo, expected: "MISTYPED"),
            Case(name: "short code, two characters swapped", input: swapped, expected: "MISTYPED"),
        ]
        // The compact code of each unit (small labels: no signature) gets the signed code's
        // verdict, except where the missing signature matters: an invented serial is UNKNOWN
        // (no signature to fail), a code moved to another host is FORGED.
        func compact(_ uri: String, upper: Bool = false) -> String { upper ? CompactCodes.label(uri) : CompactCodes.canonical(uri) }
        let compactCases = [
            Case(name: "compact, genuine", input: compact(fresh[0].uri), expected: "GENUINE"),
            Case(name: "compact, genuine, the label's upper-case form", input: compact(fresh[1].uri, upper: true), expected: "GENUINE"),
            Case(name: "compact, issued under a retired key", input: compact(old[0].uri), expected: "GENUINE"),
            Case(name: "compact, sold", input: compact(sold[0].uri), expected: "ALREADY_SOLD"),
            Case(name: "compact, recalled", input: compact(recalled[0].uri, upper: true), expected: "RECALLED"),
            Case(name: "compact, lapsed", input: compact(lapsed[0].uri), expected: "RATING_LAPSED"),
            Case(name: "compact, unknown serial", input: compact(unknown), expected: "UNKNOWN"),
            Case(name: "compact, serial of another lot", input: compact(old[2].uri).replacingOccurrences(of: "/10/OLD-1/", with: "/10/S-1/"),
                 expected: "UNKNOWN"),
            Case(name: "compact, tampered issuing entry", input: compact(tampered[0].uri), expected: "TAMPERED"),
            Case(name: "compact, on another host", input: compact(old[2].uri).replacingOccurrences(of: "id.example.vn", with: "id.example.com"),
                 expected: "FORGED"),
            Case(name: "compact with a garbage signature", input: compact(old[2].uri) + "?s=AAAA", expected: "FORGED"),
        ]
        let exitCodes = ["GENUINE": 0, "ALREADY_SOLD": 13, "RECALLED": 12, "RATING_LAPSED": 14, "FORGED": 10, "UNKNOWN": 11,
                         "TAMPERED": 15, "MISTYPED": 16]
        for item in cases + compactCases {
            var seen: [String: String] = [:]
            var kinds: [String: String] = [:]
            let cli = try fixture.run(["verify", item.input, "--json"])
            seen["verify --json"] = try Self.jsonVerdict(cli.stdout, path: ["verdict"])
            kinds["verify --json"] = try Self.jsonVerdict(cli.stdout, path: ["code_kind"])
            #expect(Int(cli.status) == exitCodes[item.expected], "\(item): exit \(cli.status)")

            let check = try server.request("/verify", method: "POST", accept: "application/json", form: [("code", item.input)])
            seen["/verify JSON"] = try Self.jsonVerdict(Data(check.body.utf8), path: ["ocop", "verdict"])
            kinds["/verify JSON"] = try Self.jsonVerdict(Data(check.body.utf8), path: ["ocop", "code_kind"])
            let checkPage = try server.request("/verify", method: "POST", form: [("code", item.input)])
            seen["/verify HTML"] = Self.htmlVerdict(checkPage.body)
            kinds["/verify HTML"] = Self.htmlCodeKind(checkPage.body)
            #expect(check.status == 200 && checkPage.status == 200, "\(item)")

            if item.input.hasPrefix("https://id.example.vn/") {
                let path = String(item.input.dropFirst("https://id.example.vn".count))
                let json = try server.request(path, accept: "application/json")
                seen["page JSON"] = try Self.jsonVerdict(Data(json.body.utf8), path: ["ocop", "verdict"])
                kinds["page JSON"] = try Self.jsonVerdict(Data(json.body.utf8), path: ["ocop", "code_kind"])
                let html = try server.request(path)
                seen["page HTML"] = Self.htmlVerdict(html.body)
                kinds["page HTML"] = Self.htmlCodeKind(html.body)
            }
            for (channel, verdict) in seen {
                #expect(verdict == item.expected, "\(item) via \(channel): \(verdict)")
            }
            // Every channel names the kind of code it judged (nothing for input that is no code).
            let kind = item.input.contains("://") ? (item.input.contains("?s=") ? "signed" : "compact")
                : (item.expected == "MISTYPED" ? nil : "short_code")
            for (channel, seenKind) in kinds {
                #expect(seenKind == kind ?? "(none)" || (kind == nil && seenKind.hasPrefix("(none")), "\(item) via \(channel): kind \(seenKind)")
            }
        }
        // A mistyped code is shown in neutral colours with the input to correct, never as a fake.
        let page = try server.request("/verify", method: "POST", form: [("code", typo)]).body
        #expect(page.contains("class=\"verdict neutral\"") && page.contains(typo))
        #expect(!page.contains("Hàng giả"))
    }

    /// The 32-byte Ed25519 seed: the last bytes of the PKCS#8 DER inside the PEM.
    static func privateKeySeed(pem path: String) throws -> [UInt8] {
        let body = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let der = Data(base64Encoded: body), der.count >= 32 else { throw SubprocessError(description: "\(path) is no PEM key") }
        return Array(der.suffix(32))
    }

    static func jsonVerdict(_ data: Data, path: [String]) throws -> String {
        var value: Any? = try JSONSerialization.jsonObject(with: data)
        for key in path { value = (value as? [String: Any])?[key] }
        return value as? String ?? "(none in \(String(decoding: data, as: UTF8.self).prefix(200)))"
    }

    static func htmlCodeKind(_ html: String) -> String {
        guard let range = html.range(of: #"data-code-kind="[a-z_]+""#, options: .regularExpression) else { return "(none)" }
        return String(html[range].dropFirst("data-code-kind=\"".count).dropLast())
    }

    static func htmlVerdict(_ html: String) -> String {
        guard let range = html.range(of: #"data-verdict="[A-Z_]+""#, options: .regularExpression) else { return "(no verdict box)" }
        return String(html[range].dropFirst("data-verdict=\"".count).dropLast())
    }
}
