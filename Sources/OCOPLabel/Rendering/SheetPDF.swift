import CCairo
import Foundation
import OCOPQR

/// Sticker sheets as one PDF, a page per sheet at the sheet's true size, written as cairo makes
/// it: pages go to `write` one by one, so 100,000 labels never sit in memory.
///
/// Small and fast: the static part of a batch's label (texts, logo, frame) is drawn once into a
/// recording surface and cairo writes it once, as a form XObject every label refers to; each
/// unit adds its QR code as a 1-bit image mask and its short code. QR codes are encoded on every
/// core ahead of drawing; the drawing itself is one thread (one cairo document).
///
/// ```swift
/// let sheets = try SheetPDF(renderer, placement: SheetPlacement(startAt: 5), write: { file.append($0) })
/// try sheets.add(labels)   // as many rounds as needed
/// try sheets.finish()
/// ```
public final class SheetPDF {
    private let renderer: SheetRenderer
    private let placement: SheetPlacement
    private let document: VectorDocument
    private let context: DrawingContext
    private var recorded: [RecordedLabelPart] = []
    private var labels = 0
    private var page = 0
    private var usedCells: [LabelBox] = []
    public private(set) var pages = 0

    /// - Parameter write: receives the PDF's bytes in order; returning false stops the document.
    public init(_ renderer: SheetRenderer, placement: SheetPlacement = .standard, write: @escaping ([UInt8]) -> Bool) throws(LabelError) {
        if let problem = placement.problem(labelsPerPage: renderer.labelsPerPage) {
            throw .sheet(sheet: renderer.sheet.name, detail: problem)
        }
        self.renderer = renderer
        self.placement = placement
        let size = renderer.sheet.template.page
        document = try VectorDocument(format: .pdf, widthMM: size.width, heightMM: size.height, title: renderer.sheet.name, forward: write)
        context = try DrawingContext(surface: document.surface, unitsPerMM: document.unitsPerMM)
    }

    /// Places `labels` on the next free cells, starting new pages as they fill.
    public func add(_ labels: [LabelData], threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(LabelError) {
        let plan = renderer.label.plan
        let codes = plan.perUnitElements.compactMap { index -> (Int, QRElement)? in
            guard case let .qr(qr) = plan.template.elements[index] else { return nil }
            return (index, qr)
        }
        let encoded = try ParallelResults<[Int: QRMatrix]>.compute(count: labels.count, threads: threads) { item throws(LabelError) in
            var matrices: [Int: QRMatrix] = [:]
            for (index, qr) in codes { matrices[index] = try plan.matrix(index, qr, labels[item]) }
            return matrices
        }
        for (data, matrices) in zip(labels, encoded) { try add(data, encoded: matrices) }
    }

    private func add(_ data: LabelData, encoded: [Int: QRMatrix]) throws(LabelError) {
        let perPage = renderer.labelsPerPage
        let slot = placement.cell(ofLabel: labels, labelsPerPage: perPage)
        if slot.page != page {
            try endPage()
            page = slot.page
        }
        let label = renderer.label
        let origin = SheetLayout.origin(slot.cell, label: label.template.template, sheet: renderer.sheet.template, placement: placement)
        try staticPart(for: data.batchPart).paint(on: context, x: origin.x, y: origin.y)
        if !label.plan.perUnitElements.isEmpty {
            let cairo = context.cairo
            cairo_save(cairo)
            defer { cairo_restore(cairo) }
            cairo_translate(cairo, origin.x, origin.y)
            var painter = ElementPainter(plan: label.plan, context: context, target: .vectorWithQRStencils)
            painter.encoded = encoded
            painter.clipToShape()
            try painter.draw(label.plan.perUnitElements, data: data)
        }
        if placement.outlines {
            usedCells.append(SheetLayout.cell(slot.cell, sheet: renderer.sheet.template, placement: placement))
        }
        labels += 1
    }

    /// The batch's recorded static part; a job usually holds one batch, so a short list will do.
    private func staticPart(for batch: LabelData) throws(LabelError) -> RecordedLabelPart {
        if let known = recorded.first(where: { $0.batch == batch }) { return known }
        let part = try RecordedLabelPart(renderer.label, batch: batch, unitsPerMM: document.unitsPerMM)
        recorded.append(part)
        return part
    }

    private func endPage() throws(LabelError) {
        CutOutline.stroke(usedCells, on: context)
        usedCells = []
        cairo_show_page(context.cairo)
        try context.check("drawing page \(pages + 1) of \(renderer.sheet.name)")
        pages += 1
    }

    /// Ends the last page and the document; the last bytes go to `write`.
    public func finish() throws(LabelError) {
        guard labels > 0 else { throw .sheet(sheet: renderer.sheet.name, detail: "no labels to place") }
        try endPage()
        _ = try document.finish()
    }
}
