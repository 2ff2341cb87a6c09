import ArgumentParser
import Foundation
import OCOPDomain
import OCOPFailure
import OCOPStore

struct ProductCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "product",
        abstract: "OCOP products, each of one producer, optionally with a GS1 GTIN.",
        subcommands: [Add.self, Set.self, List.self, Show.self]
    )

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill in a product's Circular 02 / passport details: brand, model, shelf life, standards, warnings, image.",
            discussion: """
            Options not given keep their value; an empty text clears one. The image (PNG or JPEG, \
            at most 2 MB) is kept in the store by its SHA-256, which the log records. Written by \
            the product's producer (or the store's creator).

            Example:
              ocop-trace product set TV-0002 --brand 'Đại Phước' --shelf-life 180 \\
                  --standard 'ISO 22000:2018' --standard VietGAP --warning 'Không dùng cho người tiểu đường' \\
                  --image keo-dua.jpg
              ocop-trace product set TV-0002 --link gs1:productSustainabilityInfo=https://htxdaiphuoc.vn/ben-vung
            """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Product id.") var id: String
        @Option(help: "Brand name.") var brand: String?
        @Option(help: "Model or variant.") var model: String?
        @Option(name: .customLong("shelf-life"), help: ArgumentHelp("Shelf life in days.", valueName: "days")) var shelfLife: Int?
        @Option(help: ArgumentHelp("A standard applied (repeatable; replaces the list).", valueName: "text")) var standard: [String] = []
        @Option(help: ArgumentHelp("Safety warnings.", valueName: "text")) var warning: String?
        @Option(help: ArgumentHelp("Product image, PNG or JPEG up to 2 MB.", valueName: "file")) var image: String?
        @Option(help: ArgumentHelp("A page of the producer's own in the resolver's linkset, by GS1 link type (repeatable; an empty URL removes it).",
                                   valueName: "type=url")) var link: [String] = []
        @Option(help: ArgumentHelp("The producer's phone for buyers, shown on the resolver's page.", valueName: "number")) var phone: String?
        @Option(name: .customLong("location-id"),
                help: ArgumentHelp("Where the product is made: a location of the register (its map point goes on the page).", valueName: "id"))
        var locationID: String?

        func run() throws {
            let opened = try store.open()
            _ = try opened.existingProduct(id: id)
            var bytes: [UInt8]?
            var named: ProductImage?
            if let image {
                guard let data = FileManager.default.contents(atPath: image) else {
                    throw CLIError(message: "image: cannot read \(image)", exitCode: OCOPExit.io)
                }
                bytes = [UInt8](data)
                named = try ProductImage.of(bytes ?? [], name: image)
            }
            let current = try opened.productDetails(productID: id) ?? ProductDetails(productID: id)
            let links = try link.map { text throws(DomainError) in try ProductLinkType.parse(text) }
            let details = try current.merged(brand: brand, model: model, shelfLifeDays: shelfLife,
                                             standards: standard.isEmpty ? nil : standard, warnings: warning, image: named,
                                             links: links.map { (term: $0.term, url: $0.url) }, phone: phone, locationID: locationID)
            if let place = details.locationID, try opened.location(id: place) == nil { throw StoreError.notFound(what: "location", id: place) }
            let entry = try opened.setProductDetails(details, image: bytes, actor: try store.author(for: opened))
            print("details of \(id) set (log seq \(entry.seq))")
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a product.",
            discussion: """
            Groups: \(ProductGroup.allCases.map(\.rawValue).joined(separator: ", ")).
            A GTIN-8, -12, -13 or -14 is checked (mod-10 check digit) and stored as 14 digits; \
            without one, codes use the path /p/<product-id>/….

            Example:
              ocop-trace product add TV-0002 --producer TV-P002 --name 'Kẹo dừa Đại Phước' \\
                  --group food --gtin 9528400000020
            """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Product id: 1-32 of A-Z a-z 0-9 - _ .") var id: String
        @Option(help: "Producer id.") var producer: String
        @Option(help: "Name in Vietnamese.") var name: String
        @Option(help: "OCOP product group.") var group: String
        @Option(help: "GTIN-8/12/13/14.") var gtin: String?

        func run() throws {
            let product = try Product(id: id, producerID: producer, name: name, group: ProductGroup(parsing: group), gtin: gtin)
            let opened = try store.open()
            let entry = try opened.addProduct(product, actor: try store.author(for: opened))
            print("product \(product.id) added\(product.gtin.map { " with GTIN \($0)" } ?? "") (log seq \(entry.seq))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List products with their rating in force and where they stand in the OCOP cycle.",
            discussion: """
            STATUS is valid, expiring (its last valid day within --within days), lapsed (its term \
            ran out), withdrawn, or unrated. --status keeps one of them: the province's plan of \
            re-evaluations (expiring), or the complete list of products whose stamps must come off \
            the shelves (lapsed, withdrawn).

            Examples:
              ocop-trace product list --status expiring --within 180
              ocop-trace product list --status lapsed --on 2026-12-01 --csv > lapsed.csv
            """)
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this producer's products.") var producer: String?
        @Option(help: ArgumentHelp("Only products in this state: \(ProductLifecycle.allCases.map(\.rawValue).joined(separator: ", ")).",
                                   valueName: "status"))
        var status: String?
        @Option(help: ArgumentHelp("Days ahead that count as expiring.", valueName: "days")) var within = 90
        @Option(help: ArgumentHelp("Judge ratings as of this day (default: today in Vietnam).", valueName: "date")) var on: String?
        @Flag(help: "Print JSON.") var json = false
        @Flag(help: "Print CSV (UTF-8, a header row).") var csv = false

        struct Line: Encodable {
            let product: Product
            let rating: RatingRecord?
            let status: ProductLifecycle
        }

        func validate() throws {
            if json && csv { throw ValidationError("--json, --csv: choose one") }
            guard (0...3650).contains(within) else { throw ValidationError("--within: \(within) is not 0-3650 days") }
            if let status, ProductLifecycle(rawValue: status.lowercased()) == nil {
                throw ValidationError("--status: '\(status)' is not one of \(ProductLifecycle.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            let opened = try store.open()
            let day = try on.map { value in try CalendarDate(parsing: value, field: "on") } ?? Today.inVietnam()
            let wanted = status.flatMap { ProductLifecycle(rawValue: $0.lowercased()) }
            let lines = try opened.products(producerID: producer).map { product throws(StoreError) in
                let ratings = try opened.ratings(productID: product.id)
                return Line(product: product, rating: ratings.last, status: ProductLifecycle.of(ratings, on: day, within: within))
            }.filter { wanted == nil || $0.status == wanted }
            if json { return try Printer.json(lines) }
            if csv {
                print("product_id,product_name,producer_id,status,stars,level,decision_no,decision_date,valid_until")
                for line in lines {
                    let r = line.rating
                    print([line.product.id, line.product.name, line.product.producerID, line.status.rawValue,
                           r?.stars.map(String.init) ?? "", r?.level?.rawValue ?? "", r?.decisionNumber ?? "",
                           r?.decisionDate.description ?? "", r?.validUntil?.description ?? ""].map(CSVField.quoted).joined(separator: ","))
                }
                return
            }
            Printer.table(["ID", "GROUP", "GTIN", "STARS", "VALID UNTIL", "STATUS", "NAME"], lines.map { line in
                [line.product.id, line.product.group.rawValue, line.product.gtin ?? "-",
                 line.rating?.summary ?? "-", line.rating?.validUntil?.description ?? "-", line.status.rawValue, line.product.name]
            })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one product: producer, rating history, batches.")
        @OptionGroup var store: StoreOptions
        @Argument var id: String
        @Flag(help: "Print JSON.") var json = false

        struct Detail: Encodable {
            let product: Product
            let producer: Producer?
            let ratings: [RatingRecord]
            let batches: [BatchRecord]
        }

        func run() throws {
            let opened = try store.open()
            let product = try opened.existingProduct(id: id)
            let detail = Detail(product: product, producer: try opened.producer(id: product.producerID),
                                ratings: try opened.ratings(productID: id), batches: try opened.batches(productID: id))
            if json { return try Printer.json(detail) }
            let p = detail.product
            print("\(p.id)  \(p.name)")
            print("group:    \(p.group.rawValue) (\(p.group.vietnameseName))")
            print("gtin:     \(p.gtin ?? "none")")
            print("producer: \(p.producerID)  \(detail.producer?.name ?? "?")")
            for r in detail.ratings {
                print("rating:   seq \(r.seq)  \(r.summary)  \(r.decisionNumber) of \(r.decisionDate)\(r.validUntil.map { ", valid until \($0)" } ?? "")")
            }
            for b in detail.batches {
                print("batch:    \(b.lot)  \(b.units) units\(b.produced.map { ", produced \($0)" } ?? "")\(b.expires.map { ", expires \($0)" } ?? "")")
            }
        }
    }
}

extension RatingRecord {
    /// "4★" or "withdrawn".
    var summary: String {
        action == .rate ? "\(stars ?? 0)★" : "withdrawn"
    }
}
