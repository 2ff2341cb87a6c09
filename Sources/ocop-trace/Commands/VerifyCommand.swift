import ArgumentParser
import Foundation
import OCOPDomain
import OCOPFailure
import OCOPKit
import OCOPStore

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Is this code genuine? For shop staff: a scanned URI, a typed short code, or a file with either.",
        discussion: """
        Verdicts and exit codes: GENUINE 0, FORGED 10, UNKNOWN 11, RECALLED 12, ALREADY_SOLD 13, \
        RATING_LAPSED 14, TAMPERED 15, MISTYPED 16 (a typed short code with a typing slip: \
        check the label and type it again), PIN_REUSED 17 (with --pin: the unit's PIN was already \
        checked before, so the label is possibly a copy). With --pin, a first correct PIN is \
        logged as a signed pin_claimed entry (GENUINE, first check); a wrong PIN exits 18 and a \
        unit issued without a PIN exits 19, after the code's own verdict. With only --pubkey and no store, a URI's signature is \
        checked offline (GENUINE_SIGNATURE, exit 0, or FORGED). The verdict rests on the \
        store's hash-checked log: a derived row that disagrees with it is TAMPERED.

        A compact code (a small label's QR code: the URI without its ?s= signature) has no \
        signature: it is genuine only if the issuer's signed log issued its serial for its GTIN \
        and lot, and the same verdicts follow (an unknown serial is UNKNOWN). Offline, check it \
        against the issuer's signed serial list (`batch serials`) with --serials FILE: \
        GENUINE_LISTED (exit 0) or UNKNOWN; an edited list is refused (exit 77). The output \
        says which kind of code was checked.

        Examples:
          ocop-trace verify 'https://id.example.vn/01/09528400000020/10/KD-2026-11/21/0A1B2C3D4E5F6?s=…'
          ocop-trace verify 7Q2K-9XW3-M --json
          ocop-trace verify 7Q2K-9XW3-M --pin 4821-0937
          ocop-trace verify scanned.txt --pubkey issuer-pub.pem
          ocop-trace verify scanned.txt --pubkey checkpoint.json   # every store key it names
          ocop-trace verify 'HTTPS://ID.EXAMPLE.VN/01/09528400000020/10/KD-2026-11/21/0A1B2C3D4E5F6' --serials serials.json
        """
    )

    @Option(name: .customLong("store"), help: ArgumentHelp(
        "Store folder, or postgres://user@host:port/db (default: $OCOP_TRACE_STORE, else ./.ocop-trace).", valueName: "dir|url"))
    var storePath: String?

    @Argument(help: "A unit URI, a short code, or a file holding one.") var input: String
    @Option(help: ArgumentHelp("Public keys (PEM from `key export`) or a checkpoint (`log checkpoint`, or the resolver's "
                               + "/.well-known/ocop-trace/checkpoint): check offline, without a store.", valueName: "file"))
    var pubkey: String?
    @Option(help: ArgumentHelp("A signed serial list (`batch serials`): check compact codes offline, without a store "
                               + "(signed codes against the keys it carries; with --pubkey the list must be signed by one of those).",
                               valueName: "file"))
    var serials: String?
    @Option(help: ArgumentHelp("Judge the rating as of this day (default: today in Vietnam).", valueName: "date")) var on: String?
    @Option(help: ArgumentHelp("The 8-digit PIN under the label's scratch-off layer: checked, and logged when first right.",
                               valueName: "pin")) var pin: String?
    @Flag(help: "Print JSON.") var json = false

    /// Exit codes of a PIN that is not confirmed (after the verdicts' own codes).
    static let wrongPinExit: Int32 = 18
    static let noPinExit: Int32 = 19

    func validate() throws {
        if input.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("input: empty; give a unit URI, a short code like 7Q2K-9XW3-M, or a file holding one")
        }
        if pin != nil, pubkey != nil || serials != nil, storePath == nil {
            throw ValidationError("pin: is checked against a store's log; pass --store, not only --pubkey or --serials")
        }
        if serials != nil, storePath != nil {
            throw ValidationError("serials: checks offline, without a store; leave out --store (the store's own log is checked directly)")
        }
    }

    func run() throws {
        let text = try readInput()
        let scratched = try pin.map { text throws(DomainError) in try ScratchPin(parsing: text) }
        let day = try on.map { value in try CalendarDate(parsing: value, field: "on") }
            ?? Today.inVietnam()
        // Verifying needs public keys only: no --keys here, the store's keys are in its log.
        let location = try StoreLocation.resolve(store: storePath, keys: nil)
        let useStore = storePath != nil || (pubkey == nil && serials == nil)
        let report = try { () throws(StoreError) -> VerificationReport in
            let store: (any TraceStore)? = useStore ? try location.open() : nil
            let verify: VerifyCode
            if let serials {
                let keys = try pubkey.map { path throws(StoreError) in try KeyFiles.loadPublicKeys(path).map { Array($0.rawRepresentation) } }
                verify = try VerifyCode(serialList: SerialList.load(serials), publicKeys: keys)
            } else if let pubkey {
                let keys = try KeyFiles.loadPublicKeys(pubkey).map { Array($0.rawRepresentation) }
                verify = try VerifyCode(publicKeys: keys, store: store)
            } else if let store {
                verify = VerifyCode(store: store)
            } else {
                throw .key("no public key to check signatures with; pass --store or --pubkey")
            }
            if let scratched, let store {
                return try CheckPin(store: store, verify: verify)(CodeInput(text: text), pin: scratched, client: "cli",
                                                                  actor: try store.creatorAuthor(), on: day)
            }
            return try verify(text, on: day)
        }()
        if json {
            try Printer.json(report)
        } else {
            print(report.verdict.line(for: report.codeKind))
            if let reason = report.reason { print("  \(reason)") }
            if let check = report.codeCheck { print("  code:     \(check)") }
            if let p = report.product { print("  product:  \(p.name) (\(p.id)\(p.gtin.map { ", GTIN \($0)" } ?? ""))") }
            if let p = report.producer { print("  producer: \(p.name), \(p.address)") }
            if let r = report.rating, let stars = r.starsNow {
                print("  OCOP:     \(stars)★\(r.validUntil.map { ", valid until \($0)" } ?? "")")
            }
            if let lot = report.lot { print("  lot:      \(lot)\(report.serial.map { ", serial \($0)" } ?? "")") }
            if let e = report.lastEvent { print("  last:     \(e.step)\(e.disposition.map { " (\($0))" } ?? "") at \(e.at)\(e.location.map { ", \($0)" } ?? "")") }
            if let outcome = report.pin { print("  PIN:      " + Self.pinLine(outcome)) }
        }
        if report.verdict.exitCode != 0 { throw ExitCode(report.verdict.exitCode) }
        switch report.pin {
        case .wrong: throw ExitCode(Self.wrongPinExit)
        case .notIssued: throw ExitCode(Self.noPinExit)
        case nil where pin != nil: throw ExitCode(Self.wrongPinExit)  // the code itself was not trusted
        default: break
        }
    }

    static func pinLine(_ outcome: PinOutcome) -> String {
        switch outcome {
        case let .firstClaim(at): return "Sản phẩm chính hãng, xác thực lần đầu / Genuine, first check (\(at))"
        case let .reused(first): return "Mã PIN này đã được xác thực lúc \(first) — có thể là hàng sao chép / This PIN was already used on \(first) — possibly a copy"
        case .wrong: return "Mã PIN không đúng / Wrong PIN for this unit"
        case .notIssued: return "Sản phẩm này không có mã PIN / This unit was issued without a PIN"
        }
    }

    /// The argument itself, or the first non-empty line of the file it names.
    private func readInput() throws -> String {
        guard FileManager.default.fileExists(atPath: input), !input.contains("://") else { return input }
        guard let text = try? String(contentsOfFile: input, encoding: .utf8) else {
            throw CLIError(message: "input: cannot read \(input) as UTF-8 text", exitCode: OCOPExit.io)
        }
        guard let line = text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty }) else {
            throw CLIError(message: "input: \(input) is empty", exitCode: OCOPExit.data)
        }
        return line
    }
}
