import Foundation
import OCOPQR

/// Checks template files against the rules a printable label must meet, and loads the good ones.
///
/// Errors (the template is refused): unknown keys, boxes outside the label or (for codes, text and
/// stars) outside the safe area, QR modules under 0.25 mm, a QR code whose longest expected payload
/// with its quiet zone does not fit its box at some checked resolution, unknown data fields, font
/// families fontconfig does not have, images that are not PNG, text that does not fit its box in
/// `max_lines` at the smallest allowed size with the sample data, characters no font can draw;
/// for barcodes (`BarcodeChecks`): an X-dimension outside GS1's range, bars lower than GS1 asks,
/// a block that does not fit its box, another element in its quiet zones, a Digital Link QR code
/// more than 50 mm from an EAN-13 or UPC-A.
/// Warnings: QR modules under GS1's retail minimum of 0.396 mm.
public struct TemplateValidator: Sendable {
    /// Printer resolutions in use (thermal 203 and 300 dpi, office 300-600 dpi). A template is
    /// checked at its default and minimum dpi and at each of these at or above its minimum.
    public static let commonResolutions: [Double] = [203, 300, 600]
    /// The largest label side: a label bigger than an A4 sheet's short side is a typo, and its
    /// raster at 600 dpi would not fit in memory.
    public static let maximumLabelSideMM: Double = 300
    /// The largest sheet page side (A3 is 297 × 420 mm).
    public static let maximumPageSideMM: Double = 500
    /// The largest logo, per side: 4096 px is 173 mm at 600 dpi; a bigger PNG only costs memory.
    public static let maximumImageSidePixels = 4096

    /// The data text is laid out with when checking fit (`LabelData.sample` by default).
    public let sample: LabelData

    public init(sample: LabelData = .sample) {
        self.sample = sample
    }

    /// Every issue in the file; never throws.
    public func check(file: URL) -> TemplateReport {
        let (document, decodingIssues) = TemplateFile.read(file)
        guard let document else { return TemplateReport(file: file, document: nil, issues: decodingIssues) }
        let issues: [TemplateIssue]
        var qrCodes: [QRSummary] = []
        switch document {
        case let .label(template):
            var labelSample = sample
            if template.unitCode == .compact, labelSample.unit?.uri == LabelData.sample.unit?.uri {
                labelSample.unit?.uri = LabelData.sampleCompactURI
            }
            var checks = LabelChecks(template: template, file: file, sample: labelSample)
            issues = checks.run()
            qrCodes = checks.qrSummaries
        case let .sheet(sheet):
            issues = sheetIssues(sheet, file: file)
        }
        return TemplateReport(file: file, document: document, issues: issues, qrCodes: qrCodes)
    }

    /// A label template ready to render, or every error in it.
    public func loadLabel(_ file: URL) throws(LabelError) -> LoadedLabelTemplate {
        let report = check(file: file)
        guard report.isValid, case let .label(template)? = report.document else {
            throw .template(TemplateError(file: file.relativePath, issues: report.issues + notA("label", report)))
        }
        return LoadedLabelTemplate(template: template, file: file, warnings: report.warnings)
    }

    /// A sheet template ready to use, or every error in it.
    public func loadSheet(_ file: URL) throws(LabelError) -> LoadedSheetTemplate {
        let report = check(file: file)
        guard report.isValid, case let .sheet(template)? = report.document else {
            throw .template(TemplateError(file: file.relativePath, issues: report.issues + notA("sheet", report)))
        }
        return LoadedSheetTemplate(template: template, file: file, warnings: report.warnings)
    }

    private func notA(_ kind: String, _ report: TemplateReport) -> [TemplateIssue] {
        guard report.isValid else { return [] }
        return [TemplateIssue(file: report.file.relativePath, field: "kind", rule: .invalidValue,
                              message: "a \(kind) template is needed here")]
    }

    /// The resolutions a template is checked at.
    public static func resolutions(for dpi: LabelTemplate.Resolution) -> [Double] {
        Array(Set([dpi.default, dpi.minimum] + commonResolutions.filter { $0 >= dpi.minimum })).sorted()
    }

    // MARK: Sheets

