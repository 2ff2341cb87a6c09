import OCOPQR

/// A QR code of one data field, e.g. the unit's signed GS1 Digital Link.
///
/// The symbol, with its 4-module quiet zone, sits in `box` as `align`/`valign` say (centred by
/// default; `valign: bottom` keeps it on a caption below the box whatever the payload's length). In raster output each module is
/// a whole number of device pixels (see `QRModuleSize`); in PDF and SVG it is `moduleMM` exactly.
public struct QRElement: Sendable, Equatable, Decodable {
    /// GS1 and ISO/IEC 18004: 4 light modules on every side.
    public static let quietZoneModules = 4

    public var name: String?
    /// The data field the code carries (`unit_uri`, `batch_uri`, `product_uri`, …).
    public var payload: String
    public var errorCorrection: ErrorCorrection
    /// The module (X-dimension) size the template asks for.
    public var moduleMM: Double
    /// Raster output rounds modules to whole pixels but never below this; default 0.25 mm.
    public var minModuleMM: Double
    public var box: LabelBox
    public var align: TextElement.Alignment
    public var verticalAlign: TextElement.VerticalAlignment
    public var color: LabelColor
    /// The longest payload the box must hold; nil uses the field's expected maximum (`LabelData`).
    public var maxPayloadBytes: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, name, payload, errorCorrection = "ec", moduleMM = "module_mm", minModuleMM = "min_module_mm"
        case box, align, verticalAlign = "valign", color, maxPayloadBytes = "max_payload_bytes"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        payload = try container.decodeIfPresent(String.self, forKey: .payload) ?? "unit_uri"
        let letter = try container.decodeIfPresent(String.self, forKey: .errorCorrection) ?? "M"
        guard let level = ErrorCorrection(letter: letter) else {
            throw container.invalid(.errorCorrection, "\"\(letter)\" is not an error-correction level; use L, M, Q or H")
        }
        errorCorrection = level
        moduleMM = try container.decodeNumber(.moduleMM, exclusive: true)
        minModuleMM = try container.decodeNumberIfPresent(.minModuleMM, exclusive: true) ?? QRModuleSize.refusedBelowMM
        box = try container.decode(LabelBox.self, forKey: .box)
        align = try container.decodeIfPresent(TextElement.Alignment.self, forKey: .align) ?? .center
        verticalAlign = try container.decodeIfPresent(TextElement.VerticalAlignment.self, forKey: .verticalAlign) ?? .middle
        color = try container.decodeIfPresent(LabelColor.self, forKey: .color) ?? .black
        maxPayloadBytes = try container.decodeIfPresent(Int.self, forKey: .maxPayloadBytes)
        if let maxPayloadBytes, !(1...2953).contains(maxPayloadBytes) {
            throw container.invalid(.maxPayloadBytes, "\(maxPayloadBytes) is outside 1-2953 (a QR code holds at most 2953 bytes)")
        }
    }
}

extension QRElement {
    /// Where a symbol of `side` starts along the box's width and height, per `align` and `valign`.
    func origin(side: Double, boxX: Double, boxY: Double, boxWidth: Double, boxHeight: Double) -> (x: Double, y: Double) {
        BoxAlignment.origin(width: side, height: side, boxX: boxX, boxY: boxY, boxWidth: boxWidth, boxHeight: boxHeight,
                            align: align, verticalAlign: verticalAlign)
    }
}
