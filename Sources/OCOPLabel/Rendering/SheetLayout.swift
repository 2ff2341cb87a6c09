/// Where labels go on a sheet: cell by cell, each label centred in its cell.
enum SheetLayout {
    /// Why `label` cannot tile onto `sheet`, or nil when it fits a cell.
    static func misfit(label: LabelTemplate, sheet: SheetTemplate) -> String? {
        let mm = MillimetreText.format
        guard label.size.width <= sheet.cell.width + 1e-6, label.size.height <= sheet.cell.height + 1e-6 else {
            return "\(label.name) is \(mm(label.size.width)) × \(mm(label.size.height)) mm, larger than "
                + "\(sheet.name)'s \(mm(sheet.cell.width)) × \(mm(sheet.cell.height)) mm cells"
        }
        return nil
    }

    /// The label's top-left corner in mm for the cell at `index` on its page, shifted by the
    /// placement's printer offset.
    static func origin(_ index: Int, label: LabelTemplate, sheet: SheetTemplate, placement: SheetPlacement = .standard) -> LabelPoint {
        let cell = cell(index, sheet: sheet, placement: placement)
        return LabelPoint(x: cell.x + (cell.width - label.size.width) / 2, y: cell.y + (cell.height - label.size.height) / 2)
    }

    /// The cell at `index` as printed: the stock's cell shifted by the printer offset.
    static func cell(_ index: Int, sheet: SheetTemplate, placement: SheetPlacement) -> LabelBox {
        let cell = sheet.cellBox(index)
        return LabelBox(x: cell.x + placement.offsetX, y: cell.y + placement.offsetY, width: cell.width, height: cell.height)
    }
}