    private func sheetIssues(_ sheet: SheetTemplate, file: URL) -> [TemplateIssue] {
        let name = file.relativePath
        var issues: [TemplateIssue] = []
        let mm = MillimetreText.format
        let largest = Self.maximumPageSideMM
        guard sheet.page.width <= largest, sheet.page.height <= largest else {
            return [TemplateIssue(file: name, field: "page_mm", rule: .tooLarge,
                                  message: "\(mm(sheet.page.width)) × \(mm(sheet.page.height)) mm is larger than the "
                                      + "\(mm(largest)) mm a sheet page may have per side")]
        }
        if sheet.rightMargin < -0.001 {
            let used = sheet.page.width - sheet.rightMargin
            issues.append(TemplateIssue(
                file: name, field: "label_mm.width", rule: .sheetDoesNotFitPage,
                message: "left margin \(mm(sheet.margin.left)) + \(sheet.columns) × \(mm(sheet.cell.width)) mm + "
                    + "\(sheet.columns - 1) × \(mm(sheet.gap.horizontal)) mm gaps = \(mm(used)) mm, "
                    + "wider than the \(mm(sheet.page.width)) mm page"))
        }
        if sheet.bottomMargin < -0.001 {
            let used = sheet.page.height - sheet.bottomMargin
            issues.append(TemplateIssue(
                file: name, field: "label_mm.height", rule: .sheetDoesNotFitPage,
                message: "top margin \(mm(sheet.margin.top)) + \(sheet.rows) × \(mm(sheet.cell.height)) mm + "
                    + "\(sheet.rows - 1) × \(mm(sheet.gap.vertical)) mm gaps = \(mm(used)) mm, "
                    + "taller than the \(mm(sheet.page.height)) mm page"))
        }
        if let labelName = sheet.label {
            let labelFile = TemplateLibrary(folder: file.deletingLastPathComponent()).file(named: labelName)
            // Only a label is checked further: a sheet naming itself (or another sheet) would
            // otherwise be checked again and again.
            if case .sheet? = TemplateFile.read(labelFile).0 {
                issues.append(TemplateIssue(
                    file: name, field: "label", rule: .unknownTemplate,
                    message: "\"\(labelName)\" is a sheet template (\(labelFile.relativePath)); a sheet's label must be a label template"))
                return issues
            }
            let report = check(file: labelFile)
            if case let .label(label)? = report.document, report.errors.isEmpty {
                if let reason = SheetLayout.misfit(label: label, sheet: sheet) {
                    issues.append(TemplateIssue(file: name, field: "label", rule: .labelDoesNotFitCell, message: reason))
                }
                if sheet.dpi.minimum < label.dpi.minimum {
                    issues.append(TemplateIssue(
                        file: name, field: "dpi.minimum", rule: .invalidValue,
                        message: "\(sheet.dpi.minimum) dpi is below \(labelName)'s minimum of \(label.dpi.minimum) dpi"))
                }
            } else {
                issues.append(TemplateIssue(
                    file: name, field: "label", rule: .unknownTemplate,
                    message: "\"\(labelName)\" is not a usable label template beside the sheet (\(labelFile.relativePath))"))
            }
        }
        return issues
    }
}

/// The checks of one label template.
struct LabelChecks {
    let template: LabelTemplate
    let file: URL
    let sample: LabelData
    var issues: [TemplateIssue] = []
    /// Where each QR code (by element index) sits in vector output with its longest payload:
    /// the top-left corner and side in mm, quiet zone included.
    var qrPlacements: [Int: (x: Double, y: Double, side: Double)] = [:]
    /// Each barcode's block in vector output with the sample data, by element index.
    var barcodeBlocks: [Int: BarcodeGeometry] = [:]
    /// What each QR code needs and gets: version, module size per output, GS1's minimum.
    var qrSummaries: [QRSummary] = []

    init(template: LabelTemplate, file: URL, sample: LabelData) {
        self.template = template
        self.file = file
        self.sample = sample
    }

