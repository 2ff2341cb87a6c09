import ArgumentParser
import OCOPKit

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Who handed the goods to whom, when and where: one step back, one step forward.",
        discussion: """
        Reads the chain events with their places (`event add --location-id`) and handover \
        parties (--from/--to), names and addresses taken from the registers.

        Examples:
          ocop-trace trace back 7Q2K-9XW3-M
          ocop-trace trace forward 7Q2K-9XW3-M --json
          ocop-trace trace forward --batch KD-2026-11     # where every unit of a batch went
        """,
        subcommands: [Back.self, Forward.self]
    )

    struct Back: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A unit's stages, newest first, back to its producer.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The unit's code: its URI or short code.") var code: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let trace = try TraceChain(store: store.open()).unit(code, direction: .back)
            try TraceOutput.print(trace, json: json)
        }
    }

    struct Forward: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "From the producer onwards: a unit's stages, or a batch's and where its units are now.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The unit's code: its URI or short code. Omit it and pass --batch for a whole batch.") var code: String?
        @Option(help: ArgumentHelp("Lot number: every stage of the batch and of its units.", valueName: "lot")) var batch: String?
        @Option(help: "Product id, when several products use the lot number.") var product: String?
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if (code == nil) == (batch == nil) { throw ValidationError("code: give a unit's code or --batch LOT (one of them)") }
        }

        func run() throws {
            let chain = TraceChain(store: try store.open())
            let trace = if let batch { try chain.batch(lot: batch, product: product) } else { try chain.unit(code ?? "", direction: .forward) }
            try TraceOutput.print(trace, json: json)
        }
    }
}

/// A trace as lines: the subject, the producer, then each stage with its parties and place.
enum TraceOutput {
    static func print(_ trace: ChainTrace, json: Bool) throws {
        if json { return try Printer.json(trace) }
        let subject = trace.serial.map { "unit \($0)" } ?? "batch \(trace.lot)"
        Swift.print("trace \(trace.direction.rawValue): \(subject) of \(trace.productName) (\(trace.productID)), lot \(trace.lot)")
        Swift.print("code: \(trace.traceCode)")
        let origin = "producer: " + (trace.producer.map { [$0.label, $0.address].compactMap { $0 }.joined(separator: ", ") } ?? "?")
            + (trace.produced.map { "; produced \($0)" } ?? "")
        if trace.direction == .forward { Swift.print(origin) }
        if trace.stages.isEmpty { Swift.print("no stage recorded since the codes were issued") }
        Printer.table(["TIME", "STEP", "FOR", "FROM → TO", "WHERE"], trace.stages.map { stage in
            let handover = stage.from != nil || stage.to != nil
                ? "\(stage.from?.label ?? "?") → \(stage.to?.label ?? "?")" : ""
            let place = stage.location.map { "\($0.label) [\($0.traceCode ?? $0.id)]" } ?? stage.locationText ?? ""
            let step = stage.step + (stage.disposition.map { " (\($0))" } ?? "")
            return [stage.at, step, stage.serial == nil ? "batch" : "unit", handover, place]
        })
        if trace.direction == .back { Swift.print(origin) }
        if let holdings = trace.holdings {
            Swift.print("where the units are now:")
            for holding in holdings {
                Swift.print("  \(holding.units) \(holding.units == 1 ? "unit" : "units")  \(holding.sold ? "sold at " : "")\(holding.holder)")
            }
        }
    }
}
