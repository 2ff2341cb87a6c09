import CCairo
import Foundation
import OCOPQR

/// Draws a plan's elements with real data on one drawing context: a raster canvas (QR modules
/// set as whole pixels) or a vector document (QR modules as filled squares).
struct ElementPainter {
    enum Target {
        case raster(RasterCanvas, dpi: Double)
        case vector
        /// Vector, with QR codes as 1-bit image masks: what sheet PDFs use to stay small and fast.
        case vectorWithQRStencils
    }

    let plan: RenderPlan
    let context: DrawingContext
    let target: Target
    /// QR symbols encoded ahead (on other threads), by element index; the others are encoded here.
    var encoded: [Int: QRMatrix] = [:]

    /// Paper white everywhere, then the background colour inside the label's shape, then a clip to
    /// that shape so nothing drawn later leaves it (the round stamp's corners stay paper).
    func paintBackground() {
        let cairo = context.cairo
        if case .raster = target {
            context.setColor(.white)
            cairo_paint(cairo)
        }
        clipToShape()
        context.setColor(plan.template.background)
        cairo_paint(cairo)
    }

    func clipToShape() {
        context.addShapePath(plan.template)
        cairo_clip(context.cairo)
    }

    func draw(_ indices: [Int], data: LabelData) throws(LabelError) {
        for index in indices { try draw(index, data: data) }
        try context.check("drawing \(plan.templateName)")
    }

    private func draw(_ index: Int, data: LabelData) throws(LabelError) {
        let cairo = context.cairo
        switch plan.template.elements[index] {
        case let .rect(rect):
            drawRect(rect)
        case let .line(line):
            context.setColor(line.color)
            cairo_set_line_width(cairo, line.widthMM)
            cairo_set_line_cap(cairo, CAIRO_LINE_CAP_BUTT)
            cairo_move_to(cairo, line.from.x, line.from.y)
            cairo_line_to(cairo, line.to.x, line.to.y)
            cairo_stroke(cairo)
        case let .stars(stars):
            let count = try plan.starCount(index, stars, data)
            let diameter = stars.starDiameter
            let rowWidth = Double(count) * diameter + Double(count - 1) * stars.gapMM
            var x = stars.box.x + (stars.box.width - rowWidth) / 2 + diameter / 2
            let y = stars.box.y + stars.box.height / 2
            for _ in 0..<count {
                StarShape.addPath(to: cairo, centreX: x, centreY: y, radius: diameter / 2)
                x += diameter + stars.gapMM
            }
            context.setColor(stars.color)
            cairo_fill(cairo)
        case let .image(image):
            let path = image.path.hasPrefix("/") ? image.path : plan.folder + "/" + image.path
            try LogoImage(path: path).draw(in: image.box, on: cairo)
        case let .text(text):
            let filled = plan.texts[index]!.fill(data)
            let layout = TextLayout(text: filled, element: text, in: context.text)
            let measurement = layout.measurement
            if measurement.unknownGlyphs > 0 {
                throw plan.failure(index, .missingGlyphs(text: filled, count: measurement.unknownGlyphs))
            }
            guard measurement.fits else {
                throw plan.failure(index, .textOverflow(text: filled, detail: measurement.overflowDetail(text)))
            }
            layout.draw(on: cairo, element: text)
        case let .barcode(barcode):
            let (symbol, content) = try plan.barcode(index, barcode, data)
            let dpi: Double?
            if case let .raster(_, rasterDPI) = target { dpi = rasterDPI } else { dpi = nil }
            let geometry = BarcodeGeometry(barcode, columns: symbol.columns, rows: symbol.rows, dpi: dpi)
            guard geometry.fits(dpi: dpi) else {
                throw plan.failure(index, .barcodeDoesNotFit("\(geometry.describe(dpi: dpi)), more than the \(barcode.box) box"))
            }
            BarcodePainter.paint(symbol, content: content, geometry: geometry, on: context)
        case let .pin(pin):
            try drawPin(pin, index, data: data)
        case let .qr(qr):
            let matrix: QRMatrix
            if let known = encoded[index] { matrix = known } else { matrix = try plan.matrix(index, qr, data) }
            try drawQR(matrix, qr, index)
        }
    }