    mutating func run() -> [TemplateIssue] {
        let largest = TemplateValidator.maximumLabelSideMM
        guard template.size.width <= largest, template.size.height <= largest else {
            let mm = MillimetreText.format
            return [TemplateIssue(file: file.relativePath, field: "size_mm", rule: .tooLarge,
                                  message: "\(mm(template.size.width)) × \(mm(template.size.height)) mm is larger than the "
                                      + "\(mm(largest)) mm a label may have per side")]
        }
        let probe = try? TextProbe(dpi: template.dpi.default)
        for index in template.elements.indices {
            let element = template.elements[index]
            let ref = template.reference(index)
            checkPlacement(element, ref)
            switch element {
            case let .qr(qr): checkQR(qr, ref, index: index)
            case let .barcode(barcode): checkBarcode(barcode, ref, index: index)
            case let .text(text): checkText(text, ref, probe: probe)
            case let .stars(stars): checkStars(stars, ref)
            case let .image(image): checkImage(image, ref)
            case .rect, .line, .pin: break
            }
        }
        checkBarcodeSurroundings()
        return issues
    }

    mutating func add(_ ref: ElementRef, _ field: String?, _ rule: TemplateIssue.Rule, _ message: String,
                              severity: TemplateIssue.Severity = .error) {
        issues.append(TemplateIssue(file: file.relativePath, element: ref, field: field, rule: rule,
                                    severity: severity, message: message))
    }

    // MARK: Placement

    private mutating func checkPlacement(_ element: LabelElement, _ ref: ElementRef) {
        let box = element.box
        let field = element.kind == .line ? "from/to" : "box"
        let size = template.size
        let slack = 1e-6
        let bleed = element.isContent ? 0 : template.bleedMM
        if box.x < -bleed - slack || box.y < -bleed - slack
            || box.maxX > size.width + bleed + slack || box.maxY > size.height + bleed + slack {
            let reach = bleed > 0 ? " and its \(MillimetreText.format(bleed)) mm bleed" : ""
            add(ref, field, .outsideLabel,
                "\(box) reaches outside the \(MillimetreText.format(size.width)) × \(MillimetreText.format(size.height)) mm label\(reach)")
            return
        }
        guard element.isContent else { return }
        let safe = template.safeMarginMM
        // A QR code's quiet zone is blank label, not ink: it may lie in the safe margin (cutting
        // there clips nothing printed) as long as it stays on the label, checked above. The
        // symbol itself keeps the margin.
        var inked = box, what = "\(box)"
        if case let .qr(qr) = element {
            let quiet = Double(QRElement.quietZoneModules) * smallestModuleMM(qr)
            inked = LabelBox(x: box.x + quiet, y: box.y + quiet,
                             width: max(0, box.width - 2 * quiet), height: max(0, box.height - 2 * quiet))
            what = "the symbol of \(box) (its quiet zone left out)"
        }
        switch template.shape {
        case .rect:
            if inked.x < safe - slack || inked.y < safe - slack
                || inked.maxX > size.width - safe + slack || inked.maxY > size.height - safe + slack {
                add(ref, field, .outsideSafeArea,
                    "\(what) reaches into the \(MillimetreText.format(safe)) mm safe margin, where cutting may clip it")
            }
        case .round:
            let radius = size.width / 2, limit = radius - safe
            let centre = LabelPoint(x: radius, y: radius)
            let distance = { (corners: [LabelPoint]) in corners.map { hypot($0.x - centre.x, $0.y - centre.y) }.max() ?? 0 }
            let farthest = distance(inked.corners)
            if farthest > limit + slack {
                add(ref, field, .outsideSafeArea,
                    "\(what) has a corner \(MillimetreText.format(farthest)) mm from the stamp's centre; "
                        + "content must stay within \(MillimetreText.format(limit)) mm (radius \(MillimetreText.format(radius)) "
                        + "less the \(MillimetreText.format(safe)) mm safe margin)")
            } else if case let reach = distance(box.corners), reach > radius + slack {
                add(ref, field, .outsideLabel,
                    "\(box) has a corner \(MillimetreText.format(reach)) mm from the stamp's centre, "
                        + "off the \(MillimetreText.format(radius)) mm stamp: a QR code's quiet zone must be on the label")
            }
        }
    }

    // MARK: QR codes

