import ArgumentParser
import OCOPStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a store: the log (SQLite file or PostgreSQL database) and the issuer's Ed25519 signing key.",
        discussion: """
        The folder gets ocop-trace.sqlite, issuer-key.pem (the private key, mode 0600, never \
        printed) and issuer-pub.pem (give it to shops: `ocop-trace key export`).

        With --store postgres://user@host:port/db (an empty database) the tables go into \
        PostgreSQL and the key pair into the --keys folder (created 0700, private key 0600): \
        the private key never enters the shared database; the public key is in the log, so \
        every site can verify codes.

        The resolver is the host every code points at, e.g. id.example.vn: codes are \
        https://<resolver>/01/<gtin14>/10/<lot>/21/<serial>?s=<signature>. It is part of what \
        is signed, so choose it once.

        Example:
          ocop-trace init --store ./.ocop-trace --resolver id.example.vn
          ocop-trace init --store postgres://ocop@db.example.vn:5432/ocop --keys /etc/ocop-trace/keys
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Resolver host (and optional :port) the codes point at; required, it is signed into every code.",
                               valueName: "host"))
    var resolver: String?

    func validate() throws {
        // No default: a store made for a placeholder host would sign every label for it.
        guard let resolver else {
            throw ValidationError("resolver: missing; pass --resolver HOST (e.g. --resolver id.example.vn), the host every code is signed for")
        }
        let allowed = resolver.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-.:".unicodeScalars.contains($0)
        }
        guard allowed, !resolver.isEmpty, resolver.count <= 253, !resolver.hasPrefix("."), !resolver.hasPrefix("-") else {
            throw ValidationError("resolver: '\(resolver)' is not a host name such as id.example.vn (letters, digits, '-', '.', optional :port)")
        }
    }

    func run() throws {
        let location = try store.location()
        let created = try location.create(resolver: (resolver ?? "").lowercased(), actor: store.actorID)
        let keys = location.keyFolder
        print("created store in \(location)")
        print("resolver: https://\(created.settings.resolver)/")
        print("public key: \(keys.publicKeyPath) (share it; the private key stays in \(keys.privateKeyPath))")
    }
}
