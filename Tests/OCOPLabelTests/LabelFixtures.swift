import Foundation
import OCOPDomain
import OCOPLabel
import TestSupport

/// Shared inputs: the shipped templates and label data with a realistic signed unit code.
enum LabelFixtures {
    static let templates = ProjectPaths.root.appendingPathComponent("Templates")
    static let library = TemplateLibrary(folder: templates)

    static let labelTemplates = ["product-label-50x30", "product-label-48x27", "product-label-38x21", "product-label-52x30",
                                 "product-label-30x20",
                                 "product-label-70x37", "product-label-63x38", "product-label-99x38", "product-label-99x38-ean13",
                                 "product-label-99x38-datamatrix", "product-label-50x30-pin",
                                 "ocop-star-stamp-30"]
    static let sheetTemplates = ["sheet-a4-40", "sheet-a4-65-38x21", "sheet-a4-40-52x30", "sheet-a4-24-70x37",
                                 "sheet-a4-21-63x38", "sheet-a4-14-99x38"]

    /// 86 base64url characters: the length of an Ed25519 signature (64 bytes) in base64url.
    static let signature = "MEUCIQD3kZl7c9vX2wq8Yh0aTbR5nJfLxP4mS1eUoGi6KzVd_AiBf-Qh2Nr7WcYt3aXk9sLpE0uJmH5gOvZw4T"
    static let unitURI = "https://id.example.vn/01/09528400000020/10/KD-2026-11/21/DWWHM8WC2DSA0?s=" + signature

    static let data: LabelData = {
        var data = LabelData.sample
        data.unit = LabelData.Unit(serial: "DWWHM8WC2DSA0", shortCode: "7Q2K-9XW3-M", uri: unitURI, pin: "48210937")
        return data
    }()

    /// Unit `index` of the sample batch: distinct serials and signed URIs (and their compact codes).
    static func unit(_ index: Int) -> LabelData.Unit {
        let symbols = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        // The first two symbols count the units (1,024 distinct), so serials never repeat in a test.
        let serial = String([symbols[index / 32 % 32], symbols[index % 32]])
            + String((0..<11).map { symbols[($0 * 7 + index * 13 + index / 32) % 32] })
        let short = String((0..<8).map { symbols[($0 * 5 + index * 3) % 32] })
        let signature = String((0..<86).map { position in
            Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")[(position * 11 + index * 7) % 64]
        })
        return LabelData.Unit(
            serial: serial, shortCode: "\(short.prefix(4))-\(short.suffix(4))-\(symbols[index % 32])",
            uri: "https://id.example.vn/01/09528400000020/10/KD-2026-11/21/\(serial)?s=\(signature)")
    }

    static func label(_ name: String) throws -> LoadedLabelTemplate {
        try library.label(named: name)
    }

    /// The payload a template's QR element carries for `data`: for `unit_uri` on a template whose
    /// `unit_code` is compact, the compact code of the unit URI.
    static func payload(of template: LoadedLabelTemplate, _ data: LabelData = data) -> String? {
        for element in template.template.elements {
            if case let .qr(qr) = element {
                guard LabelField.digitalLinks.contains(qr.payload), let uri = data.value(of: qr.payload) else {
                    return data.value(of: qr.payload)
                }
                return code(uri, on: template)
            }
        }
        return nil
    }

    /// What the QR code of `template` carries for the Digital Link `uri` (unit, batch or product).
    static func code(_ uri: String, on template: LoadedLabelTemplate) -> String {
        guard template.template.unitCode == .compact, let link = try? DigitalLink(parsing: uri) else { return uri }
        return CompactCode.text(link)
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }
}
