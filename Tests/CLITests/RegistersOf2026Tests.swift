import Foundation
import TestSupport
import Testing

/// Registers as provinces keep them in 2026 (issue 14): the old three-level shape and the new
/// two-level one, Excel's habits, all bad rows at once, the lifecycle lists and who decides.
@Suite struct RegistersOf2026Tests {
    static let data = ProjectPaths.shared.appendingPathComponent("data")

    /// A sample register's rows as dictionaries (the sample files hold no quoted fields).
    static func rows(_ name: String) throws -> [[String: String]] {
        let lines = try String(contentsOf: data.appendingPathComponent(name), encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    static let groupNames = ["food": "Thực phẩm", "beverages": "Đồ uống", "herbal": "Dược liệu", "handicrafts": "Hàng thủ công mỹ nghệ",
                             "ornamental": "sinh vat canh", "tourism": "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"]
    static let kindNames = ["household_business": "Hộ kinh doanh", "company": "Công ty", "enterprise": "Doanh nghiệp",
                            "cooperative": "HỢP TÁC XÃ", "cooperative_group": "Tổ hợp tác"]
    static let today = ["Trà Vinh": "Vĩnh Long", "Tiền Giang": "Đồng Tháp"]

    /// The register rewritten as a province office keeps it in 2026: today's province and the
    /// old address beside it, Vietnamese group and kind names, `;`, dates as DD/MM/YYYY.
    static func twoLevel(_ name: String) throws -> String {
        let columns = ["product_id", "product_name", "group", "gtin", "producer_id", "producer_name", "producer_kind", "province",
                       "commune", "stars", "score", "decision_no", "decision_date", "former_province", "former_district", "former_commune"]
        var lines = [columns.joined(separator: ";")]
        for row in try rows(name) {
            let date = row["decision_date"] ?? ""
            let parts = date.split(separator: "-")
            let cells = [row["product_id"]!, row["product_name"]!, groupNames[row["group"]!]!, row["gtin"]!, row["producer_id"]!,
                         row["producer_name"]!, kindNames[row["producer_kind"]!]!, today[row["province"]!]!, "xã " + row["commune"]!,
                         row["stars"]!, row["score"]!, row["decision_no"]!,
                         parts.count == 3 ? "\(parts[2])/\(parts[1])/\(parts[0])" : "", row["province"]!, row["district"]!, row["commune"]!]
            lines.append(cells.map { $0.contains(";") ? "\"\($0)\"" : $0 }.joined(separator: ";"))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ result: ProcessResult) throws -> Any {
        try JSONSerialization.jsonObject(with: result.stdout)
    }

    @Test func bothShapesImportAndLandUnderTodaysProvinces() throws {
        let old = try StoreFixture("r2026-three", populated: false)
        defer { old.remove() }
        for name in ["register-tra-vinh.csv", "register-tien-giang.csv"] {
            let result = try old.run(["import", Self.data.appendingPathComponent(name).path])
            #expect(result.status == 0, "\(result.stderrText)")
        }
        let fresh = try StoreFixture("r2026-two", populated: false)
        defer { fresh.remove() }
        for name in ["register-tra-vinh.csv", "register-tien-giang.csv"] {
            let file = fresh.folder.appendingPathComponent("two-level-" + name)
            try Data(try Self.twoLevel(name).utf8).write(to: file)
            let result = try fresh.run(["import", file.path, "--json"])
            #expect(result.status == 0, "\(result.stderrText)")
        }
        for fixture in [old, fresh] {
            let producers = try Self.json(try fixture.expectSuccess(["producer", "list", "--json"])) as? [[String: Any]] ?? []
            #expect(producers.count == 118 + 131)
            let provinces = Set(producers.compactMap { $0["province"] as? String })
            #expect(provinces == ["Vĩnh Long", "Đồng Tháp"], "\(provinces)")
            let formers = Set(producers.compactMap { ($0["former_address"] as? [String: Any])?["province"] as? String })
            #expect(formers == ["Trà Vinh", "Tiền Giang"], "the former address is kept: \(formers)")
            let show = try fixture.expectSuccess(["producer", "show", "TV-P002"]).stdoutText
            #expect(show.contains("tỉnh Vĩnh Long") && show.contains("Càng Long, Trà Vinh"), "\(show)")
            let products = try Self.json(try fixture.expectSuccess(["product", "list", "--json"])) as? [[String: Any]] ?? []
            #expect(products.count == 391)
        }
        // The same groups and kinds either way.
        let a = try old.expectSuccess(["product", "list", "--csv", "--on", "2026-12-01"]).stdoutText
        let b = try fresh.expectSuccess(["product", "list", "--csv", "--on", "2026-12-01"]).stdoutText
        #expect(a == b)
        #expect(try old.run(["log", "verify", "--deep"]).status == 0)
    }

    @Test func theLapsedListIsExactlyTheDecisionsOlderThan36Months() throws {
        let fixture = try StoreFixture("r2026-lapsed", populated: false)
        defer { fixture.remove() }
        var expected: Set<String> = []
        for name in ["register-tra-vinh.csv", "register-tien-giang.csv"] {
            try fixture.expectSuccess(["import", Self.data.appendingPathComponent(name).path])
            for row in try Self.rows(name) {
                let parts = (row["decision_date"] ?? "").split(separator: "-").compactMap { Int($0) }
                guard parts.count == 3 else { continue }
                // 36 months on: the same day three years later (the 29th of February: the 28th).
                let year = parts[0] + 3, month = parts[1]
                let day = month == 2 && parts[2] == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 28 : parts[2]
                let lastValid = year * 10_000 + month * 100 + day
                if lastValid < 2026_12_01 { expected.insert(row["product_id"]!) }
            }
        }
        #expect(!expected.isEmpty)
        let listed = try Self.json(try fixture.expectSuccess(["product", "list", "--status", "lapsed", "--on", "2026-12-01", "--json"])) as? [[String: Any]] ?? []
        let ids = Set(listed.compactMap { ($0["product"] as? [String: Any])?["id"] as? String })
        #expect(ids == expected, "listed \(ids.count), expected \(expected.count)")
        #expect(listed.allSatisfy { $0["status"] as? String == "lapsed" })
        let csv = try fixture.expectSuccess(["product", "list", "--status", "lapsed", "--on", "2026-12-01", "--csv"]).stdoutText
        #expect(csv.split(separator: "\n").count == expected.count + 1)

        // restamp lists them too, on its first run: stamps printed outside this tool.
        let first = try fixture.expectSuccess(["restamp", "--on", "2026-12-01", "--json", "--out", fixture.folder.appendingPathComponent("out").path])
        let plan = try JSONSerialization.jsonObject(with: first.stdout) as? [String: Any] ?? [:]
        let outside = Set((plan["withdraw_outside"] as? [[String: Any]] ?? []).compactMap { $0["product"] as? String })
        #expect(outside == expected, "restamp listed \(outside.count)")
        let text = try fixture.expectSuccess(["restamp", "--on", "2026-12-01", "--dry-run", "--out", fixture.folder.appendingPathComponent("out").path]).stdoutText
        #expect(!text.contains("stamps printed outside this tool):"), "a second run lists nothing new: \(text)")
        #expect(try fixture.run(["log", "verify"]).status == 0)
    }

    @Test func everyBadRowIsReportedInOneRunAndNothingIsWritten() throws {
        let fixture = try StoreFixture("r2026-bad")
        defer { fixture.remove() }
        let header = "product_id;product_name;group;gtin;producer_id;producer_name;producer_kind;province;commune;stars;score;decision_no;decision_date"
        let good = "VL-1;Mắm cá linh;Thực phẩm;;VL-P1;Hộ kinh doanh Lê Văn A;Hộ kinh doanh;Vĩnh Long;xã Hòa Minh;3;60;12/QĐ-UBND;03/08/2025"
        let rows = [
            good,
            good.replacingOccurrences(of: "VL-1;", with: "VL-2;").replacingOccurrences(of: ";;VL-P1", with: ";9.5284E+12;VL-P1"),
            good.replacingOccurrences(of: "VL-1;", with: "VL-3;").replacingOccurrences(of: "Vĩnh Long", with: "Atlantis"),
            good.replacingOccurrences(of: "VL-1;", with: "VL-4;").replacingOccurrences(of: "03/08/2025", with: "31/02/2025"),
            good.replacingOccurrences(of: "VL-1;", with: "VL-5;").replacingOccurrences(of: ";3;60;", with: ";5;95;"),
            good.replacingOccurrences(of: "VL-1;", with: "VL-6;").replacingOccurrences(of: ";;VL-P1", with: ";9528400000021;VL-P1"),
            good.replacingOccurrences(of: "VL-1;", with: "VL-7;"),
        ]
        let file = fixture.folder.appendingPathComponent("bad.csv")
        try Data(([header] + rows).joined(separator: "\n").utf8).write(to: file)
        let before = try fixture.digest()
        let result = try fixture.run(["import", file.path])
        #expect(result.status == 65)
        let stderr = result.stderrText
        for (row, mention) in [(3, "gtin: '9.5284E+12'"), (4, "province: 'Atlantis'"), (5, "decision_date"), (6, "stars: 5 stars are recognised centrally"),
                               (7, "gtin")] {
            #expect(stderr.contains("row \(row): \(mention)"), "row \(row) (\(mention)) is missing: \(stderr)")
        }
        #expect(stderr.contains("format the column as Text"))
        #expect(stderr.contains("5 bad rows"), "\(stderr)")
        #expect(try fixture.digest() == before, "the store is byte-identical")
    }

    @Test func encodingsAreExplainedAndADryRunWritesNothing() throws {
        let fixture = try StoreFixture("r2026-files", populated: false)
        defer { fixture.remove() }
        let template = try fixture.expectSuccess(["import", "--template"]).stdoutText
        #expect(template.hasPrefix("product_id,product_name,group,gtin,producer_id,producer_name,producer_kind,province,commune,"))
        let file = fixture.folder.appendingPathComponent("register.csv")
        try Data(template.utf8).write(to: file)
        let before = try fixture.digest()
        let dry = try fixture.expectSuccess(["import", file.path, "--dry-run"]).stdoutText
        #expect(dry.contains("would import 1 products") && dry.contains("nothing was written"), "\(dry)")
        #expect(try fixture.digest() == before)
        try fixture.expectSuccess(["import", file.path])
        let show = try fixture.expectSuccess(["producer", "show", "VL-P001"]).stdoutText
        #expect(show.contains("xã Đại Phước, tỉnh Vĩnh Long") && show.contains("Càng Long, Trà Vinh"), "\(show)")

        // Windows-1258 ("Kẹo dừa" in that code page is not UTF-8) and UTF-16 are refused with the fix.
        let legacy = fixture.folder.appendingPathComponent("cp1258.csv")
        try Data(Array(template.utf8.prefix(60)) + [0x4B, 0xD2, 0x6F, 0x20, 0x64, 0xF0, 0x61, 0x0A]).write(to: legacy)
        let refused = try fixture.run(["import", legacy.path])
        #expect(refused.status == 65 && refused.stderrText.contains("Windows-1258") && refused.stderrText.contains("CSV UTF-8"), "\(refused.stderrText)")
        let wide = fixture.folder.appendingPathComponent("utf16.csv")
        try Data([0xFF, 0xFE] + Array(template.data(using: .utf16LittleEndian)!)).write(to: wide)
        let utf16 = try fixture.run(["import", wide.path])
        #expect(utf16.status == 65 && utf16.stderrText.contains("UTF-16"), "\(utf16.stderrText)")
    }

    @Test func fiveStarsOnlyFromACentralDecision() throws {
        let fixture = try StoreFixture("r2026-level")
        defer { fixture.remove() }
        let before = try fixture.digest()
        let province = try fixture.run(["rate", "TV-0004", "--stars", "5", "--score", "95", "--decision", "77/QĐ-UBND", "--decision-date", "2026-10-20"])
        #expect(province.status == 65 && province.stderrText.contains("recognised centrally"), "\(province.stderrText)")
        #expect(try fixture.digest() == before)
        let central = try fixture.run(["rate", "TV-0004", "--stars", "5", "--score", "95", "--decision", "512/QĐ-BNNMT", "--decision-date", "2026-10-20"])
        #expect(central.status == 0 && central.stdoutText.contains("(central)"), "\(central.stderrText)")
        let unclear = try fixture.run(["rate", "TV-0002", "--stars", "4", "--score", "85", "--decision", "9/QĐ-SNN", "--decision-date", "2026-11-20"])
        #expect(unclear.status == 65 && unclear.stderrText.contains("level"))
        try fixture.expectSuccess(["rate", "TV-0002", "--stars", "4", "--score", "85", "--decision", "9/QĐ-SNN", "--decision-date", "2026-11-20",
                                   "--level", "province"])
        let ratings = try fixture.expectSuccess(["product", "list", "--json"]).stdoutText
        #expect(ratings.contains("\"level\" : \"central\"") && ratings.contains("\"level\" : \"province\""))
        #expect(try fixture.run(["log", "verify", "--deep"]).status == 0)
    }

    /// A register saved as an Excel workbook: shared strings, a GTIN and a score as numbers, the
    /// decision date as Excel's day number. The workbook is written here with Python's zipfile.
    @Test func anExcelWorkbookImportsDirectly() throws {
        let fixture = try StoreFixture("r2026-xlsx", populated: false)
        defer { fixture.remove() }
        let workbook = fixture.folder.appendingPathComponent("register.xlsx")
        let script = #"""
        import sys, zipfile
        from xml.sax.saxutils import escape
        header = ["product_id","product_name","group","gtin","producer_id","producer_name","producer_kind","province","commune",
                  "stars","score","decision_no","decision_date"]
        row = ["VL-9","Kẹo dừa Đại Phước","Thực phẩm",9528400000020,"VL-P9","Hợp tác xã Đặc sản Đại Phước","Hợp tác xã",
               "Vĩnh Long","xã Đại Phước",4,81,"2180/QĐ-UBND",46310]
        strings = []
        def cell(ref, value):
            if isinstance(value, int):
                return f'<c r="{ref}"><v>{value}</v></c>'
            strings.append(value)
            return f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>'
        cols = "ABCDEFGHIJKLM"
        rows = "".join(f'<row r="{r + 1}">' + "".join(cell(f"{cols[i]}{r + 1}", v) for i, v in enumerate(values)) + "</row>"
                       for r, values in enumerate([header, row]))
        ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
        with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
            z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {ns} {rel}><sheets><sheet name="Danh sách" sheetId="1" r:id="rId7"/></sheets></workbook>')
            z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="rId7" Type="worksheet" Target="worksheets/dssp.xml"/></Relationships>')
            z.writestr("xl/worksheets/dssp.xml", f'<?xml version="1.0"?><worksheet {ns}><sheetData>{rows}</sheetData></worksheet>')
            z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst {ns}>' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
        """#
        let made = try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, workbook.path])
        #expect(made.status == 0, "\(made.stderrText)")
        let result = try fixture.run(["import", workbook.path])
        #expect(result.status == 0 && result.stdoutText.contains("imported 1 products"), "\(result.stderrText)")
        let product = try fixture.expectSuccess(["product", "show", "VL-9", "--json"]).stdoutText
        // Day 46310 of Excel's calendar is 2026-10-15.
        #expect(product.contains("2026-10-15") && product.contains("Kẹo dừa Đại Phước") && product.contains("09528400000020"), "\(product)")
    }
}
