import Foundation
import TestSupport
import Testing

/// Province registers come from spreadsheets: the import is one transaction with row-numbered errors.
@Suite struct ImportTests {
    static let header = "product_id,product_name,group,gtin,producer_id,producer_name,producer_kind,province,district,commune,stars,score,decision_no,decision_date"

    func emptyStore(_ name: String) throws -> (StoreFixture, (([String]) throws -> ProcessResult)) {
        let fixture = try StoreFixture(name, populated: false)
        return (fixture, { arguments in try fixture.run(arguments) })
    }

    @Test func bothProvinceRegistersImport() throws {
        let (fixture, ocop) = try emptyStore("import-provinces")
        defer { fixture.remove() }
        let data = ProjectPaths.shared.appendingPathComponent("data")
        let traVinh = try ocop(["import", data.appendingPathComponent("register-tra-vinh.csv").path, "--json"])
        #expect(traVinh.status == 0, "\(traVinh.stderrText)")
        let summary = try JSONSerialization.jsonObject(with: traVinh.stdout) as? [String: Int]
        #expect(summary?["products_added"] == 184 && summary?["producers_added"] == 118 && summary?["ratings"] == 184)
        let tienGiang = try ocop(["import", data.appendingPathComponent("register-tien-giang.csv").path])
        #expect(tienGiang.status == 0 && tienGiang.stdoutText.contains("imported 207 products"))

        let products = try JSONSerialization.jsonObject(with: ocop(["product", "list", "--json"]).stdout) as? [[String: Any]]
        #expect(products?.count == 391)
        let fourStars = products?.filter { (($0["rating"] as? [String: Any])?["stars"] as? Int) == 4 }.count
        #expect(fourStars == 38 + 95)
        // The same file again: every product exists already, so nothing is written.
        let again = try ocop(["import", data.appendingPathComponent("register-tra-vinh.csv").path])
        #expect(again.status == 65 && again.stderrText.contains("row 2: product: 'TV-0001' already exists"))
        // init, then per province: producers, products and their ratings; each write sealed once.
        let entries: Int = 2 + (118 + 184 + 184 + 1) + (131 + 207 + 207 + 1)
        #expect(try ocop(["log", "verify"]).stdoutText.hasPrefix("OK: \(entries) entries"))
    }

    struct BadCSV: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let message: String
        var testDescription: String { name }
    }

    static let good1 = "P-1,Bánh tét lá cẩm,food,9521234500001,PR-1,Hợp tác xã Kim Hòa,cooperative,Trà Vinh,Cầu Ngang,Kim Hòa,3,55,12/QĐ-UBND,2025-08-03"
    static let good2 = "P-2,\"Tinh bột nghệ, loại 1\",herbal,,PR-1,Hợp tác xã Kim Hòa,cooperative,Trà Vinh,Cầu Ngang,Kim Hòa,,,,"

    static let badFiles: [BadCSV] = [
        BadCSV(name: "bad GTIN on row 3", text: "\(header)\n\(good1)\n\(good2.replacingOccurrences(of: "herbal,,", with: "herbal,9521234500002,"))\n",
               message: "row 3: gtin: check digit"),
        BadCSV(name: "missing column", text: header.replacingOccurrences(of: ",score", with: "") + "\n\(good1)\n",
               message: "row 1: header: missing score"),
        BadCSV(name: "unknown column", text: header + ",colour\n\(good1),red\n", message: "unknown colour"),
        BadCSV(name: "short row", text: "\(header)\n\(good1)\nP-3,x\n", message: "row 3: csv: has 2 fields"),
        BadCSV(name: "stars outside 3-5", text: "\(header)\n\(good1.replacingOccurrences(of: ",3,55,", with: ",6,95,"))\n", message: "row 2: stars"),
        BadCSV(name: "score below band", text: "\(header)\n\(good1.replacingOccurrences(of: ",3,55,", with: ",4,65,"))\n", message: "row 2: score"),
        BadCSV(name: "February 30", text: "\(header)\n\(good1.replacingOccurrences(of: "2025-08-03", with: "2025-02-30"))\n", message: "row 2: decision_date"),
        BadCSV(name: "unknown group", text: "\(header)\n\(good1.replacingOccurrences(of: ",food,", with: ",textiles,"))\n", message: "row 2: group"),
        BadCSV(name: "quoted newline in a name", text: "\(header)\n\(good1)\n\(good2.replacingOccurrences(of: "loại 1", with: "loại\n1"))\n",
               message: "row 3: product name: control character U+000A"),
        BadCSV(name: "producer with other details", text: "\(header)\n\(good1)\n\(good2.replacingOccurrences(of: "Cầu Ngang", with: "Trà Cú"))\n",
               message: "row 3: producer_id"),
        BadCSV(name: "header only", text: "\(header)\n", message: "has a header but no rows"),
    ]

    @Test(arguments: badFiles)
    func aBadRowWritesNothing(_ bad: BadCSV) throws {
        let (fixture, ocop) = try emptyStore("import-bad")
        defer { fixture.remove() }
        let file = fixture.folder.appendingPathComponent("register.csv")
        try Data(bad.text.utf8).write(to: file)
        let head = try ocop(["log", "verify"]).stdoutText
        let result = try ocop(["import", file.path])
        #expect(result.status == 65)
        #expect(result.stderrText.contains(bad.message), "\(result.stderrText)")
        #expect(result.stderrText.split(separator: "\n").count == 1)
        #expect(try ocop(["log", "verify"]).stdoutText == head)
        let products = try JSONSerialization.jsonObject(with: ocop(["product", "list", "--json"]).stdout) as? [Any]
        #expect(products?.isEmpty == true)
    }

    @Test func spreadsheetQuirksAreAccepted() throws {
        let (fixture, ocop) = try emptyStore("import-quirks")
        defer { fixture.remove() }
        // Excel's BOM, CRLF line ends, a quoted comma, an unrated product.
        let file = fixture.folder.appendingPathComponent("register.csv")
        try Data(("\u{FEFF}" + [Self.header, Self.good1, Self.good2].joined(separator: "\r\n") + "\r\n").utf8).write(to: file)
        let result = try ocop(["import", file.path, "--json"])
        #expect(result.status == 0, "\(result.stderrText)")
        let show = try ocop(["product", "show", "P-2", "--json"]).stdoutText
        #expect(show.contains("Tinh bột nghệ, loại 1"))
        #expect(try ocop(["product", "show", "P-1", "--json"]).stdoutText.contains("\"gtin\" : \"09521234500001\""))
    }
}
