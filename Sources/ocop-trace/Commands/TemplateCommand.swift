import ArgumentParser
import Foundation
import OCOPFailure
import OCOPLabel
import OCOPRender

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Label, stamp and sheet templates (JSON files in Templates/).",
        subcommands: [List.self, Check.self, Preview.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the templates in the template folder, after a line naming that folder.",
            discussion: """
            The folder is the first that exists of: --templates DIR, \
            <bindir>/../share/ocop-trace/Templates (where `make install` puts them), \
            $OCOP_TRACE_TEMPLATES, ./Templates. Exit 66 naming the folders tried when none exists.
            """
        )
        @OptionGroup var templates: TemplateOptions

        func run() throws {
            let found = try templates.found
            let library = TemplateLibrary(folder: URL(fileURLWithPath: found.path))
            print("templates in \(library.folder.standardizedFileURL.path) (\(found.origin)):")
            for name in library.names() {
                let report = library.validator.check(file: library.file(named: name))
                print("\(name)\(report.isValid ? "" : "  (invalid: run `ocop-trace template check \(name)`)")")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a template: every problem names the file, the element and the rule.",
            discussion: """
            Checks unknown fields, boxes outside the label or its safe area, QR modules (refused \
            under 0.25 mm, warned under GS1's retail minimum of 0.396 mm), QR codes that cannot \
            hold their longest payload in their box (a signed unit URI, or a compact one with \
            "unit_code": "compact"), fonts that are not installed, images that are not PNGs, and \
            sample text that cannot fit. Each QR code's line gives its version and module size in \
            PDF and at each checked dpi against GS1's 0.396 mm. Exit 0 when valid (warnings \
            allowed), 65 otherwise.

            Example:
              ocop-trace template check Templates/product-label-50x30.json
            """
        )
        @OptionGroup var templates: TemplateOptions
        @Argument(help: "A template name or a .json file.") var file: String
        @Flag(help: "Print JSON.") var json = false

        struct Problem: Encodable { let severity: String, rule: String, message: String }
        struct RasterModule: Encodable { let dpi: Double, pixels: Int, moduleMM: Double
            enum CodingKeys: String, CodingKey { case dpi, pixels, moduleMM = "module_mm" } }
        struct QRCode: Encodable {
            let element: String, payload: String, unitCode: String?, upperCase: Bool, payloadLength: Int, level: String
            let version: Int, modules: Int, moduleMM: Double, raster: [RasterModule]
            let gs1MinimumMM: Double, meetsGS1: Bool, summary: String
            enum CodingKeys: String, CodingKey {
                case element, payload, level, version, modules, raster, summary
                case unitCode = "unit_code", upperCase = "upper_case", payloadLength = "payload_length", moduleMM = "module_mm"
                case gs1MinimumMM = "gs1_minimum_mm", meetsGS1 = "meets_gs1"
            }
        }
        struct Report: Encodable {
            let file: String, valid: Bool, problems: [Problem], qrCodes: [QRCode]
            enum CodingKeys: String, CodingKey { case file, valid, problems, qrCodes = "qr_codes" }
        }

        func run() throws {
            // A file path needs no template folder: `template check my-label.json` works anywhere.
            let url = try TemplateLibrary.isPath(file) ? URL(fileURLWithPath: file) : templates.library.file(named: file)
            let validator = TemplateValidator()
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw CLIError(message: "template: \(url.path) does not exist", exitCode: OCOPExit.notFound)
            }
            let report = validator.check(file: url)
            if json {
                try Printer.json(Report(file: url.path, valid: report.isValid, problems: report.issues.map {
                    Problem(severity: $0.severity.rawValue, rule: $0.rule.rawValue, message: $0.description)
                }, qrCodes: report.qrCodes.map { qr in
                    QRCode(element: qr.element.description, payload: qr.payload, unitCode: qr.unitCode?.rawValue,
                           upperCase: qr.upperCase, payloadLength: qr.payloadLength, level: qr.level.rawValue, version: qr.version, modules: qr.symbolSize,
                           moduleMM: qr.moduleMM, raster: qr.raster.map { RasterModule(dpi: $0.dpi, pixels: $0.pixels, moduleMM: $0.moduleMM) },
                           gs1MinimumMM: QRSummary.gs1MinimumMM, meetsGS1: qr.meetsGS1, summary: qr.description)
                }))
            } else {
                for issue in report.issues { print(issue.description) }
                for qr in report.qrCodes { print("\(report.file.relativePath): \(qr)") }
                if report.isValid { print("\(url.path): OK\(report.warnings.isEmpty ? "" : " with \(report.warnings.count) warning(s)")") }
            }
            if !report.isValid {
                throw CLIError(message: "template: \(url.path) has \(report.errors.count) error(s)", exitCode: OCOPExit.data)
            }
        }
    }

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a template with sample data (a real signed-length URI and long Vietnamese names).",
            discussion: "Example:\n  ocop-trace template preview ocop-star-stamp-30 --out Output/stamp-preview.png"
        )
        @OptionGroup var templates: TemplateOptions
        @Argument(help: "Template name or file.") var name: String
        @Option(help: "png, pdf or svg (default: from --out, else png).") var format: String?
        @Option(help: "Resolution for PNG (default: the template's).") var dpi: Double?
        @Option(help: ArgumentHelp("File to write (default: Output/preview-<name>.<format>).", valueName: "file")) var out: String?

        func run() throws {
            let library = try templates.library
            let loaded: LoadedLabelTemplate
            loaded = try library.label(named: name)
            let chosen = format ?? out.flatMap { $0.split(separator: ".").last.map(String.init) } ?? "png"
            let path = out ?? "Output/preview-\(loaded.name).\(chosen)"
            let bytes: [UInt8]
            let renderer = try LabelRenderer(loaded, dpi: dpi)
            let sample = LabelData.sample(for: loaded.template)
            switch chosen.lowercased() {
            case "png": bytes = try renderer.png(sample)
            case "pdf": bytes = try renderer.pdf(sample)
            case "svg": bytes = try renderer.svg(sample)
            default: throw CLIError(message: "format: '\(chosen)' is not png, pdf or svg", exitCode: OCOPExit.usage)
            }
            try AtomicFile.write(bytes, to: path)
            for warning in loaded.warnings { Printer.warn(warning.description) }
            print("\(path): \(loaded.name) with sample data")
        }
    }
}
