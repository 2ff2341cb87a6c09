import ArgumentParser
import Foundation
import OCOPDomain
import OCOPStore

struct EventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Record a step of a unit's or a batch's journey along the value chain.",
        subcommands: [Add.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append a chain event (GS1 CBV business step, optional disposition).",
            discussion: """
            Steps: \(BusinessStep.allCases.map(\.rawValue).joined(separator: ", ")).

            Dispositions: \(Disposition.allCases.map(\.rawValue).joined(separator: ", ")).

            An event on a batch (--batch LOT) applies to all its units. A recall is an event \
            with disposition `recalled` (see `ocop-trace recall`).

            Examples:
              ocop-trace event add --batch KD-2026-11 --step shipping --disposition in_transit \\
                  --location 'HTX Đại Phước, Càng Long' --at 2026-11-21T07:30:00+07:00
              ocop-trace event add 7Q2K-9XW3-M --step retail_selling --location 'OCOP shop Ao Bà Om'
            """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "A unit's code: its URI or short code. Omit it and pass --batch for a whole batch.")
        var code: String?
        @Option(help: "Lot number: the event applies to the whole batch.") var batch: String?
        @Option(help: "Product id, when several products use the lot number.") var product: String?
        @Option(help: "CBV business step, e.g. shipping.") var step: String
        @Option(help: "CBV disposition, e.g. in_transit.") var disposition: String?
        @Option(help: ArgumentHelp("When it happened (ISO 8601; default now, +07:00).", valueName: "time")) var at: String?
        @Option(help: "Where it happened.") var location: String?
        @Option(help: "Free text.") var note: String?

        func validate() throws {
            if (code == nil) == (batch == nil) {
                throw ValidationError("code: give a unit's code or --batch LOT (one of them)")
            }
        }

        func run() throws {
            let opened = try store.open()
            let target = try ChainTarget.resolve(code: code, lot: batch, product: product, in: opened)
            let event = try ChainEvent(productID: target.productID, lot: target.lot, serial: target.serial,
                                       step: BusinessStep(parsing: step),
                                       disposition: disposition.map { text throws(DomainError) in try Disposition(parsing: text) },
                                       at: at.map { text throws(DomainError) in try EventTime(parsing: text, now: Date()) } ?? EventTime(date: Date()),
                                       location: location, note: note)
            let entry = try opened.addChainEvent(event, actor: store.actorID)
            print("\(event.step.rawValue) recorded for \(target.description) at \(event.at.text) (log seq \(entry.seq))")
        }
    }
}

struct RecallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Recall a batch: a chain event with disposition `recalled` on every unit.",
        discussion: """
        Every unit of the batch then verifies as RECALLED.

        Example:
          ocop-trace recall --batch KD-2026-11 --reason 'bao bì bị phồng / swollen packaging'
        """
    )
    @OptionGroup var store: StoreOptions
    @Option(help: "Lot number.") var batch: String
    @Option(help: "Product id, when several products use the lot number.") var product: String?
    @Option(help: "Why the batch is recalled.") var reason: String
    @Option(help: "Where the recall is handled.") var location: String?

    func run() throws {
        let opened = try store.open()
        let target = try ChainTarget.resolve(code: nil, lot: batch, product: product, in: opened)
        let event = try ChainEvent(productID: target.productID, lot: target.lot, step: .holding, disposition: .recalled,
                                   at: EventTime(date: Date()), location: location, note: reason)
        let entry = try opened.addChainEvent(event, actor: store.actorID)
        print("batch \(target.lot) of \(target.productID) recalled (log seq \(entry.seq))")
    }
}

/// A unit (by its code) or a whole batch (by lot).
struct ChainTarget: CustomStringConvertible {
    let productID: String
    let lot: String
    let serial: String?

    var description: String { serial.map { "unit \($0) of \(lot)" } ?? "batch \(lot) of \(productID)" }

    static func resolve(code: String?, lot: String?, product: String?, in store: any TraceStore) throws -> ChainTarget {
        if let lot {
            let batch = try BatchLookup.find(lot: lot, product: product, in: store)
            return ChainTarget(productID: batch.productID, lot: batch.lot, serial: nil)
        }
        let unit = try UnitLookup.find(code ?? "", in: store)
        return ChainTarget(productID: unit.productID, lot: unit.lot, serial: unit.serial)
    }
}

/// Finds the unit a code names. A URI must carry this store's valid signature.
enum UnitLookup {
    static func find(_ text: String, in store: any TraceStore) throws -> UnitRecord {
        try { () throws(StoreError) -> UnitRecord in
            switch CodeInput(text: text) {
            case let .malformed(_, error):
                throw .invalid(DomainError(field: "code", rule: "is not a unit URI or short code: \(error.description)"))
            case let .shortCode(code):
                guard let unit = try store.unit(shortCode: code.compact) else { throw .notFound(what: "code", id: code.display) }
                return unit
            case let .link(link):
                let keys = try store.issuerKeys().compactMap { try? Base64URL.decode($0.publicKey) }
                let report = try CodeCheck(publicKeys: keys, store: nil).check(.link(link), on: Today.inVietnam())
                guard report.verdict == .genuineSignature, let serial = link.serial else {
                    throw .invalid(DomainError(field: "code", rule: "\(report.reason ?? "is not signed by this store")"))
                }
                guard let unit = try store.unit(serial: serial) else { throw .notFound(what: "code", id: link.uri) }
                return unit
            }
        }()
    }
}
