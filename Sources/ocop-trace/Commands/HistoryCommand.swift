import ArgumentParser
import OCOPKit
import OCOPStore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "A unit's chain of events in time order, batch events included.",
        discussion: "Example:\n  ocop-trace history 7Q2K-9XW3-M --json"
    )
    @OptionGroup var store: StoreOptions
    @Argument(help: "The unit's URI or short code.") var code: String
    @Flag(help: "Print JSON.") var json = false

    struct Report: Encodable {
        let product: String
        let lot: String
        let serial: String
        let shortCode: String
        let events: [ChainEventRecord]
        enum CodingKeys: String, CodingKey {
            case product, lot, serial, events
            case shortCode = "short_code"
        }
    }

    func run() throws {
        let opened = try store.open()
        let unit = try UnitLookup.find(code, in: opened)
        let events = try opened.history(productID: unit.productID, lot: unit.lot, serial: unit.serial)
        if json {
            return try Printer.json(Report(product: unit.productID, lot: unit.lot, serial: unit.serial,
                                           shortCode: CodeBook.displayShortCode(unit.shortCode), events: events))
        }
        print("unit \(unit.serial) (\(CodeBook.displayShortCode(unit.shortCode))) of lot \(unit.lot), product \(unit.productID)")
        if events.isEmpty { print("no chain events yet") }
        for record in events { print(Self.line(record)) }
    }

    static func line(_ record: ChainEventRecord) -> String {
        let e = record.event
        var parts = [e.at.text, e.serial == nil ? "batch" : "unit ", e.step.rawValue]
        if let d = e.disposition { parts.append("(\(d.rawValue))") }
        if let l = e.location { parts.append("at \(l)") }
        if let n = e.note { parts.append("— \(n)") }
        if let s = e.supplier { parts.append("supplier \(s)") }
        if let p = e.price { parts.append("price \(p)") }
        if e.isPrivate { parts.append("(private)") }
        parts.append("[by \(record.actor), seq \(record.seq)]")
        // Notes, places and actors come from the store: never let them reach the terminal raw.
        return TerminalText.escaped(parts.joined(separator: "  "))
    }
}
