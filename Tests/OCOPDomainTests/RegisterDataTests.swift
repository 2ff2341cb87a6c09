import Foundation
import OCOPDomain
import TestSupport
import Testing

/// The sample registers in `shared/data/` must read cleanly with the domain rules: every group,
/// producer kind, GTIN, product id, rating and re-rating decision.
@Suite struct RegisterDataTests {
    static func rows(_ file: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: ProjectPaths.shared.path + "/data/" + file, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }

    @Test(arguments: ["register-tra-vinh.csv", "register-tien-giang.csv"])
    func everyRegisterRowIsValid(file: String) throws {
        let rows = try Self.rows(file)
        #expect(rows.count > 150)
        var groups: Set<ProductGroup> = []
        var kinds: Set<EntityKind> = []
        for row in rows {
            let id = row["product_id"] ?? "?"
            let product = failure { try ProductID(row["product_id"] ?? "") }
            #expect(product == nil, "\(id): \(product!)")
            do {
                groups.insert(try ProductGroup(parsing: row["group"] ?? ""))
                kinds.insert(try EntityKind(parsing: row["producer_kind"] ?? ""))
                if let gtin = row["gtin"], !gtin.isEmpty {
                    #expect(try GTIN(gtin).gtin14.hasPrefix("0952"), "\(id) must use the GS1 example prefix")
                }
                _ = try Rating(
                    stars: Stars(parsing: row["stars"] ?? ""),
                    score: Int(row["score"] ?? "") ?? -1,
                    decisionNumber: DecisionNumber(row["decision_no"] ?? ""),
                    decisionDate: CalendarDate(parsing: row["decision_date"] ?? "")
                )
            } catch {
                Issue.record("\(file) \(id): \(error)")
            }
        }
        #expect(groups.count >= 5)
        #expect(kinds.count >= 4)
    }

    @Test func everyReRatingRowIsValid() throws {
        let rows = try Self.rows("rerating-2026-h2.csv")
        #expect(rows.count > 40)
        for row in rows {
            let id = row["product_id"] ?? "?"
            do {
                let decision = try DecisionNumber(row["decision_no"] ?? "")
                let date = try CalendarDate(parsing: row["decision_date"] ?? "")
                switch row["action"] {
                case "rate":
                    _ = try Rating(
                        stars: Stars(parsing: row["stars"] ?? ""), score: Int(row["score"] ?? "") ?? -1,
                        decisionNumber: decision, decisionDate: date
                    )
                case "withdraw":
                    let withdrawal = Withdrawal(decisionNumber: decision, date: date)
                    let rating = try Rating(stars: .three, score: 60, decisionNumber: decision, decisionDate: date.adding(months: -12))
                    #expect(rating.status(on: date, withdrawal: withdrawal) == .withdrawn(withdrawal))
                default:
                    Issue.record("\(id): unknown action \(row["action"] ?? "")")
                }
            } catch {
                Issue.record("rerating \(id): \(error)")
            }
        }
    }
}
