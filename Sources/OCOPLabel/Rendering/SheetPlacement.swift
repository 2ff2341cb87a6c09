/// Where a job's labels land on the sheets: the first cell to use on the first sheet (the cells
/// before it were used already), the printer's offset, and whether to draw cut outlines.
public struct SheetPlacement: Sendable, Equatable {
    /// Printers feed paper a few millimetres off at most; a larger shift is a typo.
    public static let offsetLimitMM = 5.0

    /// The first cell to print on the first sheet, counted from 1 row by row from the top left.
    public let startAt: Int
    /// Shift of everything printed, in mm: positive moves right and down.
    public let offsetX: Double
    public let offsetY: Double
    /// Cut outlines around every printed label (for plain paper, or to check the alignment).
    public let outlines: Bool

    public static let standard = SheetPlacement(startAt: 1, offsetX: 0, offsetY: 0, outlines: false)

    public init(startAt: Int = 1, offsetX: Double = 0, offsetY: Double = 0, outlines: Bool = false) {
        self.startAt = startAt
        self.offsetX = offsetX
        self.offsetY = offsetY
        self.outlines = outlines
    }

    /// The first option that breaks a rule, as `field: value … rule`, or nil when all are usable.
    public func problem(labelsPerPage: Int) -> String? {
        if !(1...labelsPerPage).contains(startAt) {
            return "start-at: \(startAt) is not a label of the sheet; use 1 to \(labelsPerPage) (the first unused label, counted row by row)"
        }
        for (field, value) in [("offset-x", offsetX), ("offset-y", offsetY)] where !(abs(value) <= Self.offsetLimitMM + 1e-9) {
            guard value.isFinite else { return "\(field): \(value) is not a length in mm" }
            return "\(field): \(MillimetreText.format(value)) mm is outside -\(MillimetreText.format(Self.offsetLimitMM)) to "
                + "\(MillimetreText.format(Self.offsetLimitMM)) mm (a printer's offset is a few millimetres; print `label calibrate` to measure it)"
        }
        return nil
    }

    /// The sheet (from 0) and the cell on it (from 0) of the job's label number `index` (from 0).
    public func cell(ofLabel index: Int, labelsPerPage: Int) -> (page: Int, cell: Int) {
        let slot = index + startAt - 1
        return (slot / labelsPerPage, slot % labelsPerPage)
    }

    /// Sheets needed for `labels` labels.
    public func pageCount(labels: Int, labelsPerPage: Int) -> Int {
        labels == 0 ? 0 : cell(ofLabel: labels - 1, labelsPerPage: labelsPerPage).page + 1
    }
}
