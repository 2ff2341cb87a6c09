import ArgumentParser
import Foundation
import OCOPFailure
import OCOPStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a province's product register, or a re-rating round, from CSV, all or nothing.",
        discussion: """
        A product register is a CSV file (header row, UTF-8; comma- or semicolon-separated; a \
        BOM and CRLF line ends are fine) or an Excel workbook (.xlsx, its first sheet), with the columns: \(RegisterCSV.columns.joined(separator: ", ")); \
        optionally \(RegisterCSV.optionalColumns.joined(separator: ", ")). A register of before \
        1 July 2025 (province, district, commune) is accepted: each province is mapped to today's \
        and the old address kept. Groups and kinds may be written in Vietnamese ("Thực phẩm", \
        "Hợp tác xã"), dates as YYYY-MM-DD or DD/MM/YYYY. Leave stars, score, decision_no and \
        decision_date empty for a product without a rating. Producers already in the store are \
        kept when their details match. `import --template` prints an empty register.

        A re-rating round has the columns \(RatingDecisionsCSV.columns.joined(separator: ", ")) \
        (and optionally level), action being rate or withdraw; products not listed keep their \
        rating. The file's header tells which kind it is. After a re-rating round, run `ocop-trace restamp`.

        Everything is one transaction: every bad row is listed (up to \(RegisterProblems.limit), each with \
        its row, column and rule) and nothing is written. --dry-run checks everything, against \
        the store too, and writes nothing.

        Examples:
          ocop-trace import register-vinh-long.csv --dry-run
          ocop-trace import --template > register.csv
        """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "The register: a CSV file or an .xlsx workbook.") var file: String?
    @Flag(name: .customLong("dry-run"), help: "Check every row against the store, write nothing.") var dryRun = false
    @Flag(help: "Print an empty register (header and one example row) and stop.") var template = false
    @Flag(help: "Print the summary as JSON.") var json = false

    func validate() throws {
        if template, file != nil { throw ValidationError("--template: takes no file") }
        if !template, file == nil { throw ValidationError("file: missing; give the register CSV (or --template)") }
    }

    func run() throws {
        if template {
            print(RegisterCSV.template, terminator: "")
            return
        }
        guard let file else { return }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError(message: "file: cannot read \(file)", exitCode: OCOPExit.io)
        }
        let text = try RegisterFile.text(data, name: file)
        let opened = try store.open()
        let verb = dryRun ? "would apply" : "applied"
        do {
            if RatingDecisionsCSV.matches(text) {
                let decisions = try RatingDecisionsCSV.parse(text)
                let count = try opened.applyRatingDecisions(decisions, actor: try store.author(for: opened), dryRun: dryRun)
                if json { return try Printer.json(["rating_decisions": count, "dry_run": dryRun ? 1 : 0]) }
                print("\(verb) \(count) rating decisions from \(file)" + (dryRun ? " (dry run: nothing was written)" : "; run `ocop-trace restamp` to renew or withdraw stamps"))
                return
            }
            let rows = try RegisterCSV.parse(text)
            let summary = try opened.importRegister(rows, actor: try store.author(for: opened), dryRun: dryRun)
            if json { return try Printer.json(summary) }
            print("\(dryRun ? "would import" : "imported") \(summary.productsAdded) products, \(summary.ratings) ratings, \(summary.producersAdded) new producers (\(summary.producersKept) already known) from \(file)"
                  + (dryRun ? " (dry run: nothing was written)" : ""))
        } catch let problems as RegisterProblems {
            // Several bad rows: each on its own line, then the one-line summary as the error.
            if problems.total > 1 {
                for line in problems.lines { FileHandle.standardError.write(Data("ocop-trace: \(file): \(line)\n".utf8)) }
            }
            throw problems
        }
    }
}
