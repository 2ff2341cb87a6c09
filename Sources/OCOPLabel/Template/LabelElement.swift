/// One thing drawn on a label, in template order (later elements are drawn over earlier ones;
/// see `LabelRenderer` for per-unit elements).
public enum LabelElement: Sendable, Equatable, Decodable {
    case qr(QRElement)
    case text(TextElement)
    case stars(StarsElement)
    case rect(RectElement)
    case line(LineElement)
    case image(ImageElement)
    case barcode(BarcodeElement)
    case pin(PinElement)

    /// The `type` key of an element.
    public enum Kind: String, Sendable, CaseIterable, Decodable {
        case qr, text, stars, rect, line, image, barcode, pin
    }

    public var kind: Kind {
        switch self {
        case .qr: return .qr
        case .text: return .text
        case .stars: return .stars
        case .rect: return .rect
        case .line: return .line
        case .image: return .image
        case .barcode: return .barcode
        case .pin: return .pin
        }
    }

    /// The optional `name` a template gives an element, for messages.
    public var name: String? {
        switch self {
        case let .qr(element): return element.name
        case let .text(element): return element.name
        case let .stars(element): return element.name
        case let .rect(element): return element.name
        case let .line(element): return element.name
        case let .image(element): return element.name
        case let .barcode(element): return element.name
        case let .pin(element): return element.name
        }
    }

    /// The area the element covers.
    public var box: LabelBox {
        switch self {
        case let .qr(element): return element.box
        case let .text(element): return element.box
        case let .stars(element): return element.box
        case let .rect(element): return element.box
        case let .line(element): return element.span
        case let .image(element): return element.box
        case let .barcode(element): return element.box
        case let .pin(element): return element.box
        }
    }

    /// Content (codes, barcodes, text, stars) must stay inside the safe area; decoration (rules, frames,
    /// backgrounds, logos) may reach the edge and into the bleed.
    public var isContent: Bool {
        switch self {
        case .qr, .text, .stars, .barcode, .pin: return true
        case .rect, .line, .image: return false
        }
    }

    private enum TypeKey: String, CodingKey { case type }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TypeKey.self)
        let typeName = try container.decode(String.self, forKey: .type)
        guard let kind = Kind(rawValue: typeName) else {
            let allowed = Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw TemplateDecodingFailure(
                codingPath: decoder.codingPath + [TypeKey.type],
                reason: .invalidValue(key: "type", rule: "\"\(typeName)\" is not an element type; use one of \(allowed)")
            )
        }
        switch kind {
        case .qr: self = .qr(try QRElement(from: decoder))
        case .text: self = .text(try TextElement(from: decoder))
        case .stars: self = .stars(try StarsElement(from: decoder))
        case .rect: self = .rect(try RectElement(from: decoder))
        case .line: self = .line(try LineElement(from: decoder))
        case .image: self = .image(try ImageElement(from: decoder))
        case .barcode: self = .barcode(try BarcodeElement(from: decoder))
        case .pin: self = .pin(try PinElement(from: decoder))
        }
    }
}

/// Names an element in messages: `elements[3] (qr "unit code")`.
public struct ElementRef: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let index: Int
    public let kind: LabelElement.Kind
    public let name: String?

    public init(index: Int, kind: LabelElement.Kind, name: String? = nil) {
        self.index = index
        self.kind = kind
        self.name = name
    }

    public var description: String {
        "elements[\(index)] (\(kind.rawValue)\(name.map { " \"\($0)\"" } ?? ""))"
    }
}
