import ArgumentParser
import OCOPExport
import OCOPKit
import OCOPRender
import OCOPStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Hand events on in a standard format.",
        subcommands: [EPCIS.self, Passport.self, Circular02.self]
    )

    struct Passport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passport",
            abstract: "Write digital product passports (Decree 37/2026/NĐ-CP) as one JSON file for the national portal.",
            discussion: "One passport per product (or --product), with what each still lacks; the same fields as `passport show --json`.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this product.") var product: String?
        @Option(help: ArgumentHelp("File to write (default: standard output).", valueName: "file")) var out: String?

        func run() throws {
            let opened = try store.open()
            let book = PassportBook(store: opened)
            let day = Today.inVietnam()
            let passports = try product.map { id in [try book.product(id, on: day)] } ?? book.all(on: day)
            let text = try Printer.jsonText(passports)
            guard let out else { return print(text) }
            try AtomicFile.write(text + "\n", to: out)
        }
    }

    struct Circular02: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "circular02",
            abstract: "Write the minimum traceability data of Circular 02/2024/TT-BKHCN, a file for the national portal.",
            discussion: """
            One record per product with the circular's ten fields (name, image, producer name and \
            address, stages, production time, traceability code, brand/model/serial, shelf life, \
            standards) and one per stage: product trace code (the unit's or batch's GS1 Digital \
            Link), location trace code (the place's GLN, else its location id), time, step, from, \
            to. The same store gives the same bytes. The README documents every column.

            Stages whose events gave a place as free text only have no location trace code: \
            register the place (`location add`) and record with --location-id.

            Examples:
              ocop-trace export circular02 --format csv --out Output/circular02.csv
              ocop-trace export circular02 --since 120 --format json --out Output/circular02.json
            """
        )
        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("Only stages logged after this log seq, and their products.", valueName: "seq")) var since: Int64 = 0
        @Option(help: "csv or json.") var format: Format = .csv
        @Option(help: ArgumentHelp("File to write (default: standard output).", valueName: "file")) var out: String?

        func validate() throws {
            if since < 0 { throw ValidationError("--since must be 0 or more") }
        }

        func run() throws {
            let file = try ExportCircular02(store: store.open())(since: since)
            let text = switch format {
            case .csv: Circular02CSV.text(file)
            case .json: try Printer.jsonText(file) + "\n"
            }
            let stages = file.products.flatMap(\.stages)
            let unplaced = stages.filter { $0.locationTraceCode == nil }.count
            if unplaced > 0 { Printer.warn("\(unplaced) stages have no location trace code (a free-text place; record with --location-id)") }
            guard let out else { return print(text, terminator: "") }
            try AtomicFile.write(text, to: out)
            print("\(out): \(file.products.count) products, \(stages.count) stages (next time: --since \(file.lastSeq))")
        }
    }

    struct EPCIS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "epcis",
            abstract: "Write batches and chain events as an EPCIS 2.0 JSON-LD document.",
            discussion: """
            One commissioning ObjectEvent per batch issued (its units in epcList, lot and dates in \
            ilmd), one ObjectEvent per chain event (CBV bizStep and disposition; a recall is \
            disposition `recalled`). eventID is the EPCIS event hash. The document's \
            ocop:lastSeq is the log head read: pass it as --since next time to get only what is new.

            Examples:
              ocop-trace export epcis > events.jsonld
              ocop-trace export epcis --since 120 --out Output/events.jsonld
              ocop-trace export epcis --batch KD-2026-11
            """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("Only what was logged after this log seq.", valueName: "seq")) var since: Int64 = 0
        @Option(help: ArgumentHelp("Only this batch's commissioning and events.", valueName: "lot")) var batch: String?
        @Option(help: "Product id, when several products use the lot number.") var product: String?
        @Option(help: ArgumentHelp("File to write (default: standard output).", valueName: "file")) var out: String?
        @Flag(name: .customLong("include-private"), help: "Also the notes, suppliers and prices of events marked --private.")
        var includePrivate = false

        func validate() throws {
            if since < 0 { throw ValidationError("--since must be 0 or more") }
            if product != nil && batch == nil { throw ValidationError("--product needs --batch") }
        }

        func run() throws {
            let opened = try store.open()
            let only = try batch.map { lot in try BatchLookup.find(lot: lot, product: product, in: opened) }
            let text = try EPCISExporter.document(EPCISExportSource.load(from: opened, since: since, batch: only),
                                                includePrivate: includePrivate).prettyText
            guard let out else { return print(text, terminator: "") }
            try AtomicFile.write(text, to: out)
        }
    }
}
