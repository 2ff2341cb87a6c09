import OCOPLabel
import OCOPRender

/// A batch's labels as one PDF with a page per unit at the label's size, for the CUPS driver of
/// a label printer (or any printer, one label per page).
struct RollPDFJob {
    let renderer: LabelRenderer

    init(template: LoadedLabelTemplate) throws(KitError) {
        renderer = try wrap { () throws(LabelError) in try LabelRenderer(template) }
    }

    /// Returns the units in the order of their pages.
    func write(_ labels: BatchLabels, to output: JobOutput, progress: (@Sendable (Int, Int) -> Void)?) throws(KitError) -> [LabelData.Unit] {
        // cairo's write callback cannot throw: the first failure is kept and stops the document.
        var failure: KitError?
        let roll = try wrap { () throws(LabelError) in
            try LabelRollPDF(renderer) { bytes in
                do throws(KitError) { try output.append(bytes) } catch {
                    if failure == nil { failure = error }
                    return false
                }
                return true
            }
        }
        var written: [LabelData.Unit] = []
        do throws(KitError) {
            try labels.forEachChunk(progress: progress) { values throws(KitError) in
                for value in values { try wrap { () throws(LabelError) in try roll.add(labels.data.with(unit: value)) } }
                written += values
            }
            try wrap { () throws(LabelError) in try roll.finish() }
        } catch {
            throw failure ?? error
        }
        if let failure { throw failure }
        return written
    }
}
