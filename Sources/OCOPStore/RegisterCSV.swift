import OCOPDomain
import SwiftCSV

/// A province's product register as CSV (see README): one row per product, its producer
/// repeated on each of its products' rows, and the rating in force.
public enum RegisterCSV {
    public static let columns = [
        "product_id", "product_name", "group", "gtin", "producer_id", "producer_name", "producer_kind",
        "province", "district", "commune", "stars", "score", "decision_no", "decision_date",
    ]

    /// Parses and validates every row. Row numbers count the header as row 1, as a spreadsheet
    /// shows them. The first bad row stops the parse with its number, field and rule.
    public static func parse(_ text: String) throws(StoreError) -> [RegisterRow] {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }  // Excel's UTF-8 BOM
        let table: CSV<Enumerated>
        // SwiftCSV pads short rows in `rows`; the raw enumeration keeps each row's real field count.
        var records: [[String]] = []
        do {
            table = try CSV<Enumerated>(string: body, delimiter: .comma, loadColumns: false)
            try table.enumerateAsArray(startAt: 1, rowLimit: nil) { records.append($0) }
        } catch {
            throw .importRow(row: 1, error: DomainError(field: "csv", rule: "cannot be parsed: \(error)"))
        }
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = columns.filter { !header.contains($0) }
        let unknown = header.filter { !columns.contains($0) }
        guard missing.isEmpty, unknown.isEmpty else {
            var problems: [String] = []
            if !missing.isEmpty { problems.append("missing \(missing.joined(separator: ", "))") }
            if !unknown.isEmpty { problems.append("unknown \(unknown.joined(separator: ", "))") }
            throw .importRow(row: 1, error: DomainError(field: "header", rule: problems.joined(separator: "; ") + "; expected " + columns.joined(separator: ",")))
        }
        guard !records.isEmpty else {
            throw .importRow(row: 2, error: DomainError(field: "csv", rule: "has a header but no rows"))
        }
        var result: [RegisterRow] = []
        result.reserveCapacity(records.count)
        for (index, cells) in records.enumerated() {
            let line = index + 2
            guard cells.count == header.count else {
                throw .importRow(row: line, error: DomainError(field: "csv", rule: "has \(cells.count) fields, the header has \(header.count)"))
            }
            var row: [String: String] = [:]
            for (name, cell) in zip(header, cells) { row[name] = cell }
            do {
                result.append(try parseRow(row, line: line))
            } catch {
                throw .importRow(row: line, error: error)
            }
        }
        return result
    }

    private static func parseRow(_ row: [String: String], line: Int) throws(DomainError) -> RegisterRow {
        func cell(_ name: String) -> String { (row[name] ?? "").trimmingCharacters(in: .whitespaces) }
        let producer = try Producer(id: cell("producer_id"), name: cell("producer_name"),
                                    kind: EntityKind(parsing: cell("producer_kind")), province: cell("province"),
                                    district: cell("district"), commune: cell("commune"))
        let product = try Product(id: cell("product_id"), producerID: producer.id, name: cell("product_name"),
                                  group: ProductGroup(parsing: cell("group")), gtin: cell("gtin"))
        let ratingCells = ["stars", "score", "decision_no", "decision_date"].map(cell)
        var rating: Rating?
        if ratingCells.contains(where: { !$0.isEmpty }) {
            guard let score = Int(cell("score")) else {
                throw DomainError(field: "score", rule: "'\(cell("score"))' is not a whole number 0-100")
            }
            rating = try Rating(stars: Stars(parsing: cell("stars")), score: score,
                                decisionNumber: DecisionNumber(cell("decision_no")),
                                decisionDate: CalendarDate(parsing: cell("decision_date"), field: "decision_date"))
        }
        return RegisterRow(line: line, producer: producer, product: product, rating: rating)
    }
}
