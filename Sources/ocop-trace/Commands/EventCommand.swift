import ArgumentParser
import Foundation
import OCOPDomain
import OCOPKit
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

            Circular 02 asks each stage for a location trace code and, for a handover, one step \
            back and one forward: register places with `location add` and name them with \
            --location-id; --from/--to (on \(BusinessStep.handovers.map(\.rawValue).sorted().joined(separator: ", "))) name \
            a producer, an actor or a location (write kind:id when an id is in two registers). \
            `trace back CODE` and `trace forward` read them back.

            An event on a batch (--batch LOT) applies to all its units. A recall is an event \
            with disposition `recalled` (see `ocop-trace recall`).

            Examples:
              ocop-trace event add --batch KD-2026-11 --step shipping --disposition in_transit \\
                  --location-id XUONG-DP --from HTX-DP --to KHO-VL --at 2026-11-21T07:30:00+07:00
              ocop-trace event add 7Q2K-9XW3-M --step retail_selling --location 'OCOP shop Ao Bà Om'
              ocop-trace event add --batch KD-2026-11 --step receiving --supplier 'Vựa dừa Tư Hòa' \
                  --price '45.000 đ/hộp' --private
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
        @Option(help: "Where it happened, as free text.") var location: String?
        @Option(name: .customLong("location-id"), help: ArgumentHelp("Where it happened: a location of the register (`location add`).", valueName: "id"))
        var locationID: String?
        @Option(help: ArgumentHelp("Who handed the goods over (shipping, receiving, …): a producer, actor or location id, or kind:id.", valueName: "party"))
        var from: String?
        @Option(help: ArgumentHelp("Who took the goods: a producer, actor or location id, or kind:id.", valueName: "party"))
        var to: String?
        @Option(help: "Free text.") var note: String?
        @Option(help: "Who supplied the goods at this step.") var supplier: String?
        @Option(help: "The price at this step, as written (e.g. '45.000 đ/hộp').") var price: String?
        @Flag(name: .customLong("private"), help: "Keep the note, supplier and price off public pages and exports (export epcis --include-private shows them).")
        var isPrivate = false

        func validate() throws {
            if (code == nil) == (batch == nil) {
                throw ValidationError("code: give a unit's code or --batch LOT (one of them)")
            }
        }

        func run() throws {
            let opened = try store.open()
            let target = try ChainTarget.resolve(code: code, lot: batch, product: product, in: opened)
            let draft = EventDraft(step: try BusinessStep(parsing: step),
                                   disposition: try disposition.map { text throws(DomainError) in try Disposition(parsing: text) },
                                   at: try at.map { text throws(DomainError) in try EventTime(parsing: text, now: Date()) } ?? EventTime(date: Date()),
                                   location: location, locationID: locationID, from: from, to: to, note: note,
                                   supplier: supplier, price: price, isPrivate: isPrivate)
            let entry = try RecordEvent(store: opened)(draft, for: target, actor: try store.author(for: opened))
            print("\(draft.step.rawValue) recorded for \(target.description) at \(draft.at.text) (log seq \(entry.seq))")
        }
    }
}

struct RecallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Recall a batch (every unit then verifies as RECALLED), or lift a recall on purpose.",
        discussion: """
        A recall is a chain event with disposition `recalled` on the whole batch. It stands until \
        `recall --lift`: no other event lifts it, whatever its disposition (a later shipment \
        `in_transit` or a stocking `sellable_accessible` does not make recalled units genuine). \
        A lift is logged as an `inspecting` event with disposition `sellable_accessible`, and is \
        refused for a batch that is not recalled.

        Examples:
          ocop-trace recall --batch KD-2026-11 --reason 'bao bì bị phồng / swollen packaging'
          ocop-trace recall --lift --batch KD-2026-11 --reason 'kiểm nghiệm đạt / lab test passed'
        """
    )
    @OptionGroup var store: StoreOptions
    @Option(help: "Lot number.") var batch: String
    @Option(help: "Product id, when several products use the lot number.") var product: String?
    @Option(help: "Why the batch is recalled, or why the recall is lifted.") var reason: String
    @Option(help: "Where the recall is handled.") var location: String?
    @Flag(help: "Lift the batch's standing recall instead of recalling it.") var lift = false

    func run() throws {
        let opened = try store.open()
        let target = try ChainTarget.resolve(code: nil, lot: batch, product: product, in: opened)
        let record = RecordEvent(store: opened)
        let now = EventTime(date: Date())
        let entry = lift ? try record.liftRecall(target, reason: reason, location: location, at: now, actor: try store.author(for: opened))
            : try record.recall(target, reason: reason, location: location, at: now, actor: try store.author(for: opened))
        print("batch \(target.lot) of \(target.productID) \(lift ? "recall lifted" : "recalled") (log seq \(entry.seq))")
    }
}