    /// The smallest module `qr` gets in any output (PDF/SVG, or whole pixels at a resolution the
    /// template allows), which sets the narrowest quiet zone it may have.
    private func smallestModuleMM(_ qr: QRElement) -> Double {
        TemplateValidator.resolutions(for: template.dpi).reduce(qr.moduleMM) { smallest, dpi in
            min(smallest, PixelGeometry.millimetres(pixels: QRModuleSize.pixelsPerModule(qr, dpi: dpi), dpi: dpi))
        }
    }

    private mutating func checkQR(_ qr: QRElement, _ ref: ElementRef, index: Int) {
        let mm = MillimetreText.format
        if !LabelField.all.contains(qr.payload) {
            add(ref, "payload", .unknownDataField,
                "\"\(qr.payload)\" is not a data field; use one of \(LabelField.all.joined(separator: ", "))")
            return
        }
        let floor = QRModuleSize.refusedBelowMM, retail = QRModuleSize.retailMinimumMM
        var refused = false
        if qr.moduleMM < floor {
            add(ref, "module_mm", .moduleTooSmall,
                "\(qr.moduleMM) mm modules are under \(floor) mm, below which phones often fail to read QR codes")
            refused = true
        }
        if qr.minModuleMM < floor {
            add(ref, "min_module_mm", .moduleTooSmall, "\(qr.minModuleMM) mm is under the \(floor) mm floor")
            refused = true
        }
        if refused { return }
        if qr.moduleMM < retail {
            add(ref, "module_mm", .moduleBelowRetail,
                "\(qr.moduleMM) mm modules are under GS1's \(retail) mm minimum for retail checkout scanning "
                    + "(fine for phones)", severity: .warning)
        }

        // A compact template writes every Digital Link in upper case: QR alphanumeric mode.
        let compact = template.unitCode == .compact && LabelField.digitalLinks.contains(qr.payload)
        let bytes = qr.maxPayloadBytes ?? LabelField.expectedMaximumBytes(qr.payload, unitCode: template.unitCode)
        let payload = !compact ? "\(bytes)-byte \(qr.payload)"
            : qr.payload == "unit_uri" ? "\(bytes)-character compact unit code" : "\(bytes)-character upper-case \(qr.payload)"
        let symbolSize: Int
        do {
            symbolSize = compact
                ? try QRModuleSize.worstCaseCompactSymbolSize(characters: bytes, level: qr.errorCorrection)
                : try QRModuleSize.worstCaseSymbolSize(bytes: bytes, level: qr.errorCorrection)
        } catch {
            add(ref, "payload", .qrDoesNotFit, "a \(payload) cannot be encoded: \(error)")
            return
        }
        let modules = QRModuleSize.modulesWithQuietZone(symbolSize: symbolSize)
        let symbol = "a \(payload) at level \(qr.errorCorrection.rawValue) needs "
            + "\(symbolSize) modules + 2 × \(QRElement.quietZoneModules) quiet-zone modules = \(modules) modules"
        var summary = QRSummary(element: ref, payload: qr.payload, unitCode: qr.payload == "unit_uri" ? template.unitCode : nil,
                                upperCase: compact,
                                payloadLength: bytes, level: qr.errorCorrection, symbolSize: symbolSize, moduleMM: qr.moduleMM)
        defer { qrSummaries.append(summary) }
        guard let placement = QRModuleSize.vector(qr, symbolSize: symbolSize) else {
            add(ref, "box", .qrDoesNotFit,
                "\(symbol), \(mm(Double(modules) * qr.moduleMM)) mm at \(qr.moduleMM) mm per module; the box is "
                    + "\(mm(qr.box.width)) × \(mm(qr.box.height)) mm (PDF output)")
            return
        }
        qrPlacements[index] = (placement.x, placement.y, placement.side)
        var warnedAt: [String] = []
        for dpi in TemplateValidator.resolutions(for: template.dpi) {
            let pixels = QRModuleSize.pixelsPerModule(qr, dpi: dpi)
            let moduleSize = PixelGeometry.millimetres(pixels: pixels, dpi: dpi)
            summary.raster.append(.init(dpi: dpi, pixels: pixels, moduleMM: moduleSize))
            if QRModuleSize.raster(qr, symbolSize: symbolSize, dpi: dpi) == nil {
                add(ref, "box", .qrDoesNotFit,
                    "\(symbol); at \(Int(dpi)) dpi a module is \(pixels) px (\(mm(moduleSize)) mm), so the code is "
                        + "\(mm(Double(modules) * moduleSize)) mm wide; the box is \(mm(qr.box.width)) × \(mm(qr.box.height)) mm")
            } else if moduleSize < retail - 1e-9 && qr.moduleMM >= retail {
                warnedAt.append("\(Int(dpi)) dpi (\(pixels) px = \(mm(moduleSize)) mm)")
            }
        }
        if !warnedAt.isEmpty {
            add(ref, "module_mm", .moduleBelowRetail,
                "whole-pixel modules fall under GS1's \(retail) mm retail minimum at " + warnedAt.joined(separator: ", "),
                severity: .warning)
        }
    }

