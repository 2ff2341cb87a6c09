import ArgumentParser
import OCOPStore

struct ReportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: "Fake reports shoppers sent from the resolver's pages (\"Báo hàng giả\").",
        subcommands: [List.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every fake report, oldest first: when, the code, the note, the client's salted hash.",
            discussion: """
            Reports are signed log entries (`fake_reported`), read from the log itself. Many \
            reports of one serial, or reports from many clients, point at copied labels.

            Example:
              ocop-trace reports list --json > reports.json
            """
        )
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let reports = try store.open().fakeReports()
            if json { return try Printer.json(reports) }
            if reports.isEmpty { return print("no fake report so far") }
            Printer.table(["SEQ", "TIME", "SERIAL", "CLIENT", "NOTE"], reports.map { record in
                [String(record.seq), record.time, record.report.serial ?? "(no serial)", String(record.report.client.prefix(12)),
                 record.report.note ?? ""]
            })
        }
    }
}
