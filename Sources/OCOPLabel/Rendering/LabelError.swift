import OCOPFailure

/// What went wrong with one element while rendering real data.
public enum ElementProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data has no value for a field the element needs.
    case missingValue(field: String)
    /// The text does not fit the box in `max_lines` lines, even at the smallest allowed size.
    case textOverflow(text: String, detail: String)
    /// No installed font has a glyph for some characters (they would print as boxes).
    case missingGlyphs(text: String, count: Int)
    /// The Mustache text does not parse.
    case textTemplate(String)
    case qrEncoding(String)
    case qrDoesNotFit(String)
    case invalidStarCount(Int)
    /// The data cannot be carried by the element's barcode (no GTIN-13 form, a lot outside GS1's characters, …).
    case barcodeData(String)
    case barcodeDoesNotFit(String)

    public var description: String {
        switch self {
        case let .missingValue(field):
            return "the data has no \(field)"
        case let .textOverflow(text, detail):
            return "\"\(text)\" does not fit: \(detail) (shorten it, enlarge the box, allow shrink_to_fit, or set ellipsize)"
        case let .missingGlyphs(text, count):
            return "\(count) character(s) of \"\(text)\" have no glyph in any installed font and would print as boxes"
        case let .textTemplate(message):
            return "Mustache syntax: \(message)"
        case let .qrEncoding(message):
            return message
        case let .qrDoesNotFit(detail):
            return detail
        case let .barcodeData(detail):
            return detail
        case let .barcodeDoesNotFit(detail):
            return detail
        case let .invalidStarCount(count):
            return "\(count) stars cannot be drawn; use 1 to \(StarsElement.maximumCount)"
        }
    }
}

/// Why a label, stamp or sheet could not be rendered. Messages name the template, the element and the rule.
public enum LabelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template file has errors (every issue is listed).
    case template(TemplateError)
    case element(template: String, element: ElementRef, problem: ElementProblem)
    /// The requested resolution is below the template's minimum or absurd.
    case resolution(template: String, detail: String)
    /// A label does not fit a sheet's cells.
    case sheet(sheet: String, detail: String)
    /// cairo or pango reported a failure.
    case graphics(operation: String, status: String)
    case image(path: String, reason: String)
    case encoding(String)

    public var description: String {
        switch self {
        case let .template(error): return error.description
        case let .element(template, element, problem): return "\(template): \(element): \(problem)"
        case let .resolution(template, detail): return "\(template): dpi: \(detail)"
        case let .sheet(sheet, detail): return "\(sheet): \(detail)"
        case let .graphics(operation, status): return "cairo/pango: \(operation) failed: \(status)"
        case let .image(path, reason): return "image \(path): \(reason)"
        case let .encoding(message): return message
        }
    }
}

extension LabelError: ReportableError {
    /// A template, element, sheet or image that cannot be used is a data error.
    public var exitCode: Int32 { OCOPExit.data }
}
