import ArgumentParser
import OCOPFailure
import OCOPStore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "The append-only, hash-chained log of every change.",
        subcommands: [Verify.self, Show.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the whole chain; report OK with the head hash, or the first bad seq (exit 65)."
        )
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            let result = try opened.verifyLog()
            if json {
                try Printer.json(result)
            } else if result.isIntact {
                print("OK: \(result.entries) entries, head \(result.headHash)")
            }
            if let bad = result.firstBadSeq {
                throw CLIError(message: "log: seq \(bad) fails verification: \(result.problem ?? "mismatch") (\(result.entries) entries before it are intact)",
                               exitCode: OCOPExit.data)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print log entries.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Start after this seq.") var after: Int64 = 0
        @Option(help: "At most this many entries.") var limit = 50
        @Flag(help: "Print JSON lines with the full payload.") var json = false

        struct Line: Encodable {
            let seq: Int64, time: String, kind: String, actor: String, payload: String
            let prevHash: String, hash: String
            enum CodingKeys: String, CodingKey {
                case seq, time, kind, actor, payload, hash
                case prevHash = "prev_hash"
            }
        }

        func run() throws {
            let opened = try store.open()
            let entries = try opened.logEntries(after: after, limit: limit)
            if json {
                return try Printer.json(entries.map {
                    Line(seq: $0.seq, time: $0.time, kind: $0.kind, actor: $0.actor, payload: $0.payload,
                         prevHash: $0.previousHash, hash: $0.hash)
                })
            }
            Printer.table(["SEQ", "TIME", "KIND", "ACTOR", "HASH"], entries.map {
                [String($0.seq), $0.time, $0.kind, $0.actor, String($0.hash.prefix(16))]
            })
        }
    }
}
