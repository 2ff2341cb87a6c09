import ArgumentParser
import Foundation
import OCOPFailure
import OCOPPostgres
import OCOPStore

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a SQLite store into an empty PostgreSQL database, the chain re-verified on arrival.",
        discussion: """
        Every log entry is copied as it is (same seq, hash and prev_hash) in one transaction; the \
        chain is checked as it leaves the SQLite file and walked again in PostgreSQL, and any \
        mismatch rolls everything back. The derived tables are rebuilt from the copied log. The \
        key pair is copied to the --keys folder (0700, private key 0600): keep that folder on the \
        machines that issue codes, never in the database. The target must hold no store (exit 67).

        Example:
          ocop-trace migrate --from ./.ocop-trace --to postgres://ocop@db.example.vn:5432/ocop --keys /etc/ocop-trace/keys
        """
    )

    @Option(help: ArgumentHelp("The SQLite store folder to copy.", valueName: "dir")) var from: String
    @Option(help: ArgumentHelp("The empty PostgreSQL database: postgres://user@host:port/db.", valueName: "url")) var to: String
    @OptionGroup var keys: KeysOption

    func run() throws {
        guard case let .postgres(url, keyFolder) = try StoreLocation.resolve(store: to, keys: keys.path) else {
            throw CLIError(message: "to: '\(to)' is not a postgres://user@host:port/db address", exitCode: OCOPExit.usage)
        }
        guard !PostgresURL.isPostgres(from) else {
            throw CLIError(message: "from: '\(from)' must be a SQLite store folder", exitCode: OCOPExit.usage)
        }
        let source = try SQLiteTraceStore(folder: StoreFolder(path: from))
        let summary = try PostgresMigration.copy(from: source, to: url, keyFolder: keyFolder) { done, total in
            Printer.progress(Int(done), of: Int(total), label: "copying log entries")
        }
        print("copied \(summary.entries) log entries to \(url); chain verified on arrival (head \(summary.headHash))")
        print("keys: \(summary.keyFolder.privateKeyPath) (private, 0600) and \(summary.keyFolder.publicKeyPath); "
              + "use --keys \(summary.keyFolder.path) (or $OCOP_TRACE_KEYS) with --store \(url)")
    }
}
