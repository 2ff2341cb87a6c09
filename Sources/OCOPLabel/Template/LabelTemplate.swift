import OCOPDomain

/// A label or stamp design, read from a JSON file in `Templates/` (format: `Templates/README.md`).
///
/// Sizes are millimetres on the finished label; `dpi` says which raster resolutions the design
/// was checked for: output below `dpi.minimum` is refused, because QR modules and small text were
/// only proven to hold from there up.
public struct LabelTemplate: Sendable, Equatable, Decodable {
    public enum Shape: String, Sendable, Decodable {
        /// A rectangle `size` wide and high.
        case rect
        /// A circle of diameter `size.width` (= `size.height`): the round OCOP stamp.
        case round
    }

    public struct Resolution: Sendable, Equatable, Decodable {
        public var `default`: Double
        public var minimum: Double

        public init(default: Double, minimum: Double) {
            self.default = `default`
            self.minimum = minimum
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case `default`, minimum }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            self.default = try container.decodeNumber(.default, minimum: 72)
            minimum = try container.decodeNumberIfPresent(.minimum, minimum: 72) ?? self.default
            if self.default > 2400 { throw container.invalid(.default, "\(self.default) dpi is above 2400") }
            if minimum > self.default {
                throw container.invalid(.minimum, "\(minimum) dpi is above the default \(self.default) dpi")
            }
        }
    }

    public var name: String
    public var description: String?
    public var size: LabelSize
    public var dpi: Resolution
    /// How far decoration may run past the label's edge (clipped at the trim in output).
    public var bleedMM: Double
    /// Content keeps this far inside the edge (inside the circle, for round stamps).
    public var safeMarginMM: Double
    public var shape: Shape
    public var background: LabelColor
    public var elements: [LabelElement]
    /// Roll, gap and darkness for thermal printers (ZPL, TSPL).
    public var printer: PrinterSettings
    /// The unit code its QR codes carry as `unit_uri`: the signed URI (default) or, for small
    /// labels, the compact code without signature (`CompactCode`: about half the modules).
    public var unitCode: CodeKind

    /// The values `unit_code` takes.
    public static let unitCodeKinds: [CodeKind] = [.signed, .compact]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, name, description, size = "size_mm", dpi, bleedMM = "bleed_mm", safeMarginMM = "safe_margin_mm"
        case shape, background, elements, printer, unitCode = "unit_code"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        guard kind == "label" else { throw container.invalid(.kind, "\"\(kind)\" is not a label template (\"kind\": \"label\")") }
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        size = try container.decode(LabelSize.self, forKey: .size)
        dpi = try container.decodeIfPresent(Resolution.self, forKey: .dpi) ?? Resolution(default: 300, minimum: 300)
        bleedMM = try container.decodeNumberIfPresent(.bleedMM) ?? 0
        safeMarginMM = try container.decodeNumberIfPresent(.safeMarginMM) ?? 1
        shape = try container.decodeIfPresent(Shape.self, forKey: .shape) ?? .rect
        background = try container.decodeIfPresent(LabelColor.self, forKey: .background) ?? .white
        elements = try container.decode([LabelElement].self, forKey: .elements)
        printer = try container.decodeIfPresent(PrinterSettings.self, forKey: .printer) ?? PrinterSettings()
        let code = try container.decodeIfPresent(String.self, forKey: .unitCode) ?? CodeKind.signed.rawValue
        guard let unitCode = CodeKind(rawValue: code), Self.unitCodeKinds.contains(unitCode) else {
            throw container.invalid(.unitCode, "\"\(code)\" is not a unit code; use \"signed\" (the signed URI, the default) "
                                        + "or \"compact\" (without signature, for small labels)")
        }
        self.unitCode = unitCode
        if name.isEmpty { throw container.invalid(.name, "must not be empty") }
        if shape == .round && abs(size.width - size.height) > 1e-9 {
            throw container.invalid(.shape, "a round label needs equal width and height (its diameter)")
        }
        if safeMarginMM * 2 >= min(size.width, size.height) {
            throw container.invalid(.safeMarginMM, "\(safeMarginMM) mm leaves no room on a \(size.width) × \(size.height) mm label")
        }
        if let stock = printer.labelSize, stock.width < size.width - 1e-9 || stock.height < size.height - 1e-9 {
            let mm = MillimetreText.format
            throw TemplateDecodingFailure(
                codingPath: container.codingPath + [CodingKeys.printer, PrinterSettings.CodingKeys.labelSize],
                reason: .invalidValue(key: "label_mm", rule: "the \(mm(stock.width)) × \(mm(stock.height)) mm label on the roll "
                    + "is smaller than the \(mm(size.width)) × \(mm(size.height)) mm design (size_mm)"))
        }
    }

    /// The label on the printer's roll: `printer.label_mm`, else the design's size.
    public var stockSize: LabelSize { printer.labelSize ?? size }

    /// True when every colour is a gray (and no picture is used): raster output is then 8-bit gray.
    public var isMonochrome: Bool {
        guard background.isGray else { return false }
        return elements.allSatisfy { element in
            switch element {
            case let .qr(qr): return qr.color.isGray
            case let .text(text): return text.color.isGray
            case let .stars(stars): return stars.color.isGray
            case let .rect(rect): return (rect.fill?.isGray ?? true) && (rect.stroke?.isGray ?? true)
            case let .line(line): return line.color.isGray
            case let .barcode(barcode): return barcode.color.isGray
            case .pin: return true
            case .image: return false
            }
        }
    }

    /// The template draws the unit's scratch-off PIN: labels need the codes file's PINs.
    public var drawsPin: Bool {
        elements.contains { if case .pin = $0 { return true } else { return false } }
    }

    public func reference(_ index: Int) -> ElementRef {
        ElementRef(index: index, kind: elements[index].kind, name: elements[index].name)
    }
}
