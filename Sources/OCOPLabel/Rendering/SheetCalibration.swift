import CCairo

/// One page to print on plain paper and hold against a sheet of the stock, to the light: every
/// label's outline, a crosshair at each label's centre, and millimetre rulers along the top and
/// left edges. Where the printed outlines miss the die cuts, the rulers say by how much: that is
/// the printer's offset for `label render --offset-x/--offset-y`. With an offset, the page shows
/// where labels will print with it.
public enum SheetCalibration {
    static let outlineWidthMM = 0.2
    static let lineWidthMM = 0.1

    public static func pdf(_ sheet: LoadedSheetTemplate, placement: SheetPlacement = .standard) throws(LabelError) -> [UInt8] {
        let template = sheet.template
        if let problem = placement.problem(labelsPerPage: template.labelsPerPage) {
            throw .sheet(sheet: sheet.name, detail: problem)
        }
        let document = try VectorDocument(format: .pdf, widthMM: template.page.width, heightMM: template.page.height,
                                          title: "\(sheet.name) calibration")
        let context = try DrawingContext(surface: document.surface, unitsPerMM: document.unitsPerMM)
        let cairo = context.cairo
        let cells = (0..<template.labelsPerPage).map { SheetLayout.cell($0, sheet: template, placement: placement) }
        CutOutline.stroke(cells, on: context, widthMM: outlineWidthMM)

        context.setColor(.black)
        cairo_set_line_width(cairo, lineWidthMM)
        for cell in cells {
            let arm = min(3, cell.width / 4, cell.height / 4)
            let x = cell.x + cell.width / 2, y = cell.y + cell.height / 2
            cairo_move_to(cairo, x - arm, y)
            cairo_line_to(cairo, x + arm, y)
            cairo_move_to(cairo, x, y - arm)
            cairo_line_to(cairo, x, y + arm)
            cairo_new_sub_path(cairo)
            cairo_arc(cairo, x, y, arm / 3, 0, 2 * Double.pi)
        }
        cairo_stroke(cairo)
        cairo_select_font_face(cairo, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        drawRulers(context, page: template.page)

        let mm = MillimetreText.format
        let lines = [
            "\(sheet.name): \(template.columns) × \(template.rows) labels of \(mm(template.cell.width)) × \(mm(template.cell.height)) mm"
                + " · printer offset x \(mm(placement.offsetX)) mm, y \(mm(placement.offsetY)) mm",
            "Print at 100 % (actual size, no fit to page) on plain paper; lay a sheet of labels on it against the light.",
            "Outlines off the die cuts: read the shift on the rulers, then label render --offset-x/--offset-y MM (right/down positive).",
        ]
        cairo_set_font_size(cairo, 2.6)
        for (row, line) in lines.enumerated() {
            var extents = cairo_text_extents_t()
            cairo_text_extents(cairo, line, &extents)
            cairo_move_to(cairo, (template.page.width - extents.x_advance) / 2, template.page.height / 2 - 4 + Double(row) * 4)
            cairo_show_text(cairo, line)
        }
        cairo_show_page(cairo)
        try context.check("drawing the calibration page of \(sheet.name)")
        return try document.finish()
    }

    /// Ticks every millimetre from the page's top and left edges (longer every 5 and 10 mm,
    /// numbered every 10): they measure the paper, so they never move with the offset.
    private static func drawRulers(_ context: DrawingContext, page: LabelSize) {
        let cairo = context.cairo
        context.setColor(.black)
        cairo_set_line_width(cairo, lineWidthMM)
        cairo_set_font_size(cairo, 2.2)
        func length(_ mm: Int) -> Double { mm % 10 == 0 ? 8 : mm % 5 == 0 ? 5 : 3 }
        for x in 1..<Int(page.width) {
            cairo_move_to(cairo, Double(x), 0)
            cairo_line_to(cairo, Double(x), length(x))
        }
        for y in 1..<Int(page.height) {
            cairo_move_to(cairo, 0, Double(y))
            cairo_line_to(cairo, length(y), Double(y))
        }
        cairo_stroke(cairo)
        for x in stride(from: 10, to: Int(page.width), by: 10) {
            cairo_move_to(cairo, Double(x) + 0.5, 10.5)
            cairo_show_text(cairo, String(x))
        }
        for y in stride(from: 10, to: Int(page.height), by: 10) {
            cairo_move_to(cairo, 9, Double(y) - 0.5)
            cairo_show_text(cairo, String(y))
        }
    }
}
