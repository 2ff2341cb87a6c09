import ArgumentParser
import Foundation
import OCOPDomain
import OCOPRender
import OCOPStore

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Batches (lots) and their unit codes.",
        subcommands: [Issue.self, List.self, Show.self, Codes.self]
    )

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a batch code and N signed unit codes, all in one transaction.",
            discussion: """
            Each unit gets an unguessable serial (64 random bits, 13 Crockford characters) and a \
            short code for hand typing (7Q2K-9XW3-M). The lot follows GS1 AI 10: 1-20 characters \
            from A-Z a-z 0-9 and !"%&'()*+,-./:;<=>?_. Interrupted, it leaves no partial batch.

            Example:
              ocop-trace batch issue --product TV-0002 --lot KD-2026-11 --units 5000 \\
                  --produced 2026-11-20 --expires 2027-05-20 --codes Output/KD-2026-11.csv
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
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let batch = try Batch(productID: product, lot: lot, units: units,
                                  produced: produced.map { text throws(DomainError) in try CalendarDate(parsing: text, field: "produced") },
                                  expires: expires.map { text throws(DomainError) in try CalendarDate(parsing: text, field: "expires") })
            if let codes { try OutputCheck.writable(codes) }
            let opened = try store.open()
            // The host is signed into every code: say it before the batch is issued.
            if !json { print("signing for https://\(opened.settings.resolver)/") }
            let total = units
            // Load the key before writing anything: a bad key must not leave a batch without labels.
            let book = try CodeBook(folder: opened.keyFolder, settings: opened.settings)
            // With --codes, each chunk is signed on other cores while the transaction goes on;
            // the file is written only after the commit.
            let signing = try codes.map { _ in
                SigningAhead(book: book, product: try opened.existingProduct(id: product))
            }
            let issued = try opened.issueBatch(batch, actor: store.actorID) { chunk, done in
                signing?.sign(chunk)
                Printer.progress(done, of: total, label: "issuing")
            }
            if let codes, let signing {
                try CodeExport.save(try signing.csv(for: issued.units), to: codes)
            }
            if json {
                return try Printer.json(IssueSummary(product: product, lot: lot, units: issued.units.count,
                                                     seq: issued.batch.seq, codes: codes, resolver: opened.settings.resolver))
            }
            print("batch \(lot) of \(product): \(issued.units.count) unit codes issued (log seq \(issued.batch.seq))")
            if let codes { print("codes written to \(codes)") }
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
            abstract: "Write a batch's signed unit codes as CSV (uri,short_code,serial).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Lot number.") var lot: String
        @Option(help: "Product id, when several products use this lot number.") var product: String?
        @Option(help: ArgumentHelp("CSV file to write (default: standard output).", valueName: "file")) var out: String?

        func run() throws {
            let opened = try store.open()
            let batch = try BatchLookup.find(lot: lot, product: product, in: opened)
            let units = try opened.units(productID: batch.productID, lot: batch.lot)
            let productRecord = try opened.existingProduct(id: batch.productID)
            let book = try CodeBook(folder: opened.keyFolder, settings: opened.settings)
            if let out {
                try CodeExport.write(units, product: productRecord, book: book, to: out)
            } else {
                print(try CodeExport.csv(units, product: productRecord, book: book), terminator: "")
            }
        }
    }
}

/// Finds a batch by lot, asking for the product only when the lot number is ambiguous.
enum BatchLookup {
    static func find(lot: String, product: String?, in store: any TraceStore) throws -> BatchRecord {
        if let product {
            guard let batch = try store.batch(productID: product, lot: lot) else {
                _ = try store.existingProduct(id: product)
                throw StoreError.notFound(what: "lot", id: "\(lot) of product \(product)")
            }
            return batch
        }
        let matches = try store.batches(lot: lot)
        guard let first = matches.first else { throw StoreError.notFound(what: "lot", id: lot) }
        guard matches.count == 1 else {
            throw DomainError(field: "lot", rule: "'\(lot)' exists for products \(matches.map(\.productID).joined(separator: ", ")); pass --product")
        }
        return first
    }
}

/// Signed codes as CSV, for printers' software and spreadsheets.
enum CodeExport {
    static let header = "uri,short_code,serial\n"

    /// One CSV line: the signed URI (one Ed25519 signature), the printed short code, the serial.
    static func line(_ unit: UnitRecord, product: Product, book: CodeBook) -> Result<String, DomainError> {
        do throws(DomainError) {
            let uri = try book.unitLink(unit, product: product).uri
            return .success("\(uri),\(CodeBook.displayShortCode(unit.shortCode)),\(unit.serial)\n")
        } catch {
            return .failure(error)
        }
    }

    static func csv(_ units: [UnitRecord], product: Product, book: CodeBook) throws -> String {
        // Signing dominates (one Ed25519 base-point multiplication per unit): spread it over every core.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, units.count / 1000 + 1))
        let lines = LineSlots(count: units.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: units.count, by: workers) {
                lines.set(index, line(units[index], product: product, book: book))
            }
        }
        return try join(Array(lines.values))
    }

    static func join(_ lines: [Result<String, DomainError>]) throws -> String {
        var text = header
        text.reserveCapacity(lines.count * 200)
        for line in lines {
            text += try line.get()
        }
        return text
    }

    /// One slot per unit; each worker writes only its own indices, so no two threads touch one slot.
    private final class LineSlots: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<Result<String, DomainError>>
        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: .success(""))
        }
        deinit {
            slots.deinitialize()
            slots.deallocate()
        }
        func set(_ index: Int, _ value: Result<String, DomainError>) { slots[index] = value }
        var values: UnsafeMutableBufferPointer<Result<String, DomainError>> { slots }
    }

    static func write(_ units: [UnitRecord], product: Product, book: CodeBook, to path: String) throws {
        try save(try csv(units, product: product, book: book), to: path)
    }

    static func save(_ text: String, to path: String) throws {
        try AtomicFile.write(text, to: path)
    }
}

/// Signs the units of each issued chunk on a background queue as soon as the chunk is logged,
/// so signing overlaps the issuing transaction instead of following it.
final class SigningAhead: @unchecked Sendable {
    private let book: CodeBook
    private let product: Product
    private let group = DispatchGroup()
    private let lock = NSLock()
    /// Each chunk's lines in chunk order, by the seq of the log entry that issued it.
    private var chunks: [Int64: [(serial: String, line: Result<String, DomainError>)]] = [:]

    init(book: CodeBook, product: Product) {
        self.book = book
        self.product = product
    }

    func sign(_ chunk: [UnitRecord]) {
        guard let seq = chunk.first?.seq else { return }
        DispatchQueue.global().async(group: group) { [self] in
            let lines = chunk.map { (serial: $0.serial, line: CodeExport.line($0, product: product, book: book)) }
            lock.withLock { chunks[seq] = lines }
        }
    }

    /// The CSV of the committed units in issue order (log seq, then place in the chunk); a unit
    /// that no signed chunk holds at its place is signed now.
    func csv(for units: [UnitRecord]) throws -> String {
        group.wait()
        var lines: [Result<String, DomainError>] = []
        lines.reserveCapacity(units.count)
        var index = 0
        var currentSeq: Int64 = -1
        for unit in units {
            if unit.seq != currentSeq { currentSeq = unit.seq; index = 0 }
            let signed = chunks[unit.seq].flatMap { index < $0.count && $0[index].serial == unit.serial ? $0[index].line : nil }
            lines.append(signed ?? CodeExport.line(unit, product: product, book: book))
            index += 1
        }
        return try CodeExport.join(lines)
    }
}