    /// The frame the silver sticker covers, the hint, the digits.
    private func drawPin(_ pin: PinElement, _ index: Int, data: LabelData) throws(LabelError) {
        guard let digits = data.unit?.pin else { throw plan.failure(index, .missingValue(field: "pin")) }
        let cairo = context.cairo
        context.setColor(.black)
        cairo_set_line_width(cairo, 0.15)
        addRoundedRect(LabelBox(x: pin.box.x + 0.075, y: pin.box.y + 0.075, width: pin.box.width - 0.15, height: pin.box.height - 0.15),
                       radius: 0.8)
        cairo_stroke(cairo)
        for (text, element) in [(pin.hint, pin.hintText), (PinElement.printed(digits), pin.digitsText)] {
            let layout = TextLayout(text: text, element: element, in: context.text)
            guard layout.measurement.fits, layout.measurement.unknownGlyphs == 0 else {
                throw plan.failure(index, .textOverflow(text: text, detail: layout.measurement.overflowDetail(element)))
            }
            layout.draw(on: cairo, element: element)
        }
    }

    private func drawRect(_ rect: RectElement) {
        let cairo = context.cairo
        // The outline is inset by half its width so all of it lies inside the box.
        let inset = rect.stroke == nil ? 0 : rect.strokeWidthMM / 2
        let box = LabelBox(x: rect.box.x + inset, y: rect.box.y + inset,
                           width: max(0, rect.box.width - 2 * inset), height: max(0, rect.box.height - 2 * inset))
        let radius = max(0, rect.cornerRadiusMM - inset)
        addRoundedRect(box, radius: radius)
        if let fill = rect.fill {
            context.setColor(fill)
            if rect.stroke == nil {
                cairo_fill(cairo)
            } else {
                cairo_fill_preserve(cairo)
            }
        }
        if let stroke = rect.stroke {
            context.setColor(stroke)
            cairo_set_line_width(cairo, rect.strokeWidthMM)
            cairo_stroke(cairo)
        }
    }

    private func addRoundedRect(_ box: LabelBox, radius: Double) {
        let cairo = context.cairo
        guard radius > 0 else {
            cairo_rectangle(cairo, box.x, box.y, box.width, box.height)
            return
        }
        let r = min(radius, box.width / 2, box.height / 2)
        cairo_new_sub_path(cairo)
        cairo_arc(cairo, box.maxX - r, box.y + r, r, -Double.pi / 2, 0)
        cairo_arc(cairo, box.maxX - r, box.maxY - r, r, 0, Double.pi / 2)
        cairo_arc(cairo, box.x + r, box.maxY - r, r, Double.pi / 2, Double.pi)
        cairo_arc(cairo, box.x + r, box.y + r, r, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(cairo)
    }

    private func drawQR(_ matrix: QRMatrix, _ qr: QRElement, _ index: Int) throws(LabelError) {
        switch target {
        case let .raster(canvas, dpi):
            guard let placement = QRModuleSize.raster(qr, symbolSize: matrix.size, dpi: dpi) else {
                let pixels = QRModuleSize.pixelsPerModule(qr, dpi: dpi)
                let side = QRModuleSize.modulesWithQuietZone(symbolSize: matrix.size) * pixels
                throw plan.failure(index, .qrDoesNotFit(
                    "the \(matrix.size)-module code with its quiet zone is \(side) px at \(Int(dpi)) dpi "
                        + "(\(pixels) px per module), more than the \(qr.box) box"))
            }
            canvas.drawQR(matrix, at: placement, color: qr.color)
        case .vector, .vectorWithQRStencils:
            guard let placement = QRModuleSize.vector(qr, symbolSize: matrix.size) else {
                throw plan.failure(index, .qrDoesNotFit(
                    "the \(matrix.size)-module code with its quiet zone does not fit \(qr.box) at \(qr.moduleMM) mm per module"))
            }
            let cairo = context.cairo
            let module = qr.moduleMM
            let quiet = Double(QRElement.quietZoneModules) * module
            context.setColor(.white)
            cairo_rectangle(cairo, placement.x, placement.y, placement.side, placement.side)
            cairo_fill(cairo)
            context.setColor(qr.color)
            if case .vectorWithQRStencils = target {
                try QRStencil.paint(matrix, on: cairo, x: placement.x + quiet, y: placement.y + quiet, moduleMM: module)
                return
            }
            // One path of horizontal runs, filled once: no hairline seams between modules.
            for y in 0..<matrix.size {
                for run in matrix.darkRuns(inRow: y) {
                    cairo_rectangle(cairo, placement.x + quiet + Double(run.lowerBound) * module, placement.y + quiet + Double(y) * module,
                                    Double(run.count) * module, module)
                }
            }
            cairo_fill(cairo)
        }
    }
}
