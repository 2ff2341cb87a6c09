import ArgumentParser
import OCOPKit

struct ScansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scans",
        abstract: "What the resolver's scans say about copied labels.",
        subcommands: [Report.self]
    )

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per unit: scans, distinct clients, first and last scan, PIN claimed, sold or not; units that look copied first.",
            discussion: """
            A unit looks copied when its code was scanned from --clients distinct clients or more, \
            scanned after its sale was recorded, or its scratch-off PIN was checked right from \
            another client after the first check (PIN reused; read from the signed pin_claimed \
            entries of the log). Clients are salted hashes of addresses, never \
            the addresses. Without --batch, every unit ever scanned.

            Examples:
              ocop-trace scans report --batch KD-2026-11
              ocop-trace scans report --json > scans.json
            """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("Only this batch's units (all of them, scanned or not).", valueName: "lot")) var batch: String?
        @Option(help: "Product id, when several products use the lot number.") var product: String?
        @Option(help: "Distinct clients from which a code looks copied.") var clients = 5
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if clients < 2 { throw ValidationError("--clients must be 2 or more") }
            if product != nil && batch == nil { throw ValidationError("--product needs --batch") }
        }

        func run() throws {
            let report = try ScanReport.make(store: store.open(), lot: batch, product: product, clients: clients)
            if json { return try Printer.json(report) }
            if report.units.isEmpty { return print("no scan recorded\(batch.map { " for batch \($0)" } ?? "")") }
            Printer.table(["SHORT CODE", "LOT", "SCANS", "CLIENTS", "FIRST", "LAST", "PIN", "SOLD", "LOOKS COPIED"], report.units.map { line in
                [line.shortCode, line.lot, String(line.scans), String(line.distinctClients), line.firstScan ?? "", line.lastScan ?? "",
                 line.pinClaimedAt.map { "claimed " + $0 + (line.pinReuses > 0 ? ", reused \(line.pinReuses)" : "") } ?? "no",
                 line.soldAt ?? "no", line.signals.joined(separator: "; ")]
            })
        }
    }
}
