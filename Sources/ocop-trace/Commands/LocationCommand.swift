import ArgumentParser
import OCOPDomain
import OCOPStore

struct LocationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "location",
        abstract: "The location register: farms, workshops, warehouses and shops of the value chain.",
        discussion: """
        Circular 02/2024/TT-BKHCN asks every stage of a product's journey for a location trace \
        code: a place's GLN when it has one, else its id here. Events name a place with \
        `event add --location-id ID`, and handovers their parties with --from/--to.
        """,
        subcommands: [Add.self, List.self, Show.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a location.",
            discussion: """
            Any actor of the store may register the places it works from. The address has two \
            levels, as a producer's (a former province with --district is mapped to today's and \
            kept as the former address). A GLN (GS1 Global Location Number, 13 digits) is \
            checked by its check digit; --geo gives map coordinates for the resolver's page.

            Examples:
              ocop-trace location add KHO-VL --name 'Kho Hợp tác xã Đại Phước' \\
                  --province 'Vĩnh Long' --commune 'xã Đại Phước' --gln 8930000000019
              ocop-trace location add CH-HCM1 --name 'Cửa hàng OCOP Quận 1' \\
                  --province 'Hồ Chí Minh' --commune 'Phường Sài Gòn' --geo 10.7769,106.7009
            """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Location id: 1-32 of A-Z a-z 0-9 - _ .") var id: String
        @Option(help: "Name of the place, in Vietnamese.") var name: String
        @Option(help: "One of the 34 provinces (or a former one: then mapped, and kept as the former address).")
        var province: String
        @Option(help: "Commune or ward, as written (\"xã Kim Hòa\", \"Phường 1\").") var commune: String
        @Option(help: "District of an address of before 1 July 2025: kept in the former address.") var district: String?
        @Option(help: "GS1 Global Location Number (13 digits, check digit checked).") var gln: String?
        @Option(help: ArgumentHelp("Map coordinates, decimal degrees (WGS 84).", valueName: "lat,lon")) var geo: String?

        func run() throws {
            let location = try Location(id: id, name: name, province: province, commune: commune, district: district,
                                        gln: gln, geo: geo)
            let opened = try store.open()
            let entry = try opened.addLocation(location, actor: try store.author(for: opened))
            print("location \(location.id) added: \(location.line) (log seq \(entry.seq))")
        }
    }

    /// A location with what is derived from it, for `--json`.
    struct Listed: Encodable {
        let location: Location
        enum CodingKeys: String, CodingKey { case address, traceCode = "trace_code" }
        func encode(to encoder: any Encoder) throws {
            try location.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(location.address, forKey: .address)
            try c.encode(location.traceCode, forKey: .traceCode)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List locations.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let locations = try store.open().locations()
            if json { return try Printer.json(locations.map(Listed.init)) }
            Printer.table(["ID", "TRACE CODE", "NAME", "ADDRESS"], locations.map { [$0.id, $0.traceCode, $0.name, $0.address] })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one location.")
        @OptionGroup var store: StoreOptions
        @Argument var id: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            guard let place = try store.open().location(id: id) else { throw StoreError.notFound(what: "location", id: id) }
            if json { return try Printer.json(Listed(location: place)) }
            print("\(place.id)  \(place.name)")
            print("address:    \(place.address)")
            if let former = place.formerAddress { print("former:     \(former.line) (before 1 July 2025)") }
            print("trace code: \(place.traceCode)\(place.gln == nil ? " (no GLN: the register id)" : " (GLN)")")
            if let geo = place.geo { print("map:        \(geo.uri)") }
        }
    }
}