    // MARK: Text

    private mutating func checkText(_ text: TextElement, _ ref: ElementRef, probe: TextProbe?) {
        let source: TextSource
        do {
            source = try TextSource(text.text)
        } catch {
            add(ref, "text", .invalidValue, "Mustache syntax: \(error)")
            return
        }
        let scan = Placeholders.scan(text.text)
        for name in scan.unknown {
            add(ref, "text", .unknownDataField, "{{\(name)}} is not a data field; use one of \(LabelField.all.joined(separator: ", "))")
        }
        for tag in scan.unsupported {
            add(ref, "text", .invalidValue, "\(tag): partials and blocks are not supported in label text")
        }
        if !FontCatalog.isInstalled(text.font.family) {
            add(ref, "font.family", .fontNotInstalled,
                "\"\(text.font.family)\" is not installed; fontconfig would use \"\(FontCatalog.resolvedFamily(text.font.family))\" "
                    + "instead (install the font or name one `fc-list : family` shows)")
            return
        }
        guard scan.unknown.isEmpty, let probe else { return }
        let filled = source.fill(sample)
        let measurement = probe.measure(filled, element: text)
        if measurement.unknownGlyphs > 0 {
            add(ref, "text", .missingGlyphs,
                "\(measurement.unknownGlyphs) character(s) of \"\(filled)\" have no glyph in \"\(text.font.family)\" or any fallback font")
        }
        if !measurement.fits {
            let smallest = text.shrinkToFit ? "the smallest allowed size" : "its size (shrink_to_fit is off)"
            add(ref, "box", .textDoesNotFit,
                "with the sample data \"\(filled)\" does not fit at \(smallest): \(measurement.overflowDetail(text))")
        }
    }

    // MARK: Stars and images

    private mutating func checkStars(_ stars: StarsElement, _ ref: ElementRef) {
        if !LabelField.all.contains(stars.field) {
            add(ref, "field", .unknownDataField, "\"\(stars.field)\" is not a data field; stars usually count rating.stars")
        }
        if stars.starDiameter < 0.5 {
            add(ref, "box", .invalidValue, "five stars with \(stars.gapMM) mm gaps leave under 0.5 mm per star in \(stars.box)")
        }
    }

    private mutating func checkImage(_ image: ImageElement, _ ref: ElementRef) {
        let url = URL(fileURLWithPath: image.path, relativeTo: file.deletingLastPathComponent())
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            add(ref, "path", .imageUnreadable, "\(url.path) does not exist or cannot be read")
            return
        }
        let head = Array(handle.readData(ofLength: 24))
        try? handle.close()
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard head.count == 24, Array(head[0..<8]) == signature else {
            add(ref, "path", .imageNotPNG, "\(image.path) is not a PNG file (its first bytes are not the PNG signature)")
            return
        }
        // The size from the IHDR header, before decoding: a 20000 × 20000 logo would take
        // gigabytes to decode and is never needed on a label.
        let side = { (offset: Int) in head[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        let (width, height) = (side(16), side(20))
        let largest = TemplateValidator.maximumImageSidePixels
        guard width <= largest, height <= largest else {
            add(ref, "path", .tooLarge, "\(image.path) is \(width) × \(height) px; a logo may have at most \(largest) px per side")
            return
        }
        do {
            _ = try LogoImage(path: url.path)
        } catch {
            add(ref, "path", .imageNotPNG, "\(image.path) is not a readable PNG: \(error)")
        }
    }
}
