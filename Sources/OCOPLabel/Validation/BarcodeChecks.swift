import Foundation
import OCOPBarcode
import OCOPDomain

/// The barcode rules of `template check`, each citing the GS1 rule it applies
/// (`GS1SymbolSpecification`, `GS1SymbolPlacement`).
extension LabelChecks {
    mutating func checkBarcode(_ barcode: BarcodeElement, _ ref: ElementRef, index: Int) {
        let specification = GS1SymbolSpecification.of(barcode.symbology)
        let name = barcode.symbology.displayName
        guard specification.allows(xMM: barcode.xDimensionMM) else {
            add(ref, "x_dimension_mm", .xDimensionOutOfRange,
                "\(barcode.xDimensionMM) mm is outside \(specification.rangeText) for \(name) (\(specification.table))")
            return
        }
        var data = sample
        if barcode.symbology == .upca { data.product.gtin = LabelData.sampleGTIN12 }
        let symbol: BarcodeSymbol
        do {
            let content = try BarcodeContent(barcode.symbology, data: data)
            symbol = try BarcodeEncoder.encode(barcode.symbology, data: content.encoderData)
        } catch let problem as ElementProblem {
            add(ref, "symbology", .barcodeData, "with the sample data: \(problem)")
            return
        } catch {
            add(ref, "symbology", .barcodeData, "with the sample data: \(error)")
            return
        }
        let resolutions: [Double?] = [nil] + TemplateValidator.resolutions(for: template.dpi).map { $0 }
        for dpi in resolutions {
            let geometry = BarcodeGeometry(barcode, columns: symbol.columns, rows: symbol.rows, dpi: dpi)
            let output = dpi.map { "at \(Int($0)) dpi" } ?? "in PDF output"
            guard geometry.fits(dpi: dpi) else {
                add(ref, "box", .barcodeDoesNotFit,
                    "\(output) \(geometry.describe(dpi: dpi)) with its quiet zones\(barcode.humanReadable ? " and text" : ""); "
                        + "the box is \(MillimetreText.format(barcode.box.width)) × \(MillimetreText.format(barcode.box.height)) mm")
                return
            }
            // Its neighbours are checked against the PDF block (`checkBarcodeSurroundings`).
            if dpi == nil { barcodeBlocks[index] = geometry }
            if dpi != nil, !specification.allows(xMM: geometry.moduleMM) {
                add(ref, "x_dimension_mm", .xDimensionOutOfRange,
                    "\(output) whole-pixel modules are \(Self.thousandths(geometry.moduleMM)) mm, outside "
                        + "\(specification.rangeText) for \(name) (\(specification.table))")
                return
            }
            if let least = specification.minimumBarHeightMM(xMM: geometry.moduleMM), geometry.barHeightMM < least - 1e-6 {
                add(ref, barcode.barHeightMM == nil ? "box" : "bar_height_mm", .barHeightTooLow,
                    "\(output) the bars are \(MillimetreText.format(geometry.barHeightMM)) mm high at "
                        + "\(Self.thousandths(geometry.moduleMM)) mm modules; \(name) needs at least \(MillimetreText.format(least)) mm "
                        + "there (\(specification.table); bars are never truncated)")
                return
            }
        }
    }

    /// Rules between elements: nothing else in a barcode's quiet zones, and every Digital Link QR
    /// code within 50 mm of the centre of an EAN-13 or UPC-A.
    mutating func checkBarcodeSurroundings() {
        let mm = MillimetreText.format
        for (index, geometry) in barcodeBlocks.sorted(by: { $0.key < $1.key }) {
            let ref = template.reference(index)
            let block = geometry.block
            for (other, element) in template.elements.enumerated() where other != index {
                let inked: LabelBox
                switch element {
                case .rect, .image: continue
                case .qr, .text, .stars, .barcode, .pin: inked = element.box
                case let .line(line):
                    // A straight rule spans no area: its ink is the line's width about its span.
                    let half = line.widthMM / 2
                    inked = LabelBox(x: line.span.x - half, y: line.span.y - half, width: line.span.width + 2 * half,
                                     height: line.span.height + 2 * half)
                }
                if Self.overlaps(block, inked) {
                    add(ref, "box", .quietZoneOverlap,
                        "the \(geometry.element.symbology.displayName) with its quiet zones is \(block); "
                            + "\(template.reference(other)) at \(inked) reaches into it, where a scanner needs light space")
                }
            }
            guard geometry.element.symbology == .ean13 || geometry.element.symbology == .upca else { continue }
            let centre = geometry.symbolBox.centre
            let limit = GS1SymbolPlacement.maximumDistanceFromLinearCentreMM
            for (qrIndex, placement) in qrPlacements.sorted(by: { $0.key < $1.key }) {
                guard case let .qr(qr) = template.elements[qrIndex], LabelField.digitalLinks.contains(qr.payload) else { continue }
                let corners = [(placement.x, placement.y), (placement.x + placement.side, placement.y),
                               (placement.x, placement.y + placement.side), (placement.x + placement.side, placement.y + placement.side)]
                let farthest = corners.map { hypot($0.0 - centre.x, $0.1 - centre.y) }.max() ?? 0
                if farthest > limit + 1e-6 {
                    add(template.reference(qrIndex), "box", .qrTooFarFromBarcode,
                        "its farthest corner (quiet zone included) is \(mm(farthest)) mm from the centre of the "
                            + "\(geometry.element.symbology.displayName) bars (\(ref)); GS1 places the whole Digital Link QR "
                            + "code within \(mm(limit)) mm of it, so one scan finds both")
                }
            }
        }
    }

    private static func overlaps(_ a: LabelBox, _ b: LabelBox) -> Bool {
        min(a.maxX, b.maxX) - max(a.x, b.x) > 1e-6 && min(a.maxY, b.maxY) - max(a.y, b.y) > 1e-6
    }

    private static func thousandths(_ value: Double) -> String {
        String((value * 1000).rounded() / 1000)
    }
}
