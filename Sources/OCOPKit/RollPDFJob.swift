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
        var written: [LabelData.Unit] = []
        try StreamedPDF.write(to: output, open: { write throws(LabelError) in try LabelRollPDF(renderer, write: write) },
                              fill: { roll throws(KitError) in
                                  try labels.forEachChunk(progress: progress) { values throws(KitError) in
                                      for value in values { try wrap { () throws(LabelError) in try roll.add(labels.data.with(unit: value)) } }
                                      written += values
                                  }
                              },
                              finish: { roll throws(LabelError) in try roll.finish() })
        return written
    }
}
