import Foundation
import OCOPDomain
import OCOPLabel
import OCOPRender
import OCOPStore

/// Renders every unit label of a batch: one file per unit, or sticker sheets, plus a manifest.
/// The same store, template and options always give byte-identical files.
public struct LabelJob: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case png, pdf, svg
    }

    public struct Result: Sendable {
        public let folder: String
        public let files: Int
        public let units: Int
        public let manifest: Manifest
    }

    public let inputs: LabelInputs
    public let book: CodeBook
    public let library: TemplateLibrary
    public let layout: OutputLayout
    /// Units rendered per round: bounds memory for 100,000-unit batches.
    public var chunkSize = 1024

    public init(store: any TraceStore, book: CodeBook, library: TemplateLibrary, layout: OutputLayout) {
        self.inputs = LabelInputs(store: store)
        self.book = book
        self.library = library
        self.layout = layout
    }

    /// - Parameters:
    ///   - template: label template name; nil takes the sheet's own label, else `product-label-50x30`.
    ///   - progress: called with (units done, units in all) after each round.
    public func render(batch: BatchRecord, template: String?, format: Format, sheet: String?, dpi: Double?,
                       progress: (@Sendable (Int, Int) -> Void)? = nil) throws(KitError) -> Result {
        let sheetTemplate = try sheet.map { name throws(KitError) in try wrap { () throws(LabelError) in try library.sheet(named: name) } }
        let labelName = template ?? sheetTemplate?.template.label ?? "product-label-50x30"
        let labelTemplate = try wrap { () throws(LabelError) in try library.label(named: labelName) }
        let data = try inputs.batch(batch)
        let (product, _) = try inputs.productAndProducer(batch.productID)
        let producerID = product.producerID
        let folder = layout.labels(producer: producerID, product: product.id, lot: batch.lot)
        try OutputLayout.createFolder(folder)
        OutputLayout.removeStaleTemporaries(in: folder)

        let units: [UnitRecord]
        do { units = try inputs.store.units(productID: batch.productID, lot: batch.lot) } catch { throw .store(error) }
        var manifest = Manifest()
        var files = 0
        if let sheetTemplate {
            let renderer = try wrap { () throws(LabelError) in try SheetRenderer(sheet: sheetTemplate, label: labelTemplate, dpi: dpi) }
            let labels = try units.map { unit throws(KitError) in data.with(unit: try inputs.unit(unit, product: product, book: book)) }
            files = try writeSheets(renderer, labels: labels, format: format, folder: folder, manifest: &manifest)
            progress?(units.count, units.count)
        } else {
            let renderer = try wrap { () throws(LabelError) in try LabelRenderer(labelTemplate, dpi: dpi) }
            let prepared = try wrap { () throws(LabelError) in try renderer.prepare(data) }
            var done = 0
            for start in stride(from: 0, to: units.count, by: chunkSize) {
                let chunk = Array(units[start..<min(start + chunkSize, units.count)])
                let values = try chunk.map { unit throws(KitError) in try inputs.unit(unit, product: product, book: book) }
                let outputs: [[UInt8]] = try wrap { () throws(LabelError) -> [[UInt8]] in
                    switch format {
                    case .png: return try prepared.pngs(units: values)
                    case .pdf: return try values.map { value throws(LabelError) in try renderer.pdf(data.with(unit: value)) }
                    case .svg: return try values.map { value throws(LabelError) in try renderer.svg(data.with(unit: value)) }
                    }
                }
                for (value, bytes) in zip(values, outputs) {
                    let name = "\(value.serial).\(format.rawValue)"
                    try write(bytes, to: folder + "/" + name)
                    manifest.entries.append(.init(file: name, unitCode: value.uri, shortCode: value.shortCode,
                                                  sha256: Manifest.sha256(bytes)))
                }
                files += values.count
                done += values.count
                progress?(done, units.count)
            }
        }
        try manifest.write(to: folder)
        return Result(folder: folder, files: files, units: units.count, manifest: manifest)
    }

    private func writeSheets(_ renderer: SheetRenderer, labels: [LabelData], format: Format, folder: String,
                             manifest: inout Manifest) throws(KitError) -> Int {
        let perPage = renderer.labelsPerPage
        switch format {
        case .png:
            let pages = try wrap { () throws(LabelError) in try renderer.pngPages(labels) }
            for (page, bytes) in pages.enumerated() {
                let name = String(format: "sheet-%03d.png", page + 1)
                try write(bytes, to: folder + "/" + name)
                let hash = Manifest.sha256(bytes)
                for label in labels[(page * perPage)..<min((page + 1) * perPage, labels.count)] {
                    manifest.entries.append(.init(file: name, unitCode: label.unit?.uri, shortCode: label.unit?.shortCode, sha256: hash))
                }
            }
            return pages.count
        case .pdf:
            let bytes = try wrap { () throws(LabelError) in try renderer.pdf(labels) }
            let name = "sheets.pdf"
            try write(bytes, to: folder + "/" + name)
            let hash = Manifest.sha256(bytes)
            for label in labels {
                manifest.entries.append(.init(file: name, unitCode: label.unit?.uri, shortCode: label.unit?.shortCode, sha256: hash))
            }
            return 1
        case .svg:
            throw .output(.invalidOption("format: sheets are PNG pages or one PDF; svg is for single labels"))
        }
    }

    func write(_ bytes: [UInt8], to path: String) throws(KitError) {
        do { try AtomicFile.write(bytes, to: path) } catch { throw .output(error) }
    }
}

/// Runs a renderer call and wraps its error for the job's callers.
func wrap<T>(_ body: () throws(LabelError) -> T) throws(KitError) -> T {
    do { return try body() } catch { throw .label(error) }
}
