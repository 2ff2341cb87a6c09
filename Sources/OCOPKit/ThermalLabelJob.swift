import OCOPLabel

/// A batch's labels as one print job for a thermal printer (ZPL or TSPL): the background sent
/// once, then a label per unit with its QR code and short code.
struct ThermalLabelJob {
    /// The resolution of most desktop thermal printers, used when none is asked for.
    static let defaultDPI = 203.0

    let job: ThermalPrintJob

    init(template: LoadedLabelTemplate, language: PrintLanguage, dpi: Double?) throws(KitError) {
        job = try wrap { () throws(LabelError) in try ThermalPrintJob(template, dpi: dpi ?? Self.defaultDPI, language: language) }
    }

    /// Returns the units in the order of their labels.
    func write(_ labels: BatchLabels, to output: JobOutput, progress: (@Sendable (Int, Int) -> Void)?) throws(KitError) -> [LabelData.Unit] {
        let prepared = try wrap { () throws(LabelError) in try job.prepare(labels.data) }
        try output.append(prepared.start())
        var written: [LabelData.Unit] = []
        try labels.forEachChunk(progress: progress) { values throws(KitError) in
            for label in try wrap({ () throws(LabelError) in try prepared.labels(values) }) { try output.append(label) }
            written += values
        }
        try output.append(prepared.end())
        return written
    }
}
