/// Draws a label template for a thermal printer: bilevel at the printer's dpi (QR modules whole
/// dots, text hinted without anti-aliasing), split into what a batch shares and what each unit adds.
///
/// The unit region is the smallest band of whole bytes that holds every per-unit element (QR
/// code, short code, serial) with a small margin. The batch's background is the static part
/// with that region left white; a unit's part is the finished label inside the region. Laid
/// over each other (a dot wherever either has one) they give the finished label exactly, so a
/// printer can keep the background and receive only the unit's part per label.
public struct ThermalRenderer: Sendable {
    /// Dots around the per-unit boxes, for glyph ink that reaches past a text box.
    static let regionMarginDots = 2

    public let renderer: LabelRenderer
    public let unitRegion: PixelRect

    public init(_ template: LoadedLabelTemplate, dpi: Double) throws(LabelError) {
        renderer = try LabelRenderer(template, dpi: dpi, rasterization: .bilevel)
        unitRegion = Self.unitRegion(of: renderer)
    }

    public var widthDots: Int { renderer.pixelWidth }
    public var heightDots: Int { renderer.pixelHeight }

    public func prepare(_ data: LabelData) throws(LabelError) -> PreparedThermalLabel {
        let label = try renderer.prepare(data)
        var background = MonoBitmap(try label.staticRaster())
        background.clear(unitRegion)
        return PreparedThermalLabel(label: label, background: background, unitRegion: unitRegion)
    }

    /// Empty (zero width) when the template has no per-unit element.
    static func unitRegion(of renderer: LabelRenderer) -> PixelRect {
        let width = renderer.pixelWidth, height = renderer.pixelHeight
        let boxes = renderer.plan.perUnitElements.map { index in
            PixelRect.covering(renderer.template.template.elements[index].box, dpi: renderer.dpi,
                               margin: regionMarginDots, within: width, height)
        }
        guard var region = boxes.first else { return PixelRect(x: 0, y: 0, width: 0, height: 0) }
        for box in boxes.dropFirst() { region = region.union(box) }
        // Whole bytes: a TSPL bitmap overwrites its padding bits too, so they must be real pixels
        // (only at the label's right edge do they fall past it, onto blank stock).
        region.width = min((region.width + 7) / 8 * 8, width)
        region.x = max(0, min(region.x, width - region.width))
        return region
    }
}

/// A thermal label with its batch's static part drawn.
public struct PreparedThermalLabel: Sendable {
    let label: PreparedLabel
    /// The static part with the unit region white.
    public let background: MonoBitmap
    public let unitRegion: PixelRect

    /// The finished label of one unit.
    public func whole(unit: LabelData.Unit?) throws(LabelError) -> MonoBitmap {
        MonoBitmap(try label.raster(unit: unit))
    }

    /// The finished label inside the unit region.
    public func unitPart(_ unit: LabelData.Unit?) throws(LabelError) -> MonoBitmap {
        try whole(unit: unit).cropped(to: unitRegion)
    }
}
