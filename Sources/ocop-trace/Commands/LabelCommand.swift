import ArgumentParser
import Foundation
import OCOPKit
import OCOPLabel
import OCOPStore
import OCOPDomain

extension LabelJob.Format: ExpressibleByArgument {}

struct LabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Print-ready labels for a batch's units.",
        subcommands: [Render.self, Calibrate.self]
    )

    /// Where labels land on a sheet: shared by `render` and `calibrate`.
    struct OffsetOptions: ParsableArguments {
        @Option(name: .customLong("offset-x"), parsing: .unconditional,
                help: ArgumentHelp("Shift everything printed right (negative: left), -5 to 5 mm: the printer's offset.", valueName: "mm"))
        var offsetX: Double = 0
        @Option(name: .customLong("offset-y"), parsing: .unconditional,
                help: ArgumentHelp("Shift everything printed down (negative: up), -5 to 5 mm.", valueName: "mm"))
        var offsetY: Double = 0
    }

    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A page to print on plain paper and hold against a sticker sheet: outlines, crosshairs, rulers.",
            discussion: """
            One A4 page with every label's outline (cyan), a crosshair at each label's centre and \
            millimetre rulers along the top and left edges. Print it at 100 % (actual size, not \
            "fit to page"), lay a sheet of the stock on it and hold both against the light: where \
            the outlines miss the die cuts, read the shift on the rulers and pass it to \
            `label render --offset-x/--offset-y` (right and down are positive). Print the page \
            again with the same offsets to check.

            Examples:
              ocop-trace label calibrate --sheet sheet-a4-21-63x38            # → Output/sheet-a4-21-63x38-calibration.pdf
              ocop-trace label calibrate --sheet sheet-a4-65-38x21 --out - | lp -d OFFICE
              ocop-trace label calibrate --sheet sheet-a4-21-63x38 --offset-x 0.8 --offset-y -1.2
            """
        )
        @OptionGroup var templates: TemplateOptions
        @Option(help: "Sheet template, e.g. sheet-a4-21-63x38 (`ocop-trace template list`).") var sheet: String
        @OptionGroup var offsets: OffsetOptions
        @Option(help: ArgumentHelp("The PDF to write (default: Output/<sheet>-calibration.pdf), or - for standard output.", valueName: "file"))
        var out: String?

        func run() throws {
            let path = out ?? CalibrationJob.defaultPath(sheet: sheet)
            let placement = SheetPlacement(offsetX: offsets.offsetX, offsetY: offsets.offsetY)
            try CalibrationJob.write(sheet: sheet, library: templates.library, placement: placement, to: path)
            if path != "-" { print("calibration page for \(sheet): \(path) (print at 100 %, actual size)") }
        }
    }

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a batch's labels: PNG/SVG per unit, one roll PDF, sticker sheets, or a thermal printer job.",
            discussion: """
            Files go to <out>/<producer>/<product>/<lot>/ with manifest.csv and \
            manifest.json (file, unit code, short code, sha256):
              png, svg   <serial>.png|svg, one file per unit
              pdf        labels.pdf, a page per unit at the label's size (what CUPS
                         drivers of label printers take); --per-unit: <serial>.pdf
              zpl, tspl  labels-<dpi>dpi.zpl|tspl, one job for a thermal printer
                         (ZPL: Zebra; TSPL: TSC, Xprinter). The static part is sent
                         once and kept in the printer; each unit adds its QR code
                         and short code, in whole dots, without anti-aliasing.
                         --dpi is the printer's: 203 (default), 300 or 600. Roll,
                         gap and darkness: the template's "printer" section.
              --sheet    sheet-NNN.png pages, or one sheets.pdf (a page per sheet).
                         --start-at N skips the N-1 used labels of a half-used
                         first sheet; --offset-x/--offset-y shift everything by the
                         printer's offset (measure it with `label calibrate`);
                         --outlines draws each label's cut line.
            --out - writes the job or the roll PDF to standard output, for lp. \
            The same inputs give byte-identical files; rendering uses every core.

            Examples:
              ocop-trace label render --batch LOT
              ocop-trace label render --batch LOT --format zpl --out - | lp -d ZEBRA -o raw
              ocop-trace label render --batch LOT --format tspl --dpi 300
              ocop-trace label render --batch LOT --format pdf --out - | lp -d LABELS
              ocop-trace label render --batch LOT --sheet sheet-a4-40 --format pdf
              ocop-trace label render --batch LOT --sheet sheet-a4-21-63x38 --format pdf --start-at 8 --offset-y -0.5
            """
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var templates: TemplateOptions
        @Option(help: "Lot number.") var batch: String
        @Option(help: "Product id, when several products use the lot number.") var product: String?
        @Option(help: "Label template (default: the sheet's label, else product-label-50x30).") var template: String?
        @Option(help: "png, pdf, svg, zpl or tspl.") var format: LabelJob.Format = .png
        @Option(help: "Sheet template to tile the labels onto, e.g. sheet-a4-21-63x38 (`ocop-trace template list`).") var sheet: String?
        @Option(name: .customLong("start-at"), help: ArgumentHelp("Sheets: the first unused label of the first sheet, counted row by row from 1.", valueName: "n"))
        var startAt = 1
        @OptionGroup var offsets: OffsetOptions
        @Flag(help: "Sheets: draw each label's cut outline (for plain paper, or to check alignment).") var outlines = false
        @Option(help: "Resolution: for PNG (default: the template's); for zpl/tspl the printer's 203 (default) or 300.") var dpi: Double?
        @Flag(name: .customLong("per-unit"), help: "PDF: one file per unit instead of one PDF with a page per unit.") var perUnit = false
        @Option(help: ArgumentHelp("Root folder for rendered files, or - for standard output (zpl, tspl, pdf).", valueName: "dir")) var out = "Output"
        @Option(help: ArgumentHelp("The codes file of `batch issue --pins`: its PINs, for a template with a pin element.", valueName: "file"))
        var codes: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let pins = try codes.map { path throws(KitError) in try PinCodesFile.read(path) }
            let opened = try store.open()
            let record = try BatchLookup.find(lot: batch, product: product, in: opened)
            let book = try CodeBook(folder: opened.keyFolder, settings: opened.settings)
            let toStandardOutput = out == "-"
            let job = LabelJob(store: opened, book: book, library: try templates.library, layout: OutputLayout(root: out))
            let resolver = opened.settings.resolver
            // The host is in every code (signed into a signed one): say it, and which kind of code
            // the template prints, before the labels go to a printer (on standard error when
            // standard output carries the job itself).
            let note = try job.codeKind(template: template, sheet: sheet) == .compact
                ? "compact codes (no signature: checked against this store's log) for https://\(resolver)/"
                : "signing for https://\(resolver)/"
            if toStandardOutput { FileHandle.standardError.write(Data((note + "\n").utf8)) } else if !json { print(note) }
            let placement = SheetPlacement(startAt: startAt, offsetX: offsets.offsetX, offsetY: offsets.offsetY, outlines: outlines)
            let result = try job.render(batch: record, template: template, format: format, sheet: sheet, dpi: dpi, perUnit: perUnit,
                                        destination: toStandardOutput ? .standardOutput : .folder, placement: placement,
                                        pins: pins) { done, total in
                Printer.progress(done, of: total, label: "rendering")
            }
            if toStandardOutput { return }
            if json {
                struct Summary: Encodable { let folder: String, files: Int, units: Int, resolver: String }
                return try Printer.json(Summary(folder: result.folder, files: result.files, units: result.units, resolver: resolver))
            }
            print("\(result.files) file(s) for \(result.units) units in \(result.folder)/ (manifest.csv, manifest.json)")
        }
    }
}

