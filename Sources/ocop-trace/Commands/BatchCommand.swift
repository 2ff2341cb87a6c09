import ArgumentParser
import Foundation
import OCOPDomain
import OCOPKit
import OCOPRender
import OCOPStore

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Batches (lots) and their unit codes.",
        subcommands: [Issue.self, List.self, Show.self, Codes.self, Serials.self]
    )

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a batch code and N signed unit codes, all in one transaction.",
            discussion: """
            Each unit gets an unguessable serial (64 random bits, 13 Crockford characters) and a \
            short code for hand typing (7Q2K-9XW3-M). The lot follows GS1 AI 10: 1-20 characters \
            from A-Z a-z 0-9 and !"%&'()*+,-./:;<=>?_. Interrupted, it leaves no partial batch.

            With --pins every unit also gets a secret 8-digit PIN for a scratch-off sticker. The \
            PINs are written once, to the codes file (a `pin` column, file mode 0600); the store \
            keeps only their HMAC-SHA256 under a secret key (pin-pepper.key beside the issuer \
            key), in signed `pins_issued` log entries. No command can print them again.

            Example:
              ocop-trace batch issue --product TV-0002 --lot KD-2026-11 --units 5000 \\
                  --produced 2026-11-20 --expires 2027-05-20 --codes Output/KD-2026-11.csv
              ocop-trace batch issue --product TV-0002 --lot KD-2026-12 --units 500 --pins --codes Output/KD-2026-12.csv
            """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "Product id.") var product: String
        @Option(help: "Lot (batch) number.") var lot: String
        @Option(help: "How many unit codes (1-1,000,000).") var units: Int
        @Option(help: ArgumentHelp("Production date (YYYY-MM-DD).", valueName: "date")) var produced: String?
        @Option(help: ArgumentHelp("Expiry date (YYYY-MM-DD).", valueName: "date")) var expires: String?
        @Option(help: ArgumentHelp("Also write the signed codes as CSV (uri,short_code,serial).", valueName: "file"))
        var codes: String?
        @Flag(help: "Give every unit a secret scratch-off PIN, written once to the codes file (needs --codes).") var pins = false
        @Flag(help: "Print the result as JSON.") var json = false

        func validate() throws {
            if pins, codes == nil {
                throw ValidationError("pins: need --codes FILE: the PINs are written there once and nowhere else")
            }
        }

        func run() throws {
            let batch = try Batch(productID: product, lot: lot, units: units,
                                  produced: produced.map { text throws(DomainError) in try CalendarDate(parsing: text, field: "produced") },
                                  expires: expires.map { text throws(DomainError) in try CalendarDate(parsing: text, field: "expires") })
            if let codes { try OutputCheck.writable(codes) }
            let opened = try store.open()
            let total = units
            let outcome = try IssueBatch(store: opened)(batch, actor: try store.author(for: opened), codesFile: codes, pins: pins) { done in
                Printer.progress(done, of: total, label: "issuing")
            }
            let issued = outcome.issued
            if json {
                return try Printer.json(IssueSummary(product: product, lot: lot, units: issued.units.count,
                                                     seq: issued.batch.seq, codes: codes, resolver: outcome.resolver))
            }
            print("batch \(lot) of \(product): \(issued.units.count) unit codes issued (log seq \(issued.batch.seq)), signed for https://\(outcome.resolver)/")
            if let codes { print("codes written to \(codes)" + (pins ? " with their PINs (mode 0600; they are written nowhere else)" : "")) }
        }

        struct IssueSummary: Encodable { let product: String, lot: String, units: Int, seq: Int64, codes: String?, resolver: String }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List batches.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this product's batches.") var product: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            // An unknown product is an error, not an empty list that looks like "no batches yet".
            if let product { _ = try opened.existingProduct(id: product) }
            let batches = try opened.batches(productID: product)
            if json { return try Printer.json(batches) }
            Printer.table(["PRODUCT", "LOT", "UNITS", "PRODUCED", "EXPIRES", "SEQ"], batches.map {
                [$0.productID, $0.lot, String($0.units), $0.produced?.description ?? "-", $0.expires?.description ?? "-", String($0.seq)]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one batch with its chain events.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Lot number.") var lot: String
        @Option(help: "Product id, when several products use this lot number.") var product: String?
        @Flag(help: "Print JSON.") var json = false

        struct Detail: Encodable {
            let batch: BatchRecord
            let batchURI: String
            let events: [ChainEventRecord]
            enum CodingKeys: String, CodingKey {
                case batch, events
                case batchURI = "batch_uri"
            }
        }

        func run() throws {
            let opened = try store.open()
            let batch = try BatchLookup.find(lot: lot, product: product, in: opened)
            let productRecord = try opened.existingProduct(id: batch.productID)
            let uri = try CodeBook.batchURI(batch, product: productRecord, resolver: opened.settings.resolver)
            let detail = Detail(batch: batch, batchURI: uri,
                                events: try opened.history(productID: batch.productID, lot: batch.lot, serial: nil))
            if json { return try Printer.json(detail) }
            print("batch \(batch.lot) of \(batch.productID): \(batch.units) units")
            print("code: \(detail.batchURI)")
            for record in detail.events { print(HistoryCommand.line(record)) }
        }
    }

    struct Codes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a batch's signed unit codes as CSV (uri,short_code,serial).",
            discussion: """
            Never with PINs: a batch issued --pins had its PINs written once, to the codes file of \
            `batch issue`; the store keeps only their hashes, so no command can write them again.
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "Lot number.") var lot: String
        @Option(help: "Product id, when several products use this lot number.") var product: String?
        @Option(help: ArgumentHelp("CSV file to write (default: standard output).", valueName: "file")) var out: String?

        func run() throws {
            let opened = try store.open()
            let batch = try BatchLookup.find(lot: lot, product: product, in: opened)
            let productRecord = try opened.existingProduct(id: batch.productID)
            let units = try opened.units(productID: batch.productID, lot: batch.lot)
            let book = try CodeBook(folder: opened.keyFolder, settings: opened.settings)
            if let out {
                try CodeExport.write(units, product: productRecord, book: book, to: out)
            } else {
                print(try CodeExport.csv(units, product: productRecord, book: book), terminator: "")
            }
        }
    }

    struct Serials: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the signed list of batches' issued serials, for shops that check compact codes offline.",
            discussion: """
            A compact code (the QR code of small labels, "unit_code": "compact") has no signature, \
            so offline it is checked against this list: GTIN (or product id), lot and every serial \
            the log's own units_issued entries issued, each entry hash-checked and sealed by a \
            trusted key (never the derived tables). The file (format ocop-trace-serials/1) also \
            carries the store keys and is signed with the store key in force, so adding or \
            removing a serial breaks its signature. Shops run `ocop-trace verify CODE --serials \
            FILE` (GENUINE_LISTED or UNKNOWN); give them the list of every batch they sell, and a \
            new one after each new batch.

            Examples:
              ocop-trace batch serials KD-2026-11 --out serials-KD-2026-11.json
              ocop-trace batch serials --all --product TV-0002 --out serials-TV-0002.json
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "Lot numbers (with --all: none).") var lots: [String] = []
        @Option(help: "Product id, when several products use a lot number; with --all, only its batches.") var product: String?
        @Flag(help: "Every batch of the store (or of --product).") var all = false
        @Option(help: ArgumentHelp("File to write (temp file and rename); default: standard output.", valueName: "file"))
        var out: String?

        func validate() throws {
            if all == !lots.isEmpty {
                throw ValidationError("lots: name one or more lots, or pass --all (not both)")
            }
        }

        func run() throws {
            if let out { try OutputCheck.writable(out) }
            let opened = try store.open()
            let batches: [BatchRecord]
            if all {
                if let product { _ = try opened.existingProduct(id: product) }
                batches = try opened.batches(productID: product)
            } else {
                batches = try lots.map { lot in try BatchLookup.find(lot: lot, product: product, in: opened) }
            }
            let list = try opened.serialList(of: batches)
            let text = try list.text()
            guard let out else { return print(text, terminator: "") }
            try AtomicFile.write(text, to: out)
            let count = list.batches.reduce(0) { $0 + $1.serials.count }
            print("serial list of \(list.batches.count) batch(es), \(count) serials, signed by key \(list.keyID) at log seq \(list.checkpoint.seq), written to \(out)")
        }
    }
}
