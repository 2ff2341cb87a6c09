import Foundation
import TestSupport
import Testing

/// Compact unit codes, the QR codes of small labels (`"unit_code": "compact"`): the signed URI
/// without its signature. They are genuine only when the store's signed, hash-checked log issued
/// their serial for their GTIN and lot; offline, when the issuer's signed serial list names it.
/// (The verdict of every kind of unit, compact and signed side by side through `verify`, the
/// resolver's pages, JSON and `/verify`, is in `VerdictMatrixTests`.)
@Suite struct CompactCodeTests {
    static let templates = ["--templates", ProjectPaths.root.appendingPathComponent("Templates").path]

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result.stdoutText)")
    }

    /// `verify` without a store, as a shop runs it offline.
    static func offline(_ fixture: StoreFixture, _ arguments: [String]) throws -> ProcessResult {
        try ocopTrace(["verify"] + arguments, environment: fixture.environment, in: fixture.folder)
    }

    @Test func theSameVerdictsAsTheSignedCodeThroughTheCommands() throws {
        let fixture = try StoreFixture("compact-verdicts")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "CP-1", units: 3)
        for code in codes {
            for text in [CompactCodes.label(code.uri), CompactCodes.canonical(code.uri)] {
                let result = try fixture.run(["verify", text, "--json"])
                let report = try Self.json(result)
                #expect(result.status == 0 && report["verdict"] as? String == "GENUINE", "\(text): \(result.stdoutText)")
                #expect(report["code_kind"] as? String == "compact")
                #expect(report["serial"] as? String == code.serial && report["short_code"] as? String == code.short)
            }
            let signed = try Self.json(try fixture.run(["verify", code.uri, "--json"]))
            #expect(signed["code_kind"] as? String == "signed")
        }
        // The text answer says which kind of code it judged, in both languages.
        let text = try fixture.run(["verify", CompactCodes.label(codes[0].uri)]).stdoutText
        #expect(text.contains("Mã rút gọn (không có chữ ký): đối chiếu với sổ nhật ký của đơn vị cấp mã"), "\(text)")
        #expect(text.contains("Compact code (no signature): checked against the issuer's log"))
        #expect(try fixture.run(["verify", codes[0].uri]).stdoutText.contains("Signed code: the issuer's signature was checked"))

        // A sale recorded by the compact code (a till scanning the small label) is the unit's sale.
        try fixture.expectSuccess(["event", "add", CompactCodes.label(codes[0].uri), "--step", "retail_selling", "--location", "Ao Bà Om"])
        #expect(try fixture.run(["verify", codes[0].uri]).status == 13)
        #expect(try fixture.run(["verify", CompactCodes.canonical(codes[0].uri)]).status == 13)
        try fixture.expectSuccess(["recall", "--batch", "CP-1", "--reason", "bao bì bị phồng"])
        for code in codes.dropFirst() {
            #expect(try fixture.run(["verify", CompactCodes.label(code.uri)]).status == 12)
        }
    }

    @Test func hostileCompactInputsAreNeverGenuine() throws {
        let fixture = try StoreFixture("compact-hostile")
        defer { fixture.remove() }
        let code = try fixture.issue(lot: "CH-1", units: 1)[0]
        let label = CompactCodes.label(code.uri), canonical = CompactCodes.canonical(code.uri)
        let path = String(canonical.dropFirst("https://id.example.vn".count))
        let cases: [(name: String, input: String, exit: Int32)] = [
            ("a ?s= of garbage: a signed code whose signature fails", canonical + "?s=AAAAAAAA", 10),
            ("an empty signature", canonical + "?s=", 10),
            ("another host", "https://id.example.com" + path, 10),
            ("a look-alike host", "https://id.example.vn.evil.example" + path, 10),
            ("a port added", "https://id.example.vn:8443" + path, 10),
            ("http, not https", "http://id.example.vn" + path, 10),
            ("a mixed-case host, as no label prints it", "https://ID.example.vn" + path, 10),
            ("a parameter added", canonical + "?utm_source=x", 10),
            ("an expiry date added", canonical + "?17=271231", 10),
            ("a path stem added", "https://id.example.vn/ocop" + path, 10),
            ("a fragment added", canonical + "#x", 10),
            ("the serial in lower case", String(canonical.dropLast(13)) + code.serial.lowercased(), 11),
            ("a serial never issued", String(canonical.dropLast(13)) + "0000000000000", 11),
            ("another lot", canonical.replacingOccurrences(of: "/10/CH-1/", with: "/10/CH-2/"), 11),
            ("another GTIN", canonical.replacingOccurrences(of: "09528400000020", with: "09528400000037"), 11),
            ("the batch's code: no serial", String(canonical.dropLast("/21/".count + 13)), 10),
        ]
        for item in cases {
            let result = try fixture.run(["verify", item.input])
            #expect(result.status == item.exit, "\(item.name): \(item.input) → \(result.status) \(result.stdoutText)\(result.stderrText)")
            #expect(!result.stdoutText.hasPrefix("CHÍNH HÃNG"), "\(item.name)")
        }
        // Both issued spellings stay genuine.
        #expect(try fixture.run(["verify", label]).status == 0)
        #expect(try fixture.run(["verify", canonical]).status == 0)
        // Offline with only the public key there is nothing to check a compact code against.
        let pem = fixture.folder.appendingPathComponent("issuer.pem").path
        try fixture.expectSuccess(["key", "export", "--out", pem])
        let keyOnly = try Self.offline(fixture, [label, "--pubkey", pem])
        #expect(keyOnly.status == 65 && keyOnly.stderrText.contains("--serials FILE"), "\(keyOnly.stderrText)")
    }

    @Test func aSignedSerialListChecksCompactCodesOffline() throws {
        let fixture = try StoreFixture("compact-serial-list")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "SL-1", units: 3)
        let later = try fixture.issue(lot: "SL-2", units: 1)
        let list = fixture.folder.appendingPathComponent("serials-SL-1.json")
        let written = try fixture.expectSuccess(["batch", "serials", "SL-1", "--out", list.path])
        #expect(written.stdoutText.contains("serial list of 1 batch(es), 3 serials"), "\(written.stdoutText)")

        for code in codes {
            let result = try Self.offline(fixture, [CompactCodes.label(code.uri), "--serials", list.path, "--json"])
            let report = try Self.json(result)
            #expect(result.status == 0 && report["verdict"] as? String == "GENUINE_LISTED", "\(result.stdoutText)\(result.stderrText)")
            #expect(report["code_kind"] as? String == "compact")
            #expect((report["code_check"] as? String)?.contains("signed serial list (offline)") == true)
        }
        // A serial the list does not name, in a batch it covers: UNKNOWN.
        let invented = String(CompactCodes.label(codes[0].uri).dropLast(13)) + "0000000000000"
        #expect(try Self.offline(fixture, [invented, "--serials", list.path]).status == 11)
        // A batch the list does not cover (issued after it, here): no verdict, one line.
        let uncovered = try Self.offline(fixture, [CompactCodes.label(later[0].uri), "--serials", list.path])
        #expect(uncovered.status == 65 && uncovered.stderrText.contains("has no batch SL-2"), "\(uncovered.stderrText)")
        // Signed codes are checked against the store keys the list carries.
        let signed = try Self.offline(fixture, [codes[1].uri, "--serials", list.path])
        #expect(signed.status == 0 && signed.stdoutText.contains("SIGNATURE VALID"), "\(signed.stdoutText)")
        // Pinned to the issuer's key from `key export`: accepted; to another store's key: refused.
        let pem = fixture.folder.appendingPathComponent("issuer.pem").path
        try fixture.expectSuccess(["key", "export", "--out", pem])
        #expect(try Self.offline(fixture, [CompactCodes.label(codes[0].uri), "--serials", list.path, "--pubkey", pem]).status == 0)
        let other = try StoreFixture("compact-serial-other")
        defer { other.remove() }
        let otherPEM = other.folder.appendingPathComponent("other.pem").path
        try other.expectSuccess(["key", "export", "--out", otherPEM])
        let pinned = try Self.offline(fixture, [CompactCodes.label(codes[0].uri), "--serials", list.path, "--pubkey", otherPEM])
        #expect(pinned.status == 77 && pinned.stderrText.contains("none of the given public keys"), "\(pinned.stderrText)")

        // The signature covers the list's content, not its bytes: re-written unchanged it holds;
        // with a serial added, removed or moved, or its resolver changed, it is refused (77).
        let original = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: list)) as? [String: Any])
        func variant(_ name: String, _ change: (inout [String: Any]) -> Void) throws -> URL {
            var copy = original
            change(&copy)
            let file = fixture.folder.appendingPathComponent(name)
            try JSONSerialization.data(withJSONObject: copy, options: [.prettyPrinted]).write(to: file)
            return file
        }
        func editBatch(_ list: inout [String: Any], _ change: (inout [String]) -> Void) {
            var batches = list["batches"] as! [[String: Any]]
            var serials = batches[0]["serials"] as! [String]
            change(&serials)
            batches[0]["serials"] = serials
            list["batches"] = batches
        }
        let unchanged = try variant("unchanged.json") { _ in }
        #expect(try Self.offline(fixture, [CompactCodes.label(codes[0].uri), "--serials", unchanged.path]).status == 0)
        let tampered = [
            try variant("added.json") { editBatch(&$0) { $0.append("0000000000000") } },
            try variant("removed.json") { editBatch(&$0) { $0.removeLast() } },
            try variant("moved.json") { list in
                var batches = list["batches"] as! [[String: Any]]
                batches[0]["lot"] = "SL-2"
                list["batches"] = batches
            },
            try variant("host.json") { list in
                var checkpoint = list["checkpoint"] as! [String: Any]
                checkpoint["resolver"] = "id.example.com"
                list["checkpoint"] = checkpoint
            },
        ]
        for file in tampered {
            let result = try Self.offline(fixture, [invented, "--serials", file.path])
            #expect(result.status == 77, "\(file.lastPathComponent): \(result.status) \(result.stdoutText)")
            #expect(result.stderrText.contains("the serial list's signature does not verify"), "\(result.stderrText)")
        }
        // Not a serial list at all; and --serials with --store is a usage error.
        #expect(try Self.offline(fixture, [invented, "--serials", pem]).status == 65)
        #expect(try fixture.run(["verify", invented, "--serials", list.path]).status == 64)
    }

    @Test func theSerialListIsReadFromTheLogNotTheDerivedTables() throws {
        let fixture = try StoreFixture("compact-serial-log")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "LG-1", units: 4)
        _ = try fixture.issue(lot: "LG-2", units: 2)
        // A unit row deleted from the derived table does not leave the list (nor the log).
        #expect(try fixture.sql("DELETE FROM unit WHERE serial = '\(codes[2].serial)'").status == 0)
        let all = fixture.folder.appendingPathComponent("all.json")
        try fixture.expectSuccess(["batch", "serials", "--all", "--out", all.path])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: all)) as? [String: Any])
        let batches = try #require(list["batches"] as? [[String: Any]])
        #expect(batches.map { $0["lot"] as? String } == ["LG-1", "LG-2"])
        #expect(batches[0]["serials"] as? [String] == codes.map(\.serial))
        #expect(batches[0]["gtin"] as? String == "09528400000020")
        // An issuing entry edited behind the tool's back: no list, one line naming the entry.
        let edit = try fixture.sqlBypassingTriggers(
            "UPDATE log SET payload = replace(payload, '\(codes[0].serial)', '0000000000000') WHERE kind = 'units_issued' AND payload LIKE '%\(codes[0].serial)%'")
        #expect(edit.status == 0, "\(edit.stderrText)")
        let refused = try fixture.run(["batch", "serials", "LG-1", "--out", fixture.folder.appendingPathComponent("x.json").path])
        #expect(refused.status == 74 && refused.stderrText.contains("fails its hash check"), "\(refused.status) \(refused.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("x.json").path))
        // … and the compact code of that unit is TAMPERED online, as its signed code is.
        #expect(try fixture.run(["verify", CompactCodes.label(codes[1].uri)]).status == 15)
        #expect(try fixture.run(["verify", codes[1].uri]).status == 15)
        // Usage: lots or --all, not both, not neither.
        #expect(try fixture.run(["batch", "serials"]).status == 64)
        #expect(try fixture.run(["batch", "serials", "LG-1", "--all"]).status == 64)
    }

    /// A 30 × 20 mm label in every output `label render` writes: each QR code read by zbar and
    /// zxing-cpp is the unit's compact code, and that code verifies GENUINE.
    @Test func smallLabelsCarryTheCompactCodeInEveryFormat() throws {
        guard let pdftoppm = which("pdftoppm"), let rsvg = which("rsvg-convert"), let zbarimg = which("zbarimg") else {
            Issue.record("pdftoppm (poppler-utils), rsvg-convert (librsvg2-bin) and zbarimg (zbar-tools) are needed: run `make test`")
            return
        }
        let fixture = try StoreFixture("compact-formats")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "SM-1", units: 4)
        let expected = Set(codes.map { CompactCodes.label($0.uri) })
        let out = fixture.folder.appendingPathComponent("out")
        let folder = out.appendingPathComponent("TV-P002/TV-0002/SM-1")
        let images = try ProjectPaths.scratch("compact-formats-images")
        defer { try? FileManager.default.removeItem(at: images) }
        func render(_ options: [String]) throws {
            let result = try fixture.run(["label", "render", "--batch", "SM-1", "--template", "product-label-30x20", "--out", out.path]
                + options + Self.templates)
            #expect(result.status == 0, "\(options): \(result.stderrText)")
            #expect(result.stdoutText.hasPrefix("compact codes (no signature: checked against this store's log)"), "\(result.stdoutText)")
        }
        func manifestCodes() throws -> Set<String> {
            Set(try String(contentsOf: folder.appendingPathComponent("manifest.csv"), encoding: .utf8)
                .split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) })
        }
        func expectOneCodeEach(_ files: [URL], _ format: String) throws {
            #expect(files.count == codes.count, "\(format): \(files.count) images")
            let zxing = Set(try QRDecoders.zxing(files).map { String(decoding: $0, as: UTF8.self) })
            let zbar = Set(try files.map { String(decoding: try QRDecoders.zbar($0), as: UTF8.self) })
            #expect(zxing == expected, "\(format), zxing-cpp: \(zxing)")
            #expect(zbar == expected, "\(format), zbar: \(zbar)")
        }

        try render(["--format", "png"])
        #expect(try manifestCodes() == expected)
        try expectOneCodeEach(codes.map { folder.appendingPathComponent("\($0.serial).png") }, "PNG")

        try render(["--format", "svg"])
        let svgs = try codes.map { code -> URL in
            let png = images.appendingPathComponent("\(code.serial)-svg.png")
            let converted = try run(rsvg, ["--dpi-x", "300", "--dpi-y", "300", "-b", "white", "-o", png.path,
                                           folder.appendingPathComponent("\(code.serial).svg").path])
            #expect(converted.status == 0, "rsvg-convert: \(converted.stderrText)")
            return png
        }
        try expectOneCodeEach(svgs, "SVG")

        try render(["--format", "pdf"])
        #expect(try manifestCodes() == expected)
        let roll = try run(pdftoppm, ["-r", "300", "-gray", "-png", folder.appendingPathComponent("labels.pdf").path,
                                      images.appendingPathComponent("roll").path])
        #expect(roll.status == 0, "\(roll.stderrText)")
        let pages = try FileManager.default.contentsOfDirectory(at: images, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("roll") }.sorted { $0.path < $1.path }
        try expectOneCodeEach(pages, "roll PDF")

        for (language, size) in [("zpl", "354x236"), ("tspl", "354x236")] {
            try render(["--format", language, "--dpi", "300"])
            let printedFolder = try ProjectPaths.scratch("compact-\(language)")
            defer { try? FileManager.default.removeItem(at: printedFolder) }
            let printed = try ThermalJobTests.printLabels(folder.appendingPathComponent("labels-300dpi.\(language)"), language: language,
                                                          dpi: 300, into: printedFolder)
            #expect(printed.allSatisfy { $0.size == size }, "\(language): \(printed.map(\.size))")
            try expectOneCodeEach(printed.map(\.png), language.uppercased())
        }

        // Sheets: the 30 × 20 label in the cells of the 65-up stock, PNG pages and one PDF.
        try render(["--sheet", "sheet-a4-65-38x21", "--format", "png"])
        let sheetPNG = folder.appendingPathComponent("sheet-001.png")
        try render(["--sheet", "sheet-a4-65-38x21", "--format", "pdf"])
        let sheetPDF = images.appendingPathComponent("sheet-pdf")
        #expect(try run(pdftoppm, ["-r", "300", "-gray", "-png", "-singlefile", folder.appendingPathComponent("sheets.pdf").path,
                                   sheetPDF.path]).status == 0)
        for page in [sheetPNG, sheetPDF.appendingPathExtension("png")] {
            // Several codes a page: without -Sbinary zbar ends each with a line break (ASCII codes, nothing to guess).
            let zbar = try run(zbarimg, ["--raw", "-q", "-Sdisable", "-Sqrcode.enable", page.path])
            #expect(Set(zbar.stdoutText.split(separator: "\n").map(String.init)) == expected, "zbar, \(page.lastPathComponent)")
            let script = ProjectPaths.root.appendingPathComponent("scripts/zxing-decode.py")
            let zxing = try run(try QRDecoders.zxingPython(), [script.path, "--all", page.path])
            let line = try #require(zxing.stdoutText.split(separator: "\t", maxSplits: 1).last)
            let symbols = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [[String: Any]], "\(zxing.stdoutText)")
            #expect(Set(symbols.compactMap { $0["text"] as? String }) == expected, "zxing-cpp, \(page.lastPathComponent)")
        }

        // What the labels carry is what `verify` accepts.
        for code in expected {
            let result = try fixture.run(["verify", code])
            #expect(result.status == 0 && result.stdoutText.hasPrefix("CHÍNH HÃNG / GENUINE"), "\(code): \(result.stdoutText)")
        }
    }

    @Test func theResolverPageSaysWhichKindOfCodeItJudged() throws {
        let fixture = try StoreFixture("compact-resolver")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "RS-1", units: 2)
        let server = try ServeProcess(fixture)
        defer { server.stop() }
        let compactPath = String(CompactCodes.canonical(codes[0].uri).dropFirst("https://id.example.vn".count))
        let signedPath = String(codes[0].uri.dropFirst("https://id.example.vn".count))

        let page = try server.request(compactPath)
        #expect(page.status == 200 && page.body.contains("data-verdict=\"GENUINE\""))
        #expect(page.body.contains("data-code-kind=\"compact\""))
        #expect(page.body.contains("Mã rút gọn (không có chữ ký): đối chiếu với sổ nhật ký của đơn vị cấp mã"))
        #expect(!page.body.contains("chữ ký hợp lệ"), "a compact code's page must not speak of a valid signature")
        let english = try server.request(compactPath + "?lang=en")
        #expect(english.body.contains("Compact code (no signature): checked against the issuer&#39;s log")
                    || english.body.contains("Compact code (no signature): checked against the issuer's log"), "\(english.body.prefix(3000))")
        let signedPage = try server.request(signedPath)
        #expect(signedPage.body.contains("data-code-kind=\"signed\"") && signedPage.body.contains("Mã có chữ ký số"))

        let json = try server.request(compactPath + "?lang=en", accept: "application/json")
        let ocop = try #require((try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: Any])?["ocop"] as? [String: Any])
        #expect(ocop["verdict"] as? String == "GENUINE" && ocop["code_kind"] as? String == "compact")
        #expect(ocop["code_check"] as? String == "Compact code (no signature): checked against the issuer's log")
        #expect(ocop["serial"] as? String == codes[0].serial)
        // A photo or a scanner at /verify reads the label's upper-case form.
        let typed = try server.request("/verify", method: "POST", accept: "application/json", form: [("code", CompactCodes.label(codes[1].uri))])
        let answer = try #require((try JSONSerialization.jsonObject(with: Data(typed.body.utf8)) as? [String: Any])?["ocop"] as? [String: Any])
        #expect(answer["verdict"] as? String == "GENUINE" && answer["code_kind"] as? String == "compact", "\(typed.body.prefix(400))")
    }
}
