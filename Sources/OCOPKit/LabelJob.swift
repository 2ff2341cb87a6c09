import Foundation
import OCOPDomain
import OCOPLabel
import OCOPRender
import OCOPStore

/// Renders every unit label of a batch: one file per unit, sticker sheets, a roll PDF (a page
/// per label) or a thermal printer's job (ZPL, TSPL), plus a manifest.
/// The same store, template and options always give byte-identical files.
public struct LabelJob: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case png, pdf, svg, zpl, tspl

        /// The printer language of a thermal job, nil for page formats.
        var printLanguage: PrintLanguage? { PrintLanguage(rawValue: rawValue) }
    }

    /// Where one-file outputs (print jobs, the roll PDF) go.
    public enum Destination: Sendable {
        /// `<out>/<producer>/<product>/<lot>/`, with the manifest.
        case folder
        /// Standard output, to pipe into `lp`; nothing else is written.
        case standardOutput
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
    ///   - perUnit: PDF as one file per unit instead of one roll PDF with a page per unit.
    ///   - dpi: for thermal jobs the printer's (default 203).
    ///   - placement: with `sheet`: the first unused cell, the printer offset, cut outlines.
    ///   - progress: called with (units done, units in all) after each round.
    public func render(batch: BatchRecord, template: String?, format: Format, sheet: String?, dpi: Double?,
                       perUnit: Bool = false, destination: Destination = .folder, placement: SheetPlacement = .standard,
                       pins: [String: String]? = nil,
                       progress: (@Sendable (Int, Int) -> Void)? = nil) throws(KitError) -> Result {
        try checkCombination(format: format, sheet: sheet, perUnit: perUnit, destination: destination)
        if sheet == nil && placement != .standard {
            throw .output(.invalidOption("sheet: --start-at, --offset-x, --offset-y and --outlines place labels on a sheet; name one with --sheet"))
        }
        let sheetTemplate = try sheet.map { name throws(KitError) in try wrap { () throws(LabelError) in try library.sheet(named: name) } }
        if let sheetTemplate, let problem = placement.problem(labelsPerPage: sheetTemplate.template.labelsPerPage) {
            throw .output(.invalidOption(problem))
        }
        let labelName = Self.labelName(template: template, sheet: sheetTemplate)
        let labelTemplate = try wrap { () throws(LabelError) in try library.label(named: labelName) }
        // PINs exist only in the codes file of `batch issue --pins`, never in the store.
        if labelTemplate.template.drawsPin, pins == nil {
            throw .output(.invalidOption("template: \(labelName) draws the unit's scratch-off PIN; give the codes file of `batch issue --pins` with --codes FILE"))
        }
        let data = try inputs.batch(batch)
        let (product, _) = try inputs.productAndProducer(batch.productID)
        let producerID = product.producerID
        let units: [UnitRecord]
        do { units = try inputs.store.units(productID: batch.productID, lot: batch.lot) } catch { throw .store(error) }
        var batchLabel = BatchLabels(inputs: inputs, book: book, product: product, data: data, units: units, chunkSize: chunkSize)
        batchLabel.codeKind = labelTemplate.template.unitCode
        if labelTemplate.template.drawsPin { batchLabel.pins = pins }

        if case .standardOutput = destination {
            let output = JobOutput.standardOutput()
            try writeOneFile(batchLabel, template: labelTemplate, format: format, dpi: dpi, to: output, progress: progress)
            _ = try output.commit()
            return Result(folder: "-", files: 1, units: units.count, manifest: Manifest())
        }
        let folder = layout.labels(producer: producerID, product: product.id, lot: batch.lot)
        try OutputLayout.createFolder(folder)
        OutputLayout.removeStaleTemporaries(in: folder)

        var manifest = Manifest()
        var files = 0
        if format.printLanguage != nil || (format == .pdf && sheetTemplate == nil && !perUnit) {
            let name = Self.oneFileName(format: format, dpi: dpi)
            let output = try JobOutput.file(folder + "/" + name)
            let written = try writeOneFile(batchLabel, template: labelTemplate, format: format, dpi: dpi, to: output, progress: progress)
            let hash = try output.commit()
            for value in written {
                manifest.entries.append(.init(file: name, unitCode: value.uri, shortCode: value.shortCode, sha256: hash))
            }
            files = 1
        } else if let sheetTemplate {
            let renderer = try wrap { () throws(LabelError) in try SheetRenderer(sheet: sheetTemplate, label: labelTemplate, dpi: dpi) }
            files = try writeSheets(renderer, labels: batchLabel, format: format, placement: placement, folder: folder,
                                    manifest: &manifest, progress: progress)
        } else {
            let renderer = try wrap { () throws(LabelError) in try LabelRenderer(labelTemplate, dpi: dpi) }
            let prepared = try wrap { () throws(LabelError) in try renderer.prepare(data) }
            try batchLabel.forEachChunk(progress: progress) { values throws(KitError) in
                let outputs: [[UInt8]] = try wrap { () throws(LabelError) -> [[UInt8]] in
                    switch format {
                    case .png: return try prepared.pngs(units: values)
                    case .pdf: return try values.map { value throws(LabelError) in try renderer.pdf(data.with(unit: value)) }
                    case .svg: return try values.map { value throws(LabelError) in try renderer.svg(data.with(unit: value)) }
                    case .zpl, .tspl: return []  // one job file, written above
                    }
                }
                for (value, bytes) in zip(values, outputs) {
                    let name = "\(value.serial).\(format.rawValue)"
                    try write(bytes, to: folder + "/" + name)
                    manifest.entries.append(.init(file: name, unitCode: value.uri, shortCode: value.shortCode,
                                                  sha256: Manifest.sha256(bytes)))
                }
                files += values.count
            }
        }
        try manifest.write(to: folder)
        return Result(folder: folder, files: files, units: units.count, manifest: manifest)
    }

    private func writeSheets(_ renderer: SheetRenderer, labels batch: BatchLabels, format: Format, placement: SheetPlacement,
                             folder: String, manifest: inout Manifest, progress: (@Sendable (Int, Int) -> Void)?) throws(KitError) -> Int {
        switch format {
        case .png:
            let labels = try batch.units.map { unit throws(KitError) in
                batch.data.with(unit: try inputs.unit(unit, product: batch.product, book: book, kind: batch.codeKind))
            }
            let pages = try wrap { () throws(LabelError) in try renderer.pngPages(labels, placement: placement) }
            var next = 0
            for (page, bytes) in pages.enumerated() {
                let name = String(format: "sheet-%03d.png", page + 1)
                try write(bytes, to: folder + "/" + name)
                let hash = Manifest.sha256(bytes)
                // Labels fill pages in order: this page's are the next ones up to its last cell.
                while next < labels.count, placement.cell(ofLabel: next, labelsPerPage: renderer.labelsPerPage).page == page {
                    let unit = labels[next].unit
                    manifest.entries.append(.init(file: name, unitCode: unit?.uri, shortCode: unit?.shortCode, sha256: hash))
                    next += 1
                }
            }
            progress?(labels.count, labels.count)
            return pages.count
        case .pdf:
            let name = "sheets.pdf"
            let output = try JobOutput.file(folder + "/" + name)
            let written = try SheetPDFJob(renderer: renderer, placement: placement).write(batch, to: output, progress: progress)
            let hash = try output.commit()
            for value in written {
                manifest.entries.append(.init(file: name, unitCode: value.uri, shortCode: value.shortCode, sha256: hash))
            }
            return 1
        case .svg, .zpl, .tspl:
            throw .output(.invalidOption("format: sheets are PNG pages or one PDF; \(format.rawValue) is not a sheet format"))
        }
    }

    /// The label template a render uses: the one named, else the sheet's own, else the default.
    static func labelName(template: String?, sheet: LoadedSheetTemplate?) -> String {
        template ?? sheet?.template.label ?? "product-label-50x30"
    }

    /// The unit code the labels of this render carry: the label template's `unit_code`.
    public func codeKind(template: String?, sheet: String?) throws(KitError) -> CodeKind {
        let sheetTemplate = try sheet.map { name throws(KitError) in try wrap { () throws(LabelError) in try library.sheet(named: name) } }
        let name = Self.labelName(template: template, sheet: sheetTemplate)
        return try wrap { () throws(LabelError) in try library.label(named: name) }.template.unitCode
    }

    /// Refuses options that do not go together, before anything is read or written.
    private func checkCombination(format: Format, sheet: String?, perUnit: Bool, destination: Destination) throws(KitError) {
        if format.printLanguage != nil && sheet != nil {
            throw .output(.invalidOption("sheet: \(format.rawValue) jobs print on a roll of labels; --sheet is for PNG or PDF sheets"))
        }
        if perUnit && format != .pdf {
            throw .output(.invalidOption("per-unit: only PDF has a one-file form to split (png and svg are one file per unit already)"))
        }
        if perUnit && sheet != nil {
            throw .output(.invalidOption("per-unit: sheets hold many labels a page; leave out --per-unit or --sheet"))
        }
        if case .standardOutput = destination, format.printLanguage == nil && (format != .pdf || perUnit || sheet != nil) {
            throw .output(.invalidOption("out: '-' (standard output) takes one file: --format zpl, tspl, or pdf without --sheet and --per-unit"))
        }
    }

    /// `labels-203dpi.zpl`, `labels-300dpi.tspl`, `labels.pdf`.
    static func oneFileName(format: Format, dpi: Double?) -> String {
        guard format.printLanguage != nil else { return "labels.\(format.rawValue)" }
        return "labels-\(Int(dpi ?? ThermalLabelJob.defaultDPI))dpi.\(format.rawValue)"
    }

    /// Writes a print job or the roll PDF; returns the units in the order of their labels.
    @discardableResult
    private func writeOneFile(_ labels: BatchLabels, template: LoadedLabelTemplate, format: Format, dpi: Double?, to output: JobOutput,
                              progress: (@Sendable (Int, Int) -> Void)?) throws(KitError) -> [LabelData.Unit] {
        if let language = format.printLanguage {
            return try ThermalLabelJob(template: template, language: language, dpi: dpi).write(labels, to: output, progress: progress)
        }
        return try RollPDFJob(template: template).write(labels, to: output, progress: progress)
    }

    func write(_ bytes: [UInt8], to path: String) throws(KitError) {
        do { try AtomicFile.write(bytes, to: path) } catch { throw .output(error) }
    }
}

/// Runs a renderer call and wraps its error for the job's callers.
func wrap<T>(_ body: () throws(LabelError) -> T) throws(KitError) -> T {
    do { return try body() } catch { throw .label(error) }
}
