import OCOPDomain

/// What a barcode element carries for one batch's data: the text zint encodes and the
/// human-readable interpretation printed under linear symbols.
struct BarcodeContent: Sendable, Equatable {
    /// 13 digits (EAN-13), 12 digits (UPC-A) or GS1 element strings in square brackets.
    let encoderData: String
    /// The digits (EAN-13, UPC-A) or the element strings in parentheses (GS1-128).
    let humanReadable: String

    /// The content of `symbology` for `data`; the error names the field and the rule.
    init(_ symbology: GS1Symbology, data: LabelData) throws(ElementProblem) {
        guard let text = data.product.gtin, !text.isEmpty else { throw .missingValue(field: "product.gtin") }
        let gtin: GTIN
        do { gtin = try GTIN(text) } catch { throw .barcodeData("product.gtin: \(error.rule)") }
        switch symbology {
        case .ean13:
            guard let digits = gtin.gtin13 else {
                throw .barcodeData("product.gtin: \(gtin.gtin14) has an indicator digit (a case's GTIN-14); EAN-13 carries only GTIN-13, -12 and -8")
            }
            encoderData = digits
            humanReadable = digits
        case .upca:
            guard let digits = gtin.gtin12 else {
                throw .barcodeData("product.gtin: \(gtin.gtin14) is no GTIN-12; UPC-A carries only GTINs that start with two zeros as GTIN-14")
            }
            encoderData = digits
            humanReadable = digits
        case .gs1_128, .gs1DataMatrix:
            let elements: GS1ElementString
            do {
                elements = try GS1ElementString(gtin: gtin, expires: data.expires, lot: data.lot)
            } catch {
                throw .barcodeData("\(error.field): \(error.rule)")
            }
            encoderData = elements.bracketed
            humanReadable = elements.humanReadable
        }
    }
}
