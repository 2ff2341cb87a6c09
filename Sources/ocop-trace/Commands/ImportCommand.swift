import ArgumentParser
import Foundation
import OCOPFailure
import OCOPStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a province's product register, or a re-rating round, from CSV, all or nothing.",
        discussion: """
        A product register has the columns (header row, UTF-8, comma-separated; a BOM and CRLF \
        line ends are fine): \(RegisterCSV.columns.joined(separator: ", ")). Leave stars, score, \
        decision_no and decision_date empty for a product without a rating. Producers already in \
        the store are kept when their details match.

        A re-rating round has the columns \(RatingDecisionsCSV.columns.joined(separator: ", ")), \
        action being rate or withdraw; products not listed keep their rating. The file's header \
        tells which kind it is. After a re-rating round, run `ocop-trace restamp`.

        Everything is one transaction: if any row is bad, the error names the row and nothing is written.
        """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "The register CSV file.") var file: String
    @Flag(help: "Print the summary as JSON.") var json = false

    func run() throws {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw CLIError(message: "file: cannot read \(file) as UTF-8 text", exitCode: OCOPExit.io)
        }
        let opened = try store.open()
        if RatingDecisionsCSV.matches(text) {
            let decisions = try RatingDecisionsCSV.parse(text)
            let count = try opened.applyRatingDecisions(decisions, actor: try store.author(for: opened))
            if json { return try Printer.json(["rating_decisions": count]) }
            print("applied \(count) rating decisions from \(file); run `ocop-trace restamp` to renew or withdraw stamps")
            return
        }
        let rows = try RegisterCSV.parse(text)
        let summary = try opened.importRegister(rows, actor: try store.author(for: opened))
        if json { return try Printer.json(summary) }
        print("imported \(summary.productsAdded) products, \(summary.ratings) ratings, \(summary.producersAdded) new producers (\(summary.producersKept) already known) from \(file)")
    }
}
