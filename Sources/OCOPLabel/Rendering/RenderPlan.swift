import OCOPBarcode
import OCOPDomain
import OCOPQR

/// A validated template compiled for rendering: Mustache texts parsed, and elements split into
/// the static part (the same on every unit of a batch) and the per-unit part.
struct RenderPlan: Sendable {
    let template: LabelTemplate
    let templateName: String
    let folder: String
    let texts: [Int: TextSource]
    let staticElements: [Int]
    let perUnitElements: [Int]

    init(_ loaded: LoadedLabelTemplate) throws(LabelError) {
        template = loaded.template
        templateName = loaded.name
        folder = loaded.folder.path
        var texts: [Int: TextSource] = [:]
        var staticElements: [Int] = [], perUnitElements: [Int] = []
        for (index, element) in loaded.template.elements.enumerated() {
            let perUnit: Bool
            switch element {
            case let .text(text):
                do {
                    texts[index] = try TextSource(text.text)
                } catch {
                    throw .element(template: loaded.name, element: loaded.template.reference(index),
                                   problem: .textTemplate(String(describing: error)))
                }
                perUnit = texts[index]!.isPerUnit
            case let .qr(qr): perUnit = LabelField.perUnit.contains(qr.payload)
            case let .stars(stars): perUnit = LabelField.perUnit.contains(stars.field)
            // GTIN, lot and expiry are the batch's: a barcode is drawn once per batch.
            case .pin: perUnit = true
            case .rect, .line, .image, .barcode: perUnit = false
            }
            if perUnit { perUnitElements.append(index) } else { staticElements.append(index) }
        }
        self.texts = texts
        self.staticElements = staticElements
        self.perUnitElements = perUnitElements
    }

    func reference(_ index: Int) -> ElementRef { template.reference(index) }

    func failure(_ index: Int, _ problem: ElementProblem) -> LabelError {
        .element(template: templateName, element: reference(index), problem: problem)
    }

    /// The payload of a QR element for `data`, encoded. A template whose `unit_code` is
    /// `compact` draws the compact form of every Digital Link it carries (`CompactCode`: the unit
    /// URI without its signature; unit, batch and product URIs with scheme and host in upper case),
    /// whatever the output format.
    func matrix(_ index: Int, _ qr: QRElement, _ data: LabelData) throws(LabelError) -> QRMatrix {
        guard var payload = data.value(of: qr.payload), !payload.isEmpty else {
            throw failure(index, .missingValue(field: qr.payload))
        }
        if template.unitCode == .compact, LabelField.digitalLinks.contains(qr.payload) { payload = Self.compact(payload) }
        do {
            return try QREncoder(errorCorrection: qr.errorCorrection).encode(payload)
        } catch {
            throw failure(index, .qrEncoding(error.description))
        }
    }

    /// The compact form of a Digital Link (a signed unit URI loses its signature); text that is no
    /// Digital Link stays as it is.
    static func compact(_ uri: String) -> String {
        guard let link = try? DigitalLink(parsing: uri) else { return uri }
        return CompactCode.text(link)
    }

    /// The barcode of a barcode element for `data`, encoded, with what it carries.
    func barcode(_ index: Int, _ element: BarcodeElement, _ data: LabelData) throws(LabelError) -> (BarcodeSymbol, BarcodeContent) {
        let content: BarcodeContent
        do {
            content = try BarcodeContent(element.symbology, data: data)
        } catch {
            throw failure(index, error)
        }
        do {
            return (try BarcodeEncoder.encode(element.symbology, data: content.encoderData), content)
        } catch {
            throw failure(index, .barcodeData(error.description))
        }
    }

    /// The star count of a stars element for `data`.
    func starCount(_ index: Int, _ stars: StarsElement, _ data: LabelData) throws(LabelError) -> Int {
        guard let text = data.value(of: stars.field) else { throw failure(index, .missingValue(field: stars.field)) }
        guard let count = Int(text), (1...StarsElement.maximumCount).contains(count) else {
            throw failure(index, .invalidStarCount(Int(text) ?? 0))
        }
        return count
    }
}
