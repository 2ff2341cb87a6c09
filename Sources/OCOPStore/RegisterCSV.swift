import OCOPDomain
import OCOPFailure

/// A province's product register as CSV (see README): one row per product, its producer
/// repeated on each of its products' rows, and the rating in force.
public enum RegisterCSV {
    /// The columns of today's register (two-level addresses).
    public static let columns = [
        "product_id", "product_name", "group", "gtin", "producer_id", "producer_name", "producer_kind",
        "province", "commune", "stars", "score", "decision_no", "decision_date",
    ]
    /// `district`: a register of before 1 July 2025 (province, district, commune as they were);
    /// `former_*`: today's address with the old one beside it; `level`: who decided the rating;
    /// `tax_id`: the producer's tax code (the passport's producer identifier).
    public static let optionalColumns = ["district", "former_province", "former_district", "former_commune", "level", "tax_id"]

    /// An empty register: the header and one example row, for `import --template`.
    public static let template = (columns + optionalColumns.dropFirst()).joined(separator: ",") + "\n"
        + "VL-0001,Kẹo dừa Đại Phước,Thực phẩm,9528400000020,VL-P001,Hợp tác xã Đặc sản Đại Phước,Hợp tác xã,"
        + "Vĩnh Long,xã Đại Phước,4,81,2180/QĐ-UBND,15/10/2026,Trà Vinh,Càng Long,Đại Phước,province,2100123456\n"

    /// Parses and validates every row. Bad rows do not stop the parse: all of them (up to
    /// `RegisterProblems.limit`) are reported together, each with its row, column and rule.
    public static func parse(_ text: String) throws -> [RegisterRow] {
        var rows: [RegisterRow] = []
        var problems = RegisterProblems()
        for row in try CSVTable.rows(text, columns: columns, optional: optionalColumns) {
            if let problem = row.problem {
                problems.add(line: row.line, problem)
                continue
            }
            do throws(DomainError) {
                rows.append(try parseRow(row.cells, line: row.line))
            } catch {
                problems.add(line: row.line, error)
            }
        }
        if !problems.isEmpty { throw problems }
        return rows
    }

    private static func parseRow(_ cell: [String: String], line: Int) throws(DomainError) -> RegisterRow {
        let c = { (name: String) in cell[name] ?? "" }
        let former: Producer.FormerAddress? = c("former_province").isEmpty ? nil
            : Producer.FormerAddress(province: c("former_province"), district: c("former_district"), commune: c("former_commune"))
        let kind = try RegisterCell.read("producer_kind") { () throws(DomainError) in try EntityKind(parsing: c("producer_kind")) }
        let producer = try Producer(id: c("producer_id"), name: c("producer_name"), kind: kind, province: c("province"),
                                    commune: c("commune"), district: c("district"), formerAddress: former, taxID: c("tax_id"))
        let group = try RegisterCell.read("group") { () throws(DomainError) in try ProductGroup(parsing: c("group")) }
        let gtin = try RegisterCell.gtin(c("gtin"))
        let product = try Product(id: c("product_id"), producerID: producer.id, name: c("product_name"), group: group, gtin: gtin)
        var rating: Rating?
        if ["stars", "score", "decision_no", "decision_date"].contains(where: { !c($0).isEmpty }) {
            rating = try RatingCells.rating(stars: c("stars"), score: c("score"), decision: c("decision_no"), date: c("decision_date"),
                                            level: c("level"))
        }
        return RegisterRow(line: line, producer: producer, product: product, rating: rating)
    }
}

/// Every bad row of a register or a re-rating round (up to `limit`, with the total): the whole
/// file is refused and nothing is written.
public struct RegisterProblems: Error, CustomStringConvertible {
    public static let limit = 100
    public private(set) var rows: [(line: Int, error: DomainError)] = []
    public private(set) var total = 0

    public init() {}

    mutating func add(line: Int, _ error: DomainError) {
        total += 1
        if rows.count < Self.limit { rows.append((line, error)) }
    }

    public var isEmpty: Bool { total == 0 }

    /// One line: how many, and the first.
    public var description: String {
        guard let first = rows.first else { return "no bad rows" }
        if total == 1 { return "row \(first.line): \(first.error.description) (nothing was imported)" }
        return "\(total) bad rows, the first row \(first.line): \(first.error.description) (nothing was imported)"
    }

    /// One line a row: `row 7: gtin: …`.
    public var lines: [String] {
        rows.map { "row \($0.line): \($0.error.description)" } + (total > rows.count ? ["… and \(total - rows.count) more"] : [])
    }
}

