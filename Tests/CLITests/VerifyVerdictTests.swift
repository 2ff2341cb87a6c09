import Foundation
import TestSupport
import Testing

/// Every verdict a shop can see, reached through the commands producers and shops really run.
@Suite struct VerifyVerdictTests {
    @Test func genuineThenAlreadySoldAfterARetailSale() throws {
        let fixture = try StoreFixture("verdict-sold")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "KD-2026-11", units: 3)
        for code in codes {
            let byURI = try fixture.run(["verify", code.uri])
            #expect(byURI.status == 0, "\(byURI.stdoutText)")
            #expect(byURI.stdoutText.hasPrefix("CHÍNH HÃNG / GENUINE"))
            #expect(byURI.stdoutText.contains("Kẹo dừa Đại Phước") && byURI.stdoutText.contains("4★"))
            #expect(try fixture.run(["verify", code.short]).status == 0)
        }
        try fixture.expectSuccess(["event", "add", "--batch", "KD-2026-11", "--step", "shipping", "--disposition", "in_transit"])
        try fixture.expectSuccess(["event", "add", codes[0].short, "--step", "retail_selling", "--location", "OCOP shop Ao Bà Om"])
        let sold = try fixture.run(["verify", codes[0].uri, "--json"])
        #expect(sold.status == 13)
        let report = try JSONSerialization.jsonObject(with: sold.stdout) as? [String: Any]
        #expect(report?["verdict"] as? String == "ALREADY_SOLD")
        #expect((report?["last_event"] as? [String: Any])?["step"] as? String == "retail_selling")
        // The other units of the batch were shipped, not sold.
        #expect(try fixture.run(["verify", codes[1].uri]).status == 0)
    }

    @Test func recallReachesEveryUnitOfTheBatch() throws {
        let fixture = try StoreFixture("verdict-recall")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "R-1", units: 4)
        let other = try fixture.issue(lot: "R-2", units: 1)
        try fixture.expectSuccess(["recall", "--batch", "R-1", "--reason", "bao bì bị phồng"])
        for code in codes {
            let result = try fixture.run(["verify", code.short])
            #expect(result.status == 12)
            #expect(result.stdoutText.contains("RECALLED"))
        }
        #expect(try fixture.run(["verify", other[0].uri]).status == 0)
    }

    @Test func ratingLapsesWhenWithdrawnChangedOrExpired() throws {
        let fixture = try StoreFixture("verdict-lapse")
        defer { fixture.remove() }
        let code = try fixture.issue(lot: "L-1", units: 1)[0]
        #expect(try fixture.run(["verify", code.uri]).status == 0)
        // Expired: the 36 months from 2026-10-15 end on 2029-10-15.
        #expect(try fixture.run(["verify", code.uri, "--on", "2029-10-15"]).status == 0)
        let expired = try fixture.run(["verify", code.uri, "--on", "2029-10-16"])
        #expect(expired.status == 14 && expired.stdoutText.contains("expired"))
        // Changed: re-rated to 3 stars, so the 4-star stamp is wrong.
        try fixture.expectSuccess(["rate", "TV-0002", "--stars", "3", "--score", "75", "--decision", "300/QĐ-UBND",
                                   "--decision-date", "2026-11-01"])
        let changed = try fixture.run(["verify", code.uri])
        #expect(changed.status == 14 && changed.stdoutText.contains("now rated 3"))
        // A batch issued under the new rating shows 3 stars and is genuine.
        #expect(try fixture.run(["verify", try fixture.issue(lot: "L-2", units: 1)[0].uri]).status == 0)
        // Withdrawn.
        try fixture.expectSuccess(["rate", "TV-0002", "--withdraw", "--decision", "301/QĐ-UBND", "--decision-date", "2026-11-10",
                                   "--reason", "failed mandatory criteria"])
        let withdrawn = try fixture.run(["verify", code.short])
        #expect(withdrawn.status == 14 && withdrawn.stdoutText.contains("withdrawn"))
    }

    @Test func unknownForgedAndOffline() throws {
        let fixture = try StoreFixture("verdict-other")
        defer { fixture.remove() }
        let code = try fixture.issue(lot: "U-1", units: 1)[0]
        // Well formed, valid check character, never issued.
        #expect(try fixture.run(["verify", "0000-0000-0"]).status == 11)
        // Another store's key signs a code with the same path: FORGED here.
        let other = try StoreFixture("verdict-other-key")
        defer { other.remove() }
        let foreign = try other.issue(lot: "U-1", units: 1)[0]
        let forged = try fixture.run(["verify", foreign.uri])
        #expect(forged.status == 10 && forged.stdoutText.contains("FORGED"))
        // The same path on another resolver host.
        let moved = code.uri.replacingOccurrences(of: "https://id.example.vn/", with: "https://id.example.com/")
        #expect(try fixture.run(["verify", moved]).status == 10)
        // Offline: public key only.
        let pem = fixture.folder.appendingPathComponent("issuer.pem").path
        try fixture.expectSuccess(["key", "export", "--out", pem])
        let offline = try ocopTrace(["verify", code.uri, "--pubkey", pem, "--json"], in: fixture.folder)
        #expect(offline.status == 0 && offline.stdoutText.contains("GENUINE_SIGNATURE"))
        #expect(try ocopTrace(["verify", foreign.uri, "--pubkey", pem], in: fixture.folder).status == 10)
        // A file holding the code, as a scanner app saves it.
        let scanned = fixture.folder.appendingPathComponent("scanned.txt")
        try Data((code.uri + "\n").utf8).write(to: scanned)
        #expect(try fixture.run(["verify", scanned.path]).status == 0)
    }

    @Test func productsWithoutGTINUseTheProductPath() throws {
        let fixture = try StoreFixture("verdict-nogtin")
        defer { fixture.remove() }
        let code = try fixture.issue(product: "TV-0004", lot: "HH-1", units: 2)[0]
        #expect(code.uri.hasPrefix("https://id.example.vn/p/TV-0004/10/HH-1/21/"))
        let result = try fixture.run(["verify", code.uri])
        #expect(result.status == 0, "\(result.stdoutText)")
    }
}

