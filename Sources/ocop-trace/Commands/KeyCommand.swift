import ArgumentParser
import OCOPStore
import OCOPRender

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "The issuer's signing key.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print (or write) the public key that checks this store's codes offline.",
            discussion: "Shops pass it to `ocop-trace verify --pubkey FILE`. The private key is never exported."
        )

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("Write the PEM to this file instead of standard output.", valueName: "file"))
        var out: String?

        func run() throws {
            let folder = store.folder
            let key = try cli { () throws(StoreError) in try KeyFiles.loadPublic(folder.publicKeyPath) }
            let pem = KeyFiles.publicPEM(key)
            if let out {
                do { try AtomicFile.write(pem, to: out) } catch {
                    throw CLIError(message: error.description, exitCode: OCOPExit.cannotCreate)
                }
            } else {
                print(pem, terminator: "")
            }
        }
    }
}
