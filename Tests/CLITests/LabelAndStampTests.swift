import Foundation
import TestSupport
import Testing

/// Labels, stamps and restamping through the commands producers and provinces run.
@Suite struct LabelAndStampTests {
    func templatesArguments() -> [String] { ["--templates", ProjectPaths.root.appendingPathComponent("Templates").path] }

    @Test func batchLabelsDecodeToTheirUnitsAndMatchTheManifest() throws {
        let fixture = try StoreFixture("labels")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "LB/2026", units: 12)
        let out = fixture.folder.appendingPathComponent("out")
        let render = try fixture.run(["label", "render", "--batch", "LB/2026", "--out", out.path] + templatesArguments())
        #expect(render.status == 0, "\(render.stderrText)")
        // The default label (50 × 30 mm) carries the compact code: no signature, checked against the log.
        #expect(render.stdoutText.hasPrefix("compact codes (no signature: checked against this store's log) for https://id.example.vn/\n"),
                "\(render.stdoutText)")
        // The lot's '/' must not become a folder: it is percent-encoded, so the name reads back.
        let folder = out.appendingPathComponent("TV-P002/TV-0002/LB%2F2026")
        let manifest = try String(contentsOf: folder.appendingPathComponent("manifest.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(manifest.count == 12)
        #expect(Set(manifest.map { $0[1] }) == Set(codes.map { CompactCodes.label($0.uri) }))
        let files = manifest.map { folder.appendingPathComponent($0[0]) }
        let zxing = try QRDecoders.zxing(files)
        for (index, row) in manifest.enumerated() {
            let bytes = try [UInt8](Data(contentsOf: files[index]))
            #expect(sha256Hex(bytes) == row[3])
            #expect(try QRDecoders.zbar(files[index]) == Array(row[1].utf8))
            #expect(zxing[index] == Array(row[1].utf8))
            #expect(codes.first { CompactCodes.label($0.uri) == row[1] }?.short == row[2])
        }
        // Same inputs, byte-identical files.
        let before = try files.map { try Data(contentsOf: $0) }
        #expect(try fixture.run(["label", "render", "--batch", "LB/2026", "--out", out.path] + templatesArguments()).status == 0)
        #expect(try files.map { try Data(contentsOf: $0) } == before)
    }

    @Test func sheetsArePagesOfFortyLabels() throws {
        let fixture = try StoreFixture("sheets")
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "SH-1", units: 45)
        let out = fixture.folder.appendingPathComponent("out")
        let pdf = try fixture.run(["label", "render", "--batch", "SH-1", "--sheet", "sheet-a4-40", "--format", "pdf", "--out", out.path] + templatesArguments())
        #expect(pdf.status == 0, "\(pdf.stderrText)")
        guard let pdfinfo = which("pdfinfo") else { Issue.record("pdfinfo (poppler-utils) is missing: run `make test`"); return }
        let info = try run(pdfinfo, [out.appendingPathComponent("TV-P002/TV-0002/SH-1/sheets.pdf").path]).stdoutText
        #expect(info.contains("Pages:          2") || info.contains("Pages:           2"), "\(info)")
        #expect(info.contains("595.276 x 841.89 pts (A4)"))
        let png = try fixture.run(["label", "render", "--batch", "SH-1", "--sheet", "sheet-a4-40", "--out", out.path] + templatesArguments())
        #expect(png.status == 0 && png.stdoutText.contains("\n2 file(s) for 45 units"))
        // The 50×30 label does not fit the sheet's 48×27 cells: refused, with the reason.
        let misfit = try fixture.run(["label", "render", "--batch", "SH-1", "--sheet", "sheet-a4-40", "--template", "product-label-50x30", "--out", out.path] + templatesArguments())
        #expect(misfit.status == 65 && misfit.stderrText.split(separator: "\n").count == 1)
    }

    @Test func stampsFollowTheRatingAndRestampChangesExactlyWhatChanged() throws {
        let fixture = try StoreFixture("restamp")
        defer { fixture.remove() }
        let out = fixture.folder.appendingPathComponent("out").path
        // Three rated products: TV-0002 (4★ from the fixture), TV-0004 and TV-0005.
        try fixture.expectSuccess(["rate", "TV-0004", "--stars", "3", "--score", "60", "--decision", "10/QĐ-UBND", "--decision-date", "2026-10-15"])
        try fixture.expectSuccess(["product", "add", "TV-0005", "--producer", "TV-P002", "--name", "Tinh bột nghệ", "--group", "herbal"])
        try fixture.expectSuccess(["rate", "TV-0005", "--stars", "4", "--score", "80", "--decision", "11/QĐ-UBND", "--decision-date", "2026-10-15"])
        for product in ["TV-0002", "TV-0004", "TV-0005"] {
            let stamp = try fixture.run(["stamp", "render", "--product", product, "--out", out] + templatesArguments())
            #expect(stamp.status == 0, "\(stamp.stderrText)")
        }
        let stampPNG = URL(fileURLWithPath: out + "/TV-P002/TV-0002/stamps/TV-0002-4star-2026-10-15.png")
        // The stamp is a compact template: the product URI with scheme and host in upper case.
        #expect(try QRDecoders.zbar(stampPNG) == Array("HTTPS://ID.EXAMPLE.VN/01/09528400000020".utf8))
        #expect(try fixture.expectSuccess(["restamp", "--out", out] + templatesArguments()).stdoutText.contains("rendered 0, withdraw 0, unchanged 3"))

        // One up, one down, one withdrawn.
        try fixture.expectSuccess(["rate", "TV-0004", "--stars", "4", "--score", "78", "--decision", "20/QĐ-UBND", "--decision-date", "2026-11-01"])
        try fixture.expectSuccess(["rate", "TV-0005", "--stars", "3", "--score", "80", "--decision", "21/QĐ-UBND", "--decision-date", "2026-11-01"])
        try fixture.expectSuccess(["rate", "TV-0002", "--withdraw", "--decision", "22/QĐ-UBND", "--decision-date", "2026-11-01"])
        let dry = try fixture.expectSuccess(["restamp", "--dry-run", "--json", "--out", out] + templatesArguments())
        let plan = try JSONSerialization.jsonObject(with: dry.stdout) as? [String: Any]
        #expect((plan?["render"] as? [Any])?.count == 2 && (plan?["withdraw"] as? [Any])?.count == 1)
        #expect(!FileManager.default.fileExists(atPath: out + "/TV-P002/TV-0004/stamps/TV-0004-4star-2026-11-01.png"))

        let run = try fixture.expectSuccess(["restamp", "--json", "--out", out] + templatesArguments())
        let report = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]
        let rendered = (report?["render"] as? [[String: Any]])?.compactMap { $0["product"] as? String }.sorted()
        #expect(rendered == ["TV-0004", "TV-0005"])
        #expect((report?["withdraw"] as? [[String: Any]])?.first?["product"] as? String == "TV-0002")
        #expect(FileManager.default.fileExists(atPath: out + "/TV-P002/TV-0004/stamps/TV-0004-4star-2026-11-01.png"))
        #expect(FileManager.default.fileExists(atPath: out + "/TV-P002/TV-0005/stamps/TV-0005-3star-2026-11-01.pdf"))

        // Right after, nothing is left to do, and the log holds each stamp decision once.
        let again = try fixture.expectSuccess(["restamp", "--out", out] + templatesArguments())
        #expect(again.stdoutText.hasPrefix("restamp on") && again.stdoutText.contains("rendered 0, withdraw 0, unchanged 3"))
        #expect(try fixture.sql("SELECT count(*) FROM log WHERE kind = 'stamp_rendered'").stdoutText == "5\n")
        #expect(try fixture.sql("SELECT count(*) FROM log WHERE kind = 'stamp_withdrawn'").stdoutText == "1\n")
        // A withdrawn product cannot get new stamps.
        let refused = try fixture.run(["stamp", "render", "--product", "TV-0002", "--out", out] + templatesArguments())
        #expect(refused.status == 65 && refused.stderrText.contains("no rating in force"))
    }

    @Test func stampAllSkipsProductsWithoutAValidRating() throws {
        let fixture = try StoreFixture("stamp-all")
        defer { fixture.remove() }
        let out = fixture.folder.appendingPathComponent("out").path
        // TV-0004 is unrated; TV-0006's certificate ran out in 2023.
        try fixture.expectSuccess(["product", "add", "TV-0006", "--producer", "TV-P002", "--name", "Rượu dừa", "--group", "beverages"])
        try fixture.expectSuccess(["rate", "TV-0006", "--stars", "3", "--score", "55", "--decision", "1/QĐ-UBND", "--decision-date", "2020-05-01"])
        let result = try fixture.expectSuccess(["stamp", "render", "--all", "--out", out] + templatesArguments())
        #expect(result.stdoutText.contains("rendered stamps for 1 products; 2 have no rating in force"))
        #expect(result.stdoutText.contains("TV-0004, TV-0006"))
        #expect(try fixture.sql("SELECT product_id FROM stamp ORDER BY 1").stdoutText == "TV-0002\n")
    }

    @Test func templateCheckNamesFileElementAndRule() throws {
        let folder = try ProjectPaths.scratch("template-check")
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["product-label-50x30", "product-label-48x27", "ocop-star-stamp-30", "sheet-a4-40"] {
            let result = try ocopTrace(["template", "check", name] + templatesArguments())
            #expect(result.status == 0, "\(name): \(result.stdoutText)\(result.stderrText)")
        }
        let source = try String(contentsOf: ProjectPaths.root.appendingPathComponent("Templates/product-label-50x30.json"), encoding: .utf8)
        let bad = folder.appendingPathComponent("bad.json")
        try Data(source.replacingOccurrences(of: "\"module_mm\": 0.5", with: "\"module_mm\": 0.2").utf8).write(to: bad)
        let result = try ocopTrace(["template", "check", bad.path])
        #expect(result.status == 65)
        #expect(result.stdoutText.contains("bad.json") && result.stdoutText.contains("qr") && result.stdoutText.contains("0.25"), "\(result.stdoutText)")
        // A good template's QR code is reported with its version and module sizes against GS1's minimum.
        let good = try ocopTrace(["template", "check", "product-label-50x30"] + templatesArguments()).stdoutText
        #expect(good.contains("elements[7] (qr \"unit code\"): compact unit code (no signature), up to 90 characters: QR version 4 at level M"),
                "\(good)")
        #expect(good.contains("203 dpi 4 px = 0.5 mm, 300 dpi 6 px = 0.508 mm") && good.contains("GS1 retail minimum 0.396 mm"), "\(good)")
        let json = try ocopTrace(["template", "check", "product-label-30x20", "--json"] + templatesArguments())
        let report = try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any]
        let qr = (report?["qr_codes"] as? [[String: Any]])?.first
        #expect(qr?["version"] as? Int == 4 && qr?["meets_gs1"] as? Bool == true && qr?["unit_code"] as? String == "compact", "\(json.stdoutText)")
    }
}

private func sha256Hex(_ bytes: [UInt8]) -> String {
    guard let sha256sum = which("sha256sum") else { return "" }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: file) }
    try? Data(bytes).write(to: file)
    return (try? run(sha256sum, [file.path]).stdoutText.split(separator: " ").first.map(String.init)) ?? nil ?? ""
}
