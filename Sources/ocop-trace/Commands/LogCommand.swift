import Foundation
import ArgumentParser
import OCOPFailure
import OCOPRender
import OCOPStore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "The append-only, hash-chained log of every change.",
        subcommands: [Verify.self, Show.self, Checkpoint.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the whole chain; report OK with the head hash, or the first bad seq (exit 65).",
            discussion: """
            With --deep, also replays the whole log into a scratch copy of the derived tables and \
            compares it row by row with the store's (producers, products, ratings, batches, units, \
            chain events, stamps, scans): every row that is missing, extra or differs is listed as \
            table, key and column, and the exit code is 65. `reindex` rebuilds the tables from the log.

            Every entry must be covered by the signed seal of its write, by a key in force at the \
            time and within its actor's role. With --checkpoint FILE (repeatable, files from \
            `log checkpoint`), also fails when the log no longer extends a checkpoint: rows removed \
            from its end, or the log rewritten from some point on.
            """
        )
        @OptionGroup var store: StoreOptions
        @Flag(help: "Also compare every derived row with a replay of the log.") var deep = false
        @Option(name: .customLong("checkpoint"), help: ArgumentHelp("A checkpoint file the log must extend (repeatable).", valueName: "file"))
        var checkpoints: [String] = []
        @Flag(help: "Print JSON.") var json = false

        struct DeepResult: Encodable {
            let log: LogVerification
            let differences: [DerivedDifference]
            let differenceCount: Int
            enum CodingKeys: String, CodingKey {
                case log, differences
                case differenceCount = "difference_count"
            }
        }

        func run() throws {
            let opened = try store.open()
            // Read the files first: a missing file is a usage error, not a verdict on the log.
            let checkpoints = try self.checkpoints.map { path in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw CLIError(message: "checkpoint: cannot read \(path)", exitCode: OCOPExit.notFound)
                }
                return (path, try LogCheckpoint.parse(data, name: path))
            }
            let result = try opened.verifyLog()
            var audit: (differences: [DerivedDifference], total: Int)?
            if deep, result.isIntact {
                audit = try DerivedStateAudit.run(opened)
            }
            if json {
                if let audit {
                    try Printer.json(DeepResult(log: result, differences: audit.differences, differenceCount: audit.total))
                } else {
                    try Printer.json(result)
                }
            } else if result.isIntact {
                if let audit {
                    for difference in audit.differences { print(difference.description) }
                    if audit.total > audit.differences.count { print("… and \(audit.total - audit.differences.count) more") }
                }
                if audit?.total ?? 0 == 0 {
                    print("OK: \(result.entries) entries, head \(result.headHash)\(deep ? "; every derived row matches the log" : "")")
                }
            }
            if result.isIntact {
                for (path, checkpoint) in checkpoints {
                    if let problem = try opened.problem(with: checkpoint) {
                        throw CLIError(message: "log: checkpoint \(path) (seq \(checkpoint.seq)): \(problem)", exitCode: OCOPExit.data)
                    }
                    if !json { print("OK: extends checkpoint \(path) (seq \(checkpoint.seq), \(checkpoint.time))") }
                }
            }
            if let bad = result.firstBadSeq {
                throw CLIError(message: "log: seq \(bad) fails verification: \(result.problem ?? "mismatch") (\(result.entries) entries before it are intact)",
                               exitCode: OCOPExit.data)
            }
            if let audit, audit.total > 0 {
                throw CLIError(message: "log: the chain is intact but \(audit.total) derived row(s) differ from it; run `ocop-trace reindex` to rebuild them",
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

    struct Checkpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a signed statement of the log's head (seq, hash, time) to keep outside the store.",
            discussion: """
            Signed with the store key. Keep it where the store's writers cannot reach (another \
            machine, a printout, the province's site); `log verify --checkpoint FILE` then fails \
            if entries after it were removed or the log was rewritten. `serve` publishes a fresh one \
            at /.well-known/ocop-trace/checkpoint.

            Example:
              ocop-trace log checkpoint --out checkpoints/2026-12-03.json
              ocop-trace log verify --checkpoint checkpoints/2026-12-03.json
            """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("File to write (temp file and rename); default: standard output.", valueName: "file"))
        var out: String?

        func run() throws {
            let checkpoint = try store.open().checkpoint()
            let text = try checkpoint.text()
            guard let out else { return print(text, terminator: "") }
            try AtomicFile.write(text, to: out)
            print("checkpoint of seq \(checkpoint.seq) (head \(checkpoint.hash)) written to \(out)")
        }
    }
}
