import CCairo
import Foundation

/// Tiles labels onto sticker sheets: PNG pages, or one PDF with a page per sheet.
///
/// Labels fill the cells row by row from the top left, each centred in its cell. In PNG pages
/// every label starts on a whole pixel, so its QR modules stay exact; the page follows the same
/// dimensions rule as labels (A4 at 300 dpi: 2480 × 3508 px).
public struct SheetRenderer: Sendable {
    public let sheet: LoadedSheetTemplate
    public let label: LabelRenderer

    /// - Parameter dpi: nil for the sheet's default; it must suit both the sheet and the label.
    public init(sheet: LoadedSheetTemplate, label: LoadedLabelTemplate, dpi: Double? = nil) throws(LabelError) {
        if let reason = SheetLayout.misfit(label: label.template, sheet: sheet.template) {
            throw .sheet(sheet: sheet.name, detail: reason)
        }
        let chosen = dpi ?? max(sheet.template.dpi.default, label.template.dpi.minimum)
        guard chosen >= sheet.template.dpi.minimum else {
            throw .resolution(template: sheet.name, detail: "\(chosen) dpi is below the sheet's minimum of \(sheet.template.dpi.minimum) dpi")
        }
        self.sheet = sheet
        self.label = try LabelRenderer(label, dpi: chosen)
    }

    public var labelsPerPage: Int { sheet.template.labelsPerPage }

    public func pageCount(labels: Int, placement: SheetPlacement = .standard) -> Int {
        placement.pageCount(labels: labels, labelsPerPage: labelsPerPage)
    }

    public var pixelWidth: Int { PixelGeometry.pixels(sheet.template.page.width, dpi: label.dpi) }
    public var pixelHeight: Int { PixelGeometry.pixels(sheet.template.page.height, dpi: label.dpi) }

    /// One PNG per page. Labels of one batch share their static part (drawn once per batch).
    public func pngPages(_ labels: [LabelData], placement: SheetPlacement = .standard,
                         threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(LabelError) -> [[UInt8]] {
        guard !labels.isEmpty else { throw .sheet(sheet: sheet.name, detail: "no labels to place") }
        if let problem = placement.problem(labelsPerPage: labelsPerPage) { throw .sheet(sheet: sheet.name, detail: problem) }
        var prepared: [PreparedLabel] = []
        var batchOf: [Int] = []
        for data in labels {
            let batch = data.batchPart
            if let known = prepared.firstIndex(where: { $0.batch == batch }) {
                batchOf.append(known)
            } else {
                prepared.append(try label.prepare(batch))
                batchOf.append(prepared.count - 1)
            }
        }
        let preparedLabels = prepared, batches = batchOf
        let all = try ParallelResults<LabelRaster>.compute(count: labels.count, threads: threads) { index throws(LabelError) in
            try preparedLabels[batches[index]].raster(unit: labels[index].unit)
        }
        var onPage: [[(cell: Int, raster: LabelRaster)]] = Array(repeating: [], count: pageCount(labels: all.count, placement: placement))
        for (index, raster) in all.enumerated() {
            let slot = placement.cell(ofLabel: index, labelsPerPage: labelsPerPage)
            onPage[slot.page].append((slot.cell, raster))
        }
        return try onPage.map { placed throws(LabelError) in try compose(placed, placement: placement).png(dpi: label.dpi) }
    }

    /// Copies label rasters into a white page at whole-pixel positions, then the cut outlines.
    private func compose(_ rasters: [(cell: Int, raster: LabelRaster)], placement: SheetPlacement) -> LabelRaster {
        let width = pixelWidth, height = pixelHeight
        let monochrome = label.template.template.isMonochrome
        let channels = monochrome ? 1 : 3
        var page = [UInt8](repeating: 255, count: width * height * channels)
        let perMM = PixelGeometry.pixelsPerMillimetre(dpi: label.dpi)
        for (slot, raster) in rasters {
            let origin = SheetLayout.origin(slot, label: label.template.template, sheet: sheet.template, placement: placement)
            let left = Int((origin.x * perMM).rounded()), top = Int((origin.y * perMM).rounded())
            // A negative offset may push the first column or row past the page's edge: cut it there.
            guard left >= 0, top >= 0 else { continue }
            let source: [UInt8]
            switch raster.pixels {
            case let .gray(gray): source = gray
            case let .rgb(rgb): source = rgb
            }
            let rowLength = min(raster.width, width - left) * channels
            guard rowLength > 0 else { continue }
            for row in 0..<raster.height where top + row < height {
                let from = row * raster.width * channels
                let to = ((top + row) * width + left) * channels
                page.replaceSubrange(to..<(to + rowLength), with: source[from..<(from + rowLength)])
            }
        }
        if placement.outlines {
            let cells = rasters.map { SheetLayout.cell($0.cell, sheet: sheet.template, placement: placement) }
            CutOutline.plot(cells, on: &page, width: width, height: height, channels: channels, pixelsPerMM: perMM)
        }
        return LabelRaster(width: width, height: height, pixels: monochrome ? .gray(page) : .rgb(page))
    }

    /// All labels in one PDF in memory, a page per sheet (`SheetPDF` streams it instead).
    public func pdf(_ labels: [LabelData], placement: SheetPlacement = .standard) throws(LabelError) -> [UInt8] {
        var bytes: [UInt8] = []
        let document = try SheetPDF(self, placement: placement) { chunk in
            bytes += chunk
            return true
        }
        try document.add(labels)
        try document.finish()
        return bytes
    }
}