extension RegisterProblems: ReportableError {
    public var exitCode: Int32 { OCOPExit.data }
}

/// Cells as spreadsheets leave them: errors name the column; GTINs Excel turned into numbers are
/// refused with the fix; dates may be written `dd/mm/yyyy`.
enum RegisterCell {
    static func read<T>(_ column: String, _ body: () throws(DomainError) -> T) throws(DomainError) -> T {
        do { return try body() } catch { throw DomainError(field: column, rule: error.rule) }
    }

    static func gtin(_ text: String) throws(DomainError) -> String {
        let upper = text.uppercased()
        if upper.contains("E+") || (text.contains(".") || text.contains(",")) && text.allSatisfy({ $0.isNumber || ".,E+".contains($0) }) {
            throw DomainError(field: "gtin", rule: "'\(text)' is a number Excel rewrote (scientific notation or decimals), which loses digits; format the column as Text in Excel and type the GTIN again")
        }
        return text
    }

    /// `2026-10-15`, or `15/10/2026` / `15-10-2026` / `15.10.2026` (day first, as in Vietnam).
    static func date(_ text: String, column: String) throws(DomainError) -> CalendarDate {
        let parts = text.split(whereSeparator: { "/.-".contains($0) }).map(String.init)
        if parts.count == 3, parts[2].count == 4, parts[0].count <= 2, parts[1].count <= 2,
           let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) {
            return try CalendarDate(year: year, month: month, day: day, field: column)
        }
        do {
            return try CalendarDate(parsing: text, field: column)
        } catch {
            throw DomainError(field: column, rule: "'\(text)' is not a date: write YYYY-MM-DD or DD/MM/YYYY")
        }
    }
}

/// A later evaluation round: `product_id, action (rate|withdraw), stars, score, decision_no,
/// decision_date`. Products not listed keep their rating.
public enum RatingDecisionsCSV {
    public static let columns = ["product_id", "action", "stars", "score", "decision_no", "decision_date"]

    /// Whether `text` has this file's header (as opposed to a product register).
    public static func matches(_ text: String) -> Bool {
        Set(CSVTable.header(text)).subtracting(["level"]) == Set(columns)
    }

    /// Every bad row is reported together (`RegisterProblems`), as for registers.
    public static func parse(_ text: String) throws -> [RatingDecisionRow] {
        var decisions: [RatingDecisionRow] = []
        var problems = RegisterProblems()
        for row in try CSVTable.rows(text, columns: columns, optional: ["level"]) {
            if let problem = row.problem {
                problems.add(line: row.line, problem)
                continue
            }
            let c = { (name: String) in row.cells[name] ?? "" }
            do throws(DomainError) {
                let product = try RegisterCell.read("product_id") { () throws(DomainError) in try ProductID(c("product_id")).text }
                switch c("action").lowercased() {
                case "rate":
                    let rating = try RatingCells.rating(stars: c("stars"), score: c("score"), decision: c("decision_no"),
                                                        date: c("decision_date"), level: c("level"))
                    decisions.append(RatingDecisionRow(line: row.line, productID: product, decision: .rate(rating)))
                case "withdraw":
                    let withdrawal = Withdrawal(decisionNumber: try RegisterCell.read("decision_no") { () throws(DomainError) in try DecisionNumber(c("decision_no")) },
                                                date: try RegisterCell.date(c("decision_date"), column: "decision_date"))
                    decisions.append(RatingDecisionRow(line: row.line, productID: product, decision: .withdraw(withdrawal)))
                default:
                    throw DomainError(field: "action", rule: "'\(c("action"))' is not rate or withdraw")
                }
            } catch {
                problems.add(line: row.line, error)
            }
        }
        if !problems.isEmpty { throw problems }
        return decisions
    }
}

/// The rating cells shared by both CSV kinds.
enum RatingCells {
    static func rating(stars: String, score: String, decision: String, date: String, level: String = "") throws(DomainError) -> Rating {
        guard let points = Int(score) else {
            throw DomainError(field: "score", rule: "'\(score)' is not a whole number 0-100")
        }
        let stars = try RegisterCell.read("stars") { () throws(DomainError) in try Stars(parsing: stars) }
        let number = try RegisterCell.read("decision_no") { () throws(DomainError) in try DecisionNumber(decision) }
        let level = try level.isEmpty ? nil : RegisterCell.read("level") { () throws(DomainError) in try DecidingLevel(parsing: level) }
        return try Rating(stars: stars, score: points, decisionNumber: number,
                          decisionDate: RegisterCell.date(date, column: "decision_date"), level: level)
    }
}
