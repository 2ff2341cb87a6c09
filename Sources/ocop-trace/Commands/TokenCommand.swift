import ArgumentParser
import Foundation
import OCOPDomain
import OCOPStore

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Device tokens for the write API of `serve` (tills, phones, scanners).",
        discussion: """
        A device sends its token as `Authorization: Bearer …` to POST /api/v1/events, \
        POST /api/v1/sales and GET /api/v1/units/{serial}. Its writes are signed by the server \
        with the store key on behalf of the token's actor and name the token, so the log says \
        which device wrote them; the actor's role still decides what it may write (403). \
        The log keeps only a hash of each token.
        """,
        subcommands: [Issue.self, List.self, Revoke.self]
    )

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token for an actor and print it once.",
            discussion: """
            The token is printed once and stored nowhere (the log keeps its SHA-256): put it on \
            the device now. Without --actor-keys the store's creator signs the entry; with \
            --actor-keys the actor issues its own token.

            With --link it prints a one-time enrol link for the shop page instead: opened on a \
            phone or till and confirmed there, it gives that browser a device token of its own \
            (kept in a cookie) and is used up. The link alone is no token for the API.

            Example:
              ocop-trace token issue --actor SHOP-1 --name 'quầy 1' --expires 180
              ocop-trace token issue --actor SHOP-1 --json     # {"id", "token", "actor", "expires"}
              ocop-trace token issue --actor SHOP-1 --name 'điện thoại' --link
              ocop-trace token issue --actor SHOP-1 --link --link-base http://192.168.1.20:8080
            """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "Name of the device, for `token list`.") var name: String?
        @Option(help: ArgumentHelp("Days until the token stops working (fractions allowed; default: until revoked).", valueName: "days"))
        var expires: Double?
        @Flag(help: "Print a one-time enrol link for the shop page (/shop) instead of a token.") var link = false
        @Option(help: ArgumentHelp("Where the shop page is served, for --link (default: https:// and the store's resolver host).",
                                   valueName: "url"))
        var linkBase: String?
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if let expires, !(expires > 0 && expires <= 3_650) {
                throw ValidationError("--expires: days must be more than 0 and at most 3650")
            }
            if linkBase != nil, !link { throw ValidationError("--link-base: only with --link") }
            if let linkBase, !(linkBase.hasPrefix("https://") || linkBase.hasPrefix("http://")) || linkBase.contains("?") || linkBase.contains("#") {
                throw ValidationError("--link-base: must be an http:// or https:// address without query or fragment, e.g. https://id.example.vn")
            }
        }

        func run() throws {
            let opened = try store.open()
            guard let actorID = store.actingActor else {
                throw ValidationError("--actor: name the actor the token acts for (`actor list`)")
            }
            let name = try name.map { text throws(DomainError) in try DomainText.validated(text, field: "name", maxLength: 100) }
            let until = expires.map { Timestamp.fromNow(seconds: $0 * 86_400) }
            let author = store.hasActorKeys ? try store.author(for: opened) : try opened.creatorAuthor()
            let issued = try opened.issueToken(for: actorID, name: name, expires: until, enrolLink: link, actor: author)
            if link {
                var base = linkBase ?? "https://" + opened.settings.resolver
                while base.hasSuffix("/") { base.removeLast() }
                let url = base + "/shop/enrol?t=" + issued.secret.text
                if json {
                    struct Issued: Encodable { let id: String, link: String, actor: String, expires: String? }
                    return try Printer.json(Issued(id: issued.secret.id, link: url, actor: actorID, expires: until))
                }
                print("enrol link \(issued.secret.id) for \(actorID) (log seq \(issued.entry.seq))\(until.map { ", expires \($0)" } ?? "")")
                print("shown once, open it on the device and press the button there (one use): \(url)")
                return
            }
            if json {
                struct Issued: Encodable { let id: String, token: String, actor: String, expires: String? }
                return try Printer.json(Issued(id: issued.secret.id, token: issued.secret.text, actor: actorID, expires: until))
            }
            print("token \(issued.secret.id) for \(actorID) (log seq \(issued.entry.seq))\(until.map { ", expires \($0)" } ?? "")")
            print("shown once, keep it on the device: \(issued.secret.text)")
        }
    }

    struct Row: Encodable {
        let id: String, actor: String, name: String?, expires: String?, issuedSeq: Int64, revokedSeq: Int64?, status: String
        enum CodingKeys: String, CodingKey {
            case id, actor, name, expires, status
            case issuedSeq = "issued_seq"
            case revokedSeq = "revoked_seq"
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the device tokens the signed log holds (never their text).")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let trust = try store.open().logTrust()
            let now = Timestamp.now()
            let rows = trust.tokens.values.sorted { $0.issuedSeq < $1.issuedSeq }.map { token in
                Row(id: token.record.id, actor: token.record.actor, name: token.record.name, expires: token.record.expires,
                    issuedSeq: token.issuedSeq, revokedSeq: token.revokedSeq,
                    status: Self.status(token, now: now, trust: trust))
            }
            if json { return try Printer.json(rows) }
            Printer.table(["ID", "ACTOR", "NAME", "EXPIRES", "SEQ", "STATUS"],
                          rows.map { [$0.id, $0.actor, $0.name ?? "", $0.expires ?? "never", String($0.issuedSeq), $0.status] })
        }

        /// active, expired or revoked; enrol links: link (unused), link used, link expired, link revoked.
        static func status(_ token: DeviceToken, now: String, trust: LogTrust) -> String {
            let state = token.revokedSeq != nil ? "revoked" : token.refusal(at: now, trust: trust) == nil ? "active" : "expired"
            guard token.record.isEnrolLink else { return state }
            if token.revokeReason?.hasPrefix(LogTrust.enrolledReasonPrefix) == true { return "link used" }
            return state == "active" ? "link" : "link " + state
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop accepting a token from now on (the creator signs, or the actor with --actor-keys).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Token id (`token list`).") var id: String
        @Option(help: "Why (kept in the log).") var reason: String?

        func run() throws {
            let opened = try store.open()
            let reason = try reason.map { text throws(DomainError) in try DomainText.validated(text, field: "reason", maxLength: 500) }
            let author = store.hasActorKeys ? try store.author(for: opened) : try opened.creatorAuthor()
            let entry = try opened.revokeToken(id: id, reason: reason, actor: author)
            print("token \(id) revoked (log seq \(entry.seq))")
        }
    }
}
