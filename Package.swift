// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ocop-trace",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ocop-trace", targets: ["ocop-trace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // C libraries, each behind its own system-library target.
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        // zbar reads QR codes from uploaded label photos (the resolver's /verify page).
        .systemLibrary(
            name: "CZbar",
            pkgConfig: "zbar",
            providers: [.apt(["libzbar-dev"])]
        ),
        // libzint encodes EAN-13, UPC-A, GS1-128 and GS1 DataMatrix. Debian's libzint-dev has no
        // pkg-config file: the module map links `zint` itself.
        .systemLibrary(
            name: "CZint",
            providers: [.apt(["libzint-dev"])]
        ),
        // libheif opens HEIC photos (iPhones' default) for /verify; it reports errors as returned structs.
        .systemLibrary(
            name: "CHeif",
            pkgConfig: "libheif",
            providers: [.apt(["libheif-dev"])]
        ),
        // libpng reports errors by longjmp; setjmp lives here so Swift never sees it.
        .target(name: "PNGShim", dependencies: ["CPNG"]),
        // cairo (vector drawing, PDF/SVG surfaces) and pango (text layout), through pangocairo.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),

        // The one protocol every error conforms to: a one-line message and its exit code.
        .target(name: "OCOPFailure"),

        // Swift layers: QR matrix, PNG encoding, rendering of codes to files.
        .target(name: "OCOPQR", dependencies: ["CQREncode", "OCOPFailure"]),
        .target(name: "OCOPPNG", dependencies: ["PNGShim"]),
        .target(name: "OCOPRender", dependencies: ["OCOPQR", "OCOPPNG", "OCOPFailure"]),
        // GS1 barcodes (EAN-13, UPC-A, GS1-128, GS1 DataMatrix) as modules, through libzint.
        .target(name: "OCOPBarcode", dependencies: ["CZint", "OCOPDomain", "OCOPFailure"]),

        // Labels, OCOP star stamps and sticker sheets from JSON templates (the only importer of CCairo).
        .target(
            name: "OCOPLabel",
            dependencies: [
                "OCOPQR", "OCOPBarcode", "OCOPPNG", "OCOPRender", "OCOPDomain", "OCOPFailure", "CCairo",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),

        // Pure OCOP/GS1 domain rules: codes, ratings, vocabularies. No I/O.
        .target(name: "OCOPDomain", dependencies: ["OCOPFailure", .product(name: "Crypto", package: "swift-crypto")]),

        // Storage: the hash-chained log and its derived tables, behind the TraceStore protocol.
        .target(
            name: "OCOPStore",
            dependencies: [
                "OCOPDomain", "OCOPFailure",
                .product(name: "GRDB", package: "GRDB.swift"),
                // GRDB's own system-library target for libsqlite3: page reads bind and step directly.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Registers saved as .xlsx (`import`): the workbook is a zip of XML parts.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),

        // The shared store on PostgreSQL: the same log and derived tables through postgres-nio.
        // Its own target, so SQLite-only builds of the store never pull in the driver.
        .target(
            name: "OCOPPostgres",
            dependencies: [
                "OCOPStore", "OCOPDomain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // The application layer: the use cases every entry point calls (verify, issue a batch with
        // its codes file, record events and recalls, render labels and stamps, restamp). The CLI,
        // the resolver and the write API call it; it calls the store and the renderers.
        .target(
            name: "OCOPKit",
            dependencies: [
                "OCOPDomain", "OCOPStore", "OCOPLabel", "OCOPRender", "OCOPFailure",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // The resolver behind the QR: GS1 Digital Link pages and JSON linksets over HTTP.
        .target(
            name: "OCOPServe",
            dependencies: [
                "OCOPKit", "OCOPStore", "OCOPDomain", "OCOPPNG", "OCOPFailure", "CZbar", "CHeif",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // EPCIS 2.0 export: store records to an EPCISDocument, and the EPCIS event hash. Reads only.
        .target(
            name: "OCOPExport",
            dependencies: ["OCOPStore", "OCOPDomain", "OCOPFailure", .product(name: "Crypto", package: "swift-crypto")]
        ),

        // The thin command-line front end.
        .executableTarget(
            name: "ocop-trace",
            dependencies: [
                "OCOPQR", "OCOPRender", "OCOPDomain", "OCOPStore", "OCOPPostgres", "OCOPLabel", "OCOPKit", "OCOPServe", "OCOPFailure",
                "OCOPExport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Benchmark helper for bench/run.sh: builds large stores, measures verify in-process.
        .executableTarget(name: "ocop-bench", dependencies: ["OCOPKit", "OCOPStore", "OCOPPostgres", "OCOPDomain"]),
        // Fuzz harness: `make fuzz` builds it with libFuzzer; plain builds replay a corpus.
        .executableTarget(name: "ocop-fuzz", dependencies: ["OCOPDomain", "OCOPLabel"]),

        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "OCOPQRTests", dependencies: ["OCOPQR", "TestSupport"]),
        .testTarget(name: "OCOPRenderTests", dependencies: ["OCOPRender", "OCOPQR", "TestSupport"]),
        // CLITests sign a code for a serial never issued (the "unknown" verdict) with the store's key.
        .testTarget(name: "CLITests", dependencies: ["OCOPQR", "OCOPDomain", "TestSupport"]),
        .testTarget(
            name: "OCOPStoreTests",
            dependencies: ["OCOPStore", "OCOPPostgres", "OCOPKit", "OCOPDomain", "OCOPFailure", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "OCOPDomainTests", dependencies: ["OCOPDomain", "TestSupport"]),
        .testTarget(name: "OCOPExportTests", dependencies: ["OCOPExport", "OCOPStore", "OCOPDomain", "TestSupport"]),
        .testTarget(name: "OCOPLabelTests", dependencies: ["OCOPLabel", "OCOPQR", "OCOPBarcode", "OCOPDomain", "TestSupport"]),
        .testTarget(
            name: "OCOPServeTests",
            dependencies: [
                "OCOPServe", "OCOPKit", "OCOPStore", "OCOPDomain", "OCOPRender", "OCOPQR", "OCOPPNG", "OCOPLabel", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // The reference the page templates' own renderer is checked against.
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ]
)