struct StampCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stamp",
        abstract: "OCOP star stamps.",
        subcommands: [Render.self]
    )

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a product's star stamp set for its rating in force, and log which rating it shows.",
            discussion: """
            Writes <out>/<producer>/<product>/stamps/<product>-<N>star-<decision date>.png (300 dpi) \
            and .pdf (true size). Refused when the product has no valid rating: the OCOP mark may be \
            printed only while the certificate is valid.

            Examples:
              ocop-trace stamp render --product TV-0002
              ocop-trace stamp render --all      # every product with a valid rating; the others are listed
            """
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var templates: TemplateOptions
        @Option(help: "Product id.") var product: String?
        @Flag(help: "Every product whose rating is in force today.") var all = false
        @Option(help: "Stamp template.") var template = "ocop-star-stamp-30"
        @Option(help: ArgumentHelp("Root folder for rendered files.", valueName: "dir")) var out = "Output"

        func validate() throws {
            if (product == nil) == !all { throw ValidationError("product: give --product P or --all (one of them)") }
        }

        func run() throws {
            let opened = try store.open()
            var job = StampJob(store: opened, library: try templates.library, layout: OutputLayout(root: out))
            job.template = template
            let day = Today.inVietnam()
            let author = try store.author(for: opened)
            if let product {
                let record = try job.renderCurrent(productID: product, on: day, actor: author)
                print("\(product): \(record.stars ?? 0)★ stamps valid until \(record.validUntil?.description ?? "?")")
                for file in record.files { print("  \(file.path)") }
                return
            }
            let products = try opened.products(producerID: nil)
            var rendered = 0
            var skipped: [String] = []
            for (index, item) in products.enumerated() {
                do {
                    _ = try job.renderCurrent(productID: item.id, on: day, actor: author)
                    rendered += 1
                } catch {
                    // Only "no rating in force" skips a product; every other failure stops.
                    guard case let .invalid(refusal) = error, refusal.field == "rating" else { throw error }
                    skipped.append(item.id)
                }
                Printer.progress(index + 1, of: products.count, label: "stamps")
            }
            print("rendered stamps for \(rendered) products; \(skipped.count) have no rating in force and get none")
            if !skipped.isEmpty { print("  no stamp: \(skipped.joined(separator: ", "))") }
        }
    }
}

