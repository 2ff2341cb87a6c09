import ArgumentParser
import OCOPRender
import OCOPStore

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "The issuer's signing keys.",
        subcommands: [Export.self, List.self, Rotate.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print (or write) the public keys that check this store's codes offline.",
            discussion: """
            Every key the store has signed with, newest first, as PEM blocks: after `key rotate`, \
            codes printed earlier still verify. Shops pass the file to `ocop-trace verify --pubkey FILE`. \
            The private key is never exported.
            """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("Write the PEM to this file instead of standard output.", valueName: "file"))
        var out: String?

        func run() throws {
            let opened = try store.open()
            let keys = try opened.issuerKeys()
            let pem = keys.reversed().compactMap { key in KeyFiles.parsePublic(base64URL: key.publicKey).map(KeyFiles.publicPEM) }.joined()
            if let out {
                try AtomicFile.write(pem, to: out)
            } else {
                print(pem, terminator: "")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the store's keys by key id.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            let keys = try opened.issuerKeys()
            if json { return try Printer.json(keys) }
            Printer.table(["KEY ID", "SINCE SEQ", "STATE"], keys.enumerated().map { index, key in
                [key.id, String(key.seq), index == keys.count - 1 ? "signing" : "retired (verifies old codes)"]
            })
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the signing key; codes issued before keep verifying.",
            discussion: """
            A new Ed25519 key (mode 0600) signs every code from now on; the rotation and the new \
            public key are logged, and the old private key is deleted. Export the keys again for \
            shops that verify offline.
            """
        )
        @OptionGroup var store: StoreOptions

        func run() throws {
            let opened = try store.open()
            let (old, new) = try opened.rotateKey(actor: try store.author(for: opened))
            print("signing key \(old.id) retired; new signing key \(new.id) (log seq \(new.seq))")
            print("run `ocop-trace key export --out FILE` again for shops that verify offline")
        }
    }
}
