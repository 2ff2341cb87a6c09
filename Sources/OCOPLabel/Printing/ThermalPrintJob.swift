import Foundation

/// A print job for a thermal label printer: a label template at the printer's dpi in ZPL or TSPL.
///
/// ```swift
/// let job = try ThermalPrintJob(template, dpi: 203, language: .zpl)
/// let batch = try job.prepare(batchData)       // the background, drawn once
/// write(batch.start())                         // settings + the background stored in the printer
/// for chunk in units { for label in try batch.labels(chunk) { write(label) } }
/// write(batch.end())                           // the background deleted
/// ```
public struct ThermalPrintJob: Sendable {
    public let language: PrintLanguage
    public let renderer: ThermalRenderer
    let media: PrintMedia
    let encoder: any PrintCommandEncoder

    /// - Parameter dpi: the printer's: 203, 300 or 600 (and at least the template's minimum).
    public init(_ template: LoadedLabelTemplate, dpi: Double, language: PrintLanguage) throws(LabelError) {
        guard PrintLanguage.resolutions.contains(dpi) else {
            let list = PrintLanguage.resolutions.map { String(Int($0)) }.joined(separator: ", ")
            throw .resolution(template: template.name, detail: "thermal print heads have \(list) dpi; \(dpi) is none of them")
        }
        self.language = language
        renderer = try ThermalRenderer(template, dpi: dpi)
        media = PrintMedia(template: template.template, dpi: dpi, designWidth: renderer.widthDots, designHeight: renderer.heightDots)
        switch language {
        case .zpl: encoder = ZPLEncoder()
        case .tspl: encoder = TSPLEncoder()
        }
    }

    public func prepare(_ batch: LabelData) throws(LabelError) -> PreparedPrintJob {
        PreparedPrintJob(job: self, label: try renderer.prepare(batch.batchPart))
    }
}

/// A print job with its batch's background drawn: the bytes of its start, its labels and its end.
public struct PreparedPrintJob: Sendable {
    let job: ThermalPrintJob
    public let label: PreparedThermalLabel

    public func start() -> [UInt8] {
        job.encoder.start(job.media, background: label.background)
    }

    /// The commands of one label per unit, in order, drawn on `threads` threads.
    public func labels(_ units: [LabelData.Unit], threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(LabelError) -> [[UInt8]] {
        let region = label.unitRegion
        return try ParallelResults<[UInt8]>.compute(count: units.count, threads: threads) { index throws(LabelError) in
            let part = region.width > 0 ? try label.unitPart(units[index]) : nil
            return job.encoder.label(job.media, unitPart: part, at: region)
        }
    }

    public func end() -> [UInt8] {
        job.encoder.end()
    }
}
