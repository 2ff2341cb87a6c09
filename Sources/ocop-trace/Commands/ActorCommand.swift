import ArgumentParser
import OCOPDomain
import OCOPStore

struct ActorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actor",
        abstract: "The parties that write to the store, each with its own key and role.",
        discussion: """
        Every write is signed by its actor's key and checked against its role before anything \
        is written (exit 77 when refused). Roles:
        \(ActorRole.allCases.map { "  \($0.rawValue): \($0.summary)" }.joined(separator: "\n"))
        The store's creator (its first province actor, holding the store key) may write everything.
        """,
        subcommands: [Add.self, List.self, Show.self, Revoke.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register an actor and create its key pair (a province actor signs).",
            discussion: """
            The private key is written to DIR/<id>.pem (mode 0600) and never into the store; \
            hand the folder to the actor, who then passes --actor ID --actor-keys DIR.

            Example:
              ocop-trace actor add SHOP-01 --name 'Cửa hàng OCOP Trà Vinh' --role shop --key-out keys/shop-01
              ocop-trace actor add HTX-DP --name 'HTX Đại Phước' --role producer --producer TV-P001 --key-out keys/htx
            """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Actor id: 1-32 of A-Z a-z 0-9 - _ .") var id: String
        @Option(help: "Name of the organisation or device owner.") var name: String
        @Option(help: "Role: \(ActorRole.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "Producer id a producer actor acts for.") var producer: String?
        @Option(help: "Where the actor works (shop, warehouse).") var location: String?
        @Option(name: .customLong("key-out"), help: ArgumentHelp("Folder for the actor's key pair (created 0700).", valueName: "dir"))
        var keyOut: String

        func run() throws {
            let record = try ActorRecord(id: id, name: name, role: ActorRole(parsing: role), producerID: producer, location: location)
            let opened = try store.open()
            let author = try store.author(for: opened)
            let key = try ActorKeyFiles.create(actor: record.id, folder: keyOut)
            let entry: LogEntry
            do {
                entry = try opened.addActor(record, publicKey: Base64URL.encode(Array(key.publicKey.rawRepresentation)), actor: author)
            } catch {
                ActorKeyFiles.remove(actor: record.id, folder: keyOut)  // no key for an actor the log does not know
                throw error
            }
            print("actor \(record.id) (\(record.role.rawValue)) added (log seq \(entry.seq)); private key \(ActorKeyFiles.privatePath(actor: record.id, folder: keyOut)) (0600)")
        }
    }

    /// One actor as `list` and `show` print it.
    struct Row: Encodable {
        let id: String, name: String, role: String, producer: String?, location: String?
        let keyID: String, addedSeq: Int64, revokedSeq: Int64?, revokeReason: String?, creator: Bool

        enum CodingKeys: String, CodingKey {
            case id, name, role, producer, location, creator
            case keyID = "key_id"
            case addedSeq = "added_seq"
            case revokedSeq = "revoked_seq"
            case revokeReason = "revoke_reason"
        }

        static func all(_ trust: LogTrust) -> [Row] {
            let creator = Row(id: trust.creator, name: "store creator", role: ActorRole.province.rawValue, producer: nil, location: nil,
                              keyID: trust.storeKeys.last.map { KeyFiles.keyID(base64URL: $0.publicKey) } ?? "", addedSeq: 1,
                              revokedSeq: nil, revokeReason: nil, creator: true)
            return [creator] + trust.actorList.map { actor in
                Row(id: actor.record.id, name: actor.record.name, role: actor.record.role.rawValue, producer: actor.record.producerID,
                    location: actor.record.location, keyID: actor.keys.last.map { KeyFiles.keyID(base64URL: $0.publicKey) } ?? "",
                    addedSeq: actor.addedSeq, revokedSeq: actor.revokedSeq, revokeReason: actor.revokeReason, creator: false)
            }
        }

        var status: String { revokedSeq.map { "revoked at seq \($0)" } ?? "active" }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the store's actors, as its signed log registers them.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let rows = Row.all(try store.open().logTrust())
            if json { return try Printer.json(rows) }
            Printer.table(["ID", "ROLE", "PRODUCER", "NAME", "KEY", "STATUS"],
                          rows.map { [$0.id, $0.role, $0.producer ?? "", $0.name, $0.keyID, $0.creator ? "creator" : $0.status] })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one actor.")
        @OptionGroup var store: StoreOptions
        @Argument var id: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            guard let row = Row.all(try store.open().logTrust()).first(where: { $0.id == id }) else {
                throw StoreError.notFound(what: "actor", id: id)
            }
            if json { return try Printer.json(row) }
            print("\(row.id)  \(row.name)")
            print("role:     \(row.role)\(row.creator ? " (store creator: may write everything)" : "")")
            if let producer = row.producer { print("producer: \(producer)") }
            if let location = row.location { print("location: \(location)") }
            print("key:      \(row.keyID)")
            print("added:    log seq \(row.addedSeq)")
            print("status:   \(row.creator ? "active" : row.status)\(row.revokeReason.map { " (\($0))" } ?? "")")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop accepting an actor's key (a province actor signs).",
            discussion: "Later entries by the actor are refused; its earlier entries stay valid."
        )
        @OptionGroup var store: StoreOptions
        @Argument var id: String
        @Option(help: "Why (kept in the log).") var reason: String?

        func run() throws {
            let opened = try store.open()
            let reason = try reason.map { text throws(DomainError) in try DomainText.validated(text, field: "reason", maxLength: 500) }
            let entry = try opened.revokeActor(id: id, reason: reason, actor: try store.author(for: opened))
            print("actor \(id) revoked (log seq \(entry.seq)); its earlier entries stay valid")
        }
    }
}