struct RestampCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restamp",
        abstract: "After a re-rating round: new stamps where the rating changed, a withdrawal list where it lapsed.",
        discussion: """
        Compares every stamped product's stamps with its rating in force: upgraded, downgraded or \
        re-recognised products get a new stamp set; products whose certificate expired or was \
        withdrawn are listed to take off the shelves; nothing else is touched. Products this tool \
        never stamped whose rating lapsed or was withdrawn since the previous run (on a first run: \
        ever) are listed too, marked "stamps printed outside this tool": their stamps came from \
        elsewhere and must come off as well. A second run right after finds nothing to do.

        Example:
          ocop-trace import rerating-2026-h2.csv && ocop-trace restamp
        """
    )
    @OptionGroup var store: StoreOptions
    @OptionGroup var templates: TemplateOptions
    @Flag(name: .customLong("dry-run"), help: "Report what would change; write nothing.") var dryRun = false
    @Option(help: ArgumentHelp("Judge ratings as of this day (default: today in Vietnam).", valueName: "date")) var on: String?
    @Option(help: ArgumentHelp("Root folder for rendered files.", valueName: "dir")) var out = "Output"
    @Flag(help: "Print the report as JSON.") var json = false

    func run() throws {
        let opened = try store.open()
        let day = try on.map { value in try CalendarDate(parsing: value, field: "on") }
            ?? Today.inVietnam()
        let job = RestampJob(stamps: StampJob(store: opened, library: try templates.library, layout: OutputLayout(root: out)))
        let plan = try job.plan(on: day)
        if !dryRun {
            _ = try job.run(plan, actor: try store.author(for: opened))
        }
        if json { return try Printer.json(plan) }
        let verb = dryRun ? "would render" : "rendered"
        print("restamp on \(plan.day)\(dryRun ? " (dry run)" : ""): \(verb) \(plan.render.count), withdraw \(plan.withdraw.count), unchanged \(plan.unchanged), never stamped \(plan.neverStamped)"
              + ", withdraw (stamps printed outside this tool) \(plan.withdrawOutside.count)" + (plan.since.map { " since the run of \($0)" } ?? ""))
        for item in plan.render { print("  \(verb): \(item.productID)  \(item.reason)  \(item.productName)") }
        for item in plan.withdraw { print("  WITHDRAW FROM SHELVES: \(item.productID)  \(item.reason)  \(item.productName)") }
        for item in plan.withdrawOutside {
            print("  WITHDRAW FROM SHELVES (stamps printed outside this tool): \(item.productID)  \(item.reason)  \(item.productName)")
        }
    }
}
