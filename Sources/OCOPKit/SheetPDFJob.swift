import OCOPLabel

/// A batch's labels tiled onto sticker sheets as one PDF, streamed to its output page by page
/// (memory stays flat however many units the batch has).
struct SheetPDFJob {
    let renderer: SheetRenderer
    let placement: SheetPlacement

    /// Returns the units in the order of their labels.
    func write(_ labels: BatchLabels, to output: JobOutput, progress: (@Sendable (Int, Int) -> Void)?) throws(KitError) -> [LabelData.Unit] {
        var written: [LabelData.Unit] = []
        try StreamedPDF.write(to: output, open: { write throws(LabelError) in try SheetPDF(renderer, placement: placement, write: write) },
                              fill: { sheets throws(KitError) in
                                  try labels.forEachChunk(progress: progress) { values throws(KitError) in
                                      try wrap { () throws(LabelError) in try sheets.add(values.map { labels.data.with(unit: $0) }) }
                                      written += values
                                  }
                              },
                              finish: { sheets throws(LabelError) in try sheets.finish() })
        return written
    }
}
