import ArgumentParser
import Foundation
import OCOPFailure

struct OCOPTrace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocop-trace",
        abstract: "Traceability codes, QR labels and OCOP star stamps for OCOP product batches.",
        discussion: """
        Producers issue a code for every unit of a batch and print it as a QR label; shop staff \
        scan or type a code to learn whether it is genuine; provincial jobs regenerate star stamps \
        after each re-rating round.

        A store is a folder holding a SQLite file and the keys (--store DIR), or a database shared \
        by many sites (--store postgres://user@host:port/db) with the private signing key in a \
        local folder (--keys DIR, or $OCOP_TRACE_KEYS; never in the database). `migrate` copies \
        one into the other.

        Rendered files go to Output/ unless --out says otherwise.
        """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, KeyCommand.self, ActorCommand.self, TokenCommand.self, ProducerCommand.self, LocationCommand.self, ProductCommand.self, RateCommand.self,
            ImportCommand.self, BatchCommand.self, EventCommand.self, RecallCommand.self, HistoryCommand.self, TraceCommand.self,
            VerifyCommand.self, ServeCommand.self, TemplateCommand.self, LabelCommand.self, StampCommand.self, RestampCommand.self,
            LogCommand.self, ReportsCommand.self, ScansCommand.self, ReindexCommand.self, MigrateCommand.self, QRCommand.self, ExportCommand.self, PassportCommand.self,
        ]
    )
}

/// Entry point: runs the command and turns every failure into one line on stderr and a
/// distinct exit code, instead of the parser's multi-line usage dump. This is the one place
/// errors meet exit codes: each error type says its own (`ReportableError`).
@main
enum Main {
    static func main() {
        do {
            var command = try OCOPTrace.parseAsRoot()
            try command.run()
        } catch let error as any ReportableError {
            fail(error.oneLineMessage, code: error.exitCode)
        } catch let code as ExitCode {
            // A verdict's exit code: the command has printed its own report.
            exit(code.rawValue)
        } catch {
            let code = OCOPTrace.exitCode(for: error)
            // Help and --version are "errors" to the parser that must print in full.
            if code == .success { OCOPTrace.exit(withError: error) }
            let message = OCOPTrace.message(for: error)
                .split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            fail(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message, code: OCOPExit.usage)
        }
    }

    private static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("ocop-trace: error: \(TerminalText.escaped(message))\n".utf8))
        exit(code)
    }
}