@Suite struct HistoryAndStoreLocationTests {
    @Test func historyIsInTimeOrderWithBatchEvents() throws {
        let fixture = try StoreFixture("history-order")
        defer { fixture.remove() }
        let code = try fixture.issue(lot: "H-1", units: 2)[0]
        // Recorded out of order: the receiving clerk typed in before the shipper.
        try fixture.expectSuccess(["event", "add", "--batch", "H-1", "--step", "receiving", "--at", "2026-11-21T09:00:00+07:00"])
        try fixture.expectSuccess(["event", "add", "--batch", "H-1", "--step", "shipping", "--at", "2026-11-21T06:30:00+07:00"])
        try fixture.expectSuccess(["event", "add", code.short, "--step", "retail_selling", "--at", "2026-11-22T03:00:00Z"])
        try fixture.expectSuccess(["event", "add", "--batch", "H-1", "--step", "packing", "--at", "2026-11-20T16:00:00+07:00"])
        let history = try JSONSerialization.jsonObject(with: fixture.expectSuccess(["history", code.uri, "--json"]).stdout) as? [String: Any]
        let events = (history?["events"] as? [[String: Any]])?.compactMap { ($0["event"] as? [String: Any])?["step"] as? String }
        #expect(events == ["packing", "shipping", "receiving", "retail_selling"])
        // The other unit sees the batch events only.
        let otherCode = try String(contentsOfFile: fixture.folder.appendingPathComponent("codes-H-1.csv").path, encoding: .utf8)
            .split(separator: "\n")[2].split(separator: ",")[1]
        let other = try fixture.expectSuccess(["history", String(otherCode)]).stdoutText
        #expect(!other.contains("retail_selling") && other.contains("packing"))
    }

    @Test func storeFolderComesFromTheEnvironment() throws {
        let folder = try ProjectPaths.scratch("store-env")
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = ProcessInfo.processInfo.environment
        environment["OCOP_TRACE_STORE"] = folder.appendingPathComponent("from-env").path
        #expect(try ocopTrace(["init", "--resolver", "id.example.vn"], environment: environment, in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("from-env/ocop-trace.sqlite").path))
        // Without either, the default is ./.ocop-trace in the working folder.
        environment["OCOP_TRACE_STORE"] = nil
        #expect(try ocopTrace(["init", "--resolver", "id.example.vn"], environment: environment, in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".ocop-trace/issuer-key.pem").path))
    }
}
