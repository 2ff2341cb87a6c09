import OCOPDomain

/// A province's product register as CSV (see README): one row per product, its producer
/// repeated on each of its products' rows, and the rating in force.
public enum RegisterCSV {
    public static let columns = [
        "product_id", "product_name", "group", "gtin", "producer_id", "producer_name", "producer_kind",
        "province", "district", "commune", "stars", "score", "decision_no", "decision_date",
    ]

    /// Parses and validates every row; the first bad row stops the parse with its number,
    /// field and rule.
    public static func parse(_ text: String) throws(StoreError) -> [RegisterRow] {
        try CSVTable.rows(text, columns: columns).map { (line, cells) throws(StoreError) in
            do throws(DomainError) {
                return try parseRow(cells, line: line)
            } catch {
                throw .importRow(row: line, error: error)
            }
        }
    }

    private static func parseRow(_ cell: [String: String], line: Int) throws(DomainError) -> RegisterRow {
        let c = { (name: String) in cell[name] ?? "" }
        let producer = try Producer(id: c("producer_id"), name: c("producer_name"),
                                    kind: EntityKind(parsing: c("producer_kind")), province: c("province"),
                                    district: c("district"), commune: c("commune"))
        let product = try Product(id: c("product_id"), producerID: producer.id, name: c("product_name"),
                                  group: ProductGroup(parsing: c("group")), gtin: c("gtin"))
        var rating: Rating?
        if ["stars", "score", "decision_no", "decision_date"].contains(where: { !c($0).isEmpty }) {
            rating = try RatingCells.rating(stars: c("stars"), score: c("score"), decision: c("decision_no"), date: c("decision_date"))
        }
        return RegisterRow(line: line, producer: producer, product: product, rating: rating)
    }
}

/// A later evaluation round: `product_id, action (rate|withdraw), stars, score, decision_no,
/// decision_date`. Products not listed keep their rating.
public enum RatingDecisionsCSV {
    public static let columns = ["product_id", "action", "stars", "score", "decision_no", "decision_date"]

    /// Whether `text` has this file's header (as opposed to a product register).
    public static func matches(_ text: String) -> Bool {
        Set(CSVTable.header(text)) == Set(columns)
    }

    public static func parse(_ text: String) throws(StoreError) -> [RatingDecisionRow] {
        try CSVTable.rows(text, columns: columns).map { (line, cell) throws(StoreError) in
            let c = { (name: String) in cell[name] ?? "" }
            do throws(DomainError) {
                let product = try ProductID(c("product_id")).text
                switch c("action").lowercased() {
                case "rate":
                    let rating = try RatingCells.rating(stars: c("stars"), score: c("score"), decision: c("decision_no"), date: c("decision_date"))
                    return RatingDecisionRow(line: line, productID: product, decision: .rate(rating))
                case "withdraw":
                    let withdrawal = Withdrawal(decisionNumber: try DecisionNumber(c("decision_no")),
                                                date: try CalendarDate(parsing: c("decision_date"), field: "decision_date"))
                    return RatingDecisionRow(line: line, productID: product, decision: .withdraw(withdrawal))
                default:
                    throw DomainError(field: "action", rule: "'\(c("action"))' is not rate or withdraw")
                }
            } catch {
                throw .importRow(row: line, error: error)
            }
        }
    }
}

/// The four rating cells shared by both CSV kinds.
enum RatingCells {
    static func rating(stars: String, score: String, decision: String, date: String) throws(DomainError) -> Rating {
        guard let points = Int(score) else {
            throw DomainError(field: "score", rule: "'\(score)' is not a whole number 0-100")
        }
        return try Rating(stars: Stars(parsing: stars), score: points, decisionNumber: DecisionNumber(decision),
                          decisionDate: CalendarDate(parsing: date, field: "decision_date"))
    }
}
