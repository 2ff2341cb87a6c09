import ArgumentParser
import OCOPDomain
import OCOPStore

struct ProducerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "producer",
        abstract: "OCOP subjects: household businesses, companies, enterprises, cooperatives, cooperative groups.",
        subcommands: [Add.self, List.self, Show.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a producer.",
            discussion: """
            Kinds: \(EntityKind.allCases.map(\.rawValue).joined(separator: ", ")) (or their \
            Vietnamese names: Hợp tác xã, Hộ kinh doanh, …).

            Addresses have two levels since 1 July 2025: one of the 34 provinces and a commune or \
            ward, as written ("xã Kim Hòa", "Phường 1"). An address of before (a former province, \
            with --district) is mapped to today's province and kept as the former address, which \
            old labels printed.

            Examples:
              ocop-trace producer add VL-P101 --name 'Hợp tác xã Đặc sản Đại Phước' \\
                  --kind cooperative --province 'Vĩnh Long' --commune 'xã Đại Phước'
              ocop-trace producer add TV-P002 --name 'Hợp tác xã Đặc sản Đại Phước' \\
                  --kind cooperative --province 'Trà Vinh' --district 'Càng Long' --commune 'Đại Phước'
                  # → tỉnh Vĩnh Long; former address Đại Phước, Càng Long, Trà Vinh
            """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Producer id: 1-32 of A-Z a-z 0-9 - _ .") var id: String
        @Option(help: "Name in Vietnamese.") var name: String
        @Option(help: "Kind of OCOP subject.") var kind: String
        @Option(help: "One of the 34 provinces (or a former one: then mapped, and kept as the former address).")
        var province: String
        @Option(help: "Commune or ward, as written (\"xã Kim Hòa\", \"Phường 1\").") var commune: String
        @Option(help: "District of an address of before 1 July 2025 (districts are gone): kept in the former address.")
        var district: String?
        @Option(name: .customLong("tax-id"), help: "Tax code (10 digits, or 10 and -NNN).") var taxID: String?

        func run() throws {
            let producer = try Producer(id: id, name: name, kind: EntityKind(parsing: kind), province: province,
                                        commune: commune, district: district, taxID: taxID)
            let opened = try store.open()
            let entry = try opened.addProducer(producer, actor: try store.author(for: opened))
            print("producer \(producer.id) added (log seq \(entry.seq))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List producers.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let opened = try store.open()
            let producers = try opened.producers()
            if json { return try Printer.json(producers) }
            Printer.table(["ID", "KIND", "NAME", "ADDRESS"],
                          producers.map { [$0.id, $0.kind.rawValue, $0.name, $0.address] })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one producer and its products.")
        @OptionGroup var store: StoreOptions
        @Argument var id: String
        @Flag(help: "Print JSON.") var json = false

        struct Detail: Encodable {
            let producer: Producer
            let products: [Product]
        }

        func run() throws {
            let opened = try store.open()
            guard let producer = try opened.producer(id: id) else { throw StoreError.notFound(what: "producer", id: id) }
            let detail = Detail(producer: producer, products: try opened.products(producerID: id))
            if json { return try Printer.json(detail) }
            let p = detail.producer
            print("\(p.id)  \(p.name)")
            print("kind:     \(p.kind.rawValue) (\(p.kind.vietnameseName))")
            print("address:  \(p.address)")
            if let former = p.formerAddress { print("former:   \(former.line) (before 1 July 2025)") }
            if let tax = p.taxID { print("tax id:   \(tax)") }
            print("products: \(detail.products.map(\.id).joined(separator: ", "))")
        }
    }
}
