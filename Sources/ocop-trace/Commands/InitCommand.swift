import ArgumentParser
import OCOPStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a store: the SQLite log and the issuer's Ed25519 signing key.",
        discussion: """
        The folder gets ocop-trace.sqlite, issuer-key.pem (the private key, mode 0600, never \
        printed) and issuer-pub.pem (give it to shops: `ocop-trace key export`).

        The resolver is the host every code points at, e.g. id.example.vn: codes are \
        https://<resolver>/01/<gtin14>/10/<lot>/21/<serial>?s=<signature>. It is part of what \
        is signed, so choose it once.

        Example:
          ocop-trace init --store ./.ocop-trace --resolver id.example.vn
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Resolver host (and optional :port) the codes point at.", valueName: "host"))
    var resolver = "id.example.vn"

    func validate() throws {
        let allowed = resolver.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-.:".unicodeScalars.contains($0)
        }
        guard allowed, !resolver.isEmpty, resolver.count <= 253, !resolver.hasPrefix("."), !resolver.hasPrefix("-") else {
            throw ValidationError("resolver: '\(resolver)' is not a host name such as id.example.vn (letters, digits, '-', '.', optional :port)")
        }
    }

    func run() throws {
        let folder = store.folder
        let created = try cli { () throws(StoreError) in
            try SQLiteTraceStore.create(folder: folder, resolver: resolver.lowercased(), actor: store.actorID)
        }
        print("created store in \(folder.path)")
        print("resolver: https://\(created.settings.resolver)/")
        print("public key: \(folder.publicKeyPath) (share it; the private key stays in \(folder.privateKeyPath))")
    }
}
