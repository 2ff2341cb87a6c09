import Foundation

/// A label with its static part already drawn for one batch: rendering a unit copies those
/// pixels and draws only the per-unit elements (QR code, short code, serial).
public struct PreparedLabel: Sendable {
    public let renderer: LabelRenderer
    /// The batch's data, without unit values.
    public let batch: LabelData
    /// The static part: cairo RGB24 pixels, `pixelWidth × 4` bytes per row.
    let staticPixels: [UInt8]

    /// The label of one unit as pixels (for a stamp or another label without per-unit fields, `unit` may be nil).
    public func raster(unit: LabelData.Unit?) throws(LabelError) -> LabelRaster {
        let plan = renderer.plan
        let canvas = try RasterCanvas(width: renderer.pixelWidth, height: renderer.pixelHeight)
        canvas.load(staticPixels)
        if !plan.perUnitElements.isEmpty {
            let context = try DrawingContext(surface: canvas.surface,
                                             unitsPerMM: PixelGeometry.pixelsPerMillimetre(dpi: renderer.dpi),
                                             rasterization: renderer.rasterization)
            let painter = ElementPainter(plan: plan, context: context, target: .raster(canvas, dpi: renderer.dpi))
            painter.clipToShape()
            try painter.draw(plan.perUnitElements, data: batch.with(unit: unit))
        }
        return canvas.raster(monochrome: plan.template.isMonochrome)
    }

    /// The static part alone, as pixels: what every unit of the batch shares.
    public func staticRaster() throws(LabelError) -> LabelRaster {
        let canvas = try RasterCanvas(width: renderer.pixelWidth, height: renderer.pixelHeight)
        canvas.load(staticPixels)
        return canvas.raster(monochrome: renderer.plan.template.isMonochrome)
    }

    /// The label of one unit as PNG bytes (pHYs = the renderer's dpi).
    public func png(unit: LabelData.Unit?) throws(LabelError) -> [UInt8] {
        try raster(unit: unit).png(dpi: renderer.dpi)
    }

    /// PNGs of many units, on `threads` threads at once; results in the order of `units`.
    /// The first failure (in unit order) is thrown.
    public func pngs(units: [LabelData.Unit], threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(LabelError) -> [[UInt8]] {
        try ParallelResults<[UInt8]>.compute(count: units.count, threads: threads) { index throws(LabelError) in
            try png(unit: units[index])
        }
    }
}
