import ArgumentParser
import Foundation
import OCOPDomain
import OCOPKit
import OCOPRender
import OCOPStore

struct PassportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passport",
        abstract: "Digital product passports (Decree 37/2026/NĐ-CP, Article 32) and what they still lack.",
        discussion: """
        A passport gives a product's name and GTIN; its producer's name, address and identifier; \
        the origin (the last finishing stage); the traceability information (for a unit: its \
        Digital Link and stages); the OCOP certificate; production and expiry dates; safety \
        warnings; and, from Circular 02/2024/TT-BKHCN, image, brand, model and standards. \
        `product set` fills in what the register does not hold.

        Examples:
          ocop-trace passport show 'https://id.example.vn/01/…?s=…' --json
          ocop-trace passport check --all
          ocop-trace export passport --out passports.json
        """,
        subcommands: [Show.self, Check.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The passport of a unit (its code) or of a product (--product).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "A unit URI or short code.") var code: String?
        @Option(help: "A product id instead of a unit's code.") var product: String?
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if (code == nil) == (product == nil) { throw ValidationError("code: give a unit's code, or --product ID") }
        }

        func run() throws {
            let opened = try store.open()
            let book = PassportBook(store: opened)
            let passport: DigitalPassport
            if let product {
                passport = try book.product(product, on: Today.inVietnam())
            } else {
                let found = try book.unit(code ?? "", on: Today.inVietnam())
                guard let unitPassport = found.passport else {
                    throw CLIError(message: "passport: the code is \(found.report.verdict.rawValue): no passport is shown for it",
                                   exitCode: found.report.verdict.exitCode)
                }
                passport = unitPassport
            }
            if json { return try Printer.json(passport) }
            print(Self.text(passport))
        }

        static func text(_ p: DigitalPassport) -> String {
            var lines = ["\(p.productName)", "  identifier:   \(p.identifier)"]
            func add(_ label: String, _ value: String?) { if let value, !value.isEmpty { lines.append("  \(label)\(value)") } }
            add("gtin:         ", p.gtin)
            add("brand:        ", p.brand)
            add("model:        ", p.model)
            add("serial:       ", p.serial)
            if let producer = p.producer {
                add("producer:     ", "\(producer.name)\(producer.identifier.map { " (\($0))" } ?? ""), \(producer.address)")
                add("former:       ", producer.formerAddress)
            }
            add("origin:       ", p.origin)
            for certificate in p.certificates {
                add("certificate:  ", "\(certificate.scheme) \(certificate.stars.map { "\($0)★ " } ?? "")\(certificate.decisionNumber) of \(certificate.decisionDate)"
                    + "\(certificate.level.map { " (\($0))" } ?? ""), \(certificate.status)")
            }
            add("lot:          ", p.lot)
            add("produced:     ", p.produced)
            add("expires:      ", p.expires)
            add("shelf life:   ", p.shelfLifeDays.map { "\($0) days" })
            add("standards:    ", p.standards.joined(separator: ", "))
            add("warnings:     ", p.warnings)
            add("image:        ", p.image.map { "sha256 \($0)" })
            for stage in p.stages { add("stage:        ", "\(stage.at) \(stage.step)\(stage.location.map { " — \($0)" } ?? "")") }
            add("missing:      ", p.missing.joined(separator: ", "))
            return lines.joined(separator: "\n")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What each product's passport still lacks (what its producer must fill in).")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this product.") var product: String?
        @Flag(help: "Every product (the default without --product).") var all = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            let book = PassportBook(store: opened)
            let day = Today.inVietnam()
            let passports = try product.map { id in [try book.product(id, on: day)] } ?? book.all(on: day)
            struct Line: Encodable { let identifier: String, product: String, missing: [String] }
            let lines = passports.map { Line(identifier: $0.identifier, product: $0.productName, missing: $0.missing) }
            if json { return try Printer.json(lines) }
            Printer.table(["PRODUCT", "MISSING"], lines.map { [$0.product, $0.missing.isEmpty ? "-" : $0.missing.joined(separator: ", ")] })
            let complete = lines.filter(\.missing.isEmpty).count
            print("\(complete) of \(lines.count) passports complete")
        }
    }
}
