/// One problem found in a template file: which file, which element, which key, which rule.
///
/// Printed as `Templates/x.json: elements[3] (qr "unit code") module_mm: 0.2 mm … [module-too-small]`.
public struct TemplateIssue: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning
    }

    /// The rules a template can break; raw values are what messages print.
    public enum Rule: String, Sendable, CaseIterable {
        case unreadable = "unreadable"
        case jsonSyntax = "json-syntax"
        case unknownField = "unknown-field"
        case missingField = "missing-field"
        case invalidValue = "invalid-value"
        case unknownDataField = "unknown-data-field"
        case outsideLabel = "outside-label"
        case outsideSafeArea = "outside-safe-area"
        case moduleTooSmall = "module-too-small"
        case moduleBelowRetail = "module-below-retail"
        case qrDoesNotFit = "qr-does-not-fit"
        case xDimensionOutOfRange = "x-dimension-out-of-range"
        case barHeightTooLow = "bar-height-too-low"
        case barcodeDoesNotFit = "barcode-does-not-fit"
        case barcodeData = "barcode-data"
        case quietZoneOverlap = "quiet-zone-overlap"
        case qrTooFarFromBarcode = "qr-too-far-from-barcode"
        case fontNotInstalled = "font-not-installed"
        case missingGlyphs = "missing-glyphs"
        case textDoesNotFit = "text-does-not-fit"
        case imageUnreadable = "image-unreadable"
        case imageNotPNG = "image-not-png"
        case sheetDoesNotFitPage = "sheet-does-not-fit-page"
        case labelDoesNotFitCell = "label-does-not-fit-cell"
        case unknownTemplate = "unknown-template"
        case tooLarge = "too-large"
    }

    /// The file as the caller named it.
    public let file: String
    public let element: ElementRef?
    /// The key path inside the element (or the template, when `element` is nil): `module_mm`, `font.size_pt`.
    public let field: String?
    public let rule: Rule
    public let severity: Severity
    public let message: String

    public init(file: String, element: ElementRef? = nil, field: String? = nil, rule: Rule,
                severity: Severity = .error, message: String) {
        self.file = file
        self.element = element
        self.field = field
        self.rule = rule
        self.severity = severity
        self.message = message
    }

    public var description: String {
        var location = element?.description ?? ""
        if let field { location += location.isEmpty ? field : " " + field }
        if location.isEmpty { location = "template" }
        let prefix = severity == .warning ? "warning: " : ""
        return "\(file): \(location): \(prefix)\(message) [\(rule.rawValue)]"
    }
}
