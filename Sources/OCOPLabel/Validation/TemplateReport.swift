import Foundation
import OCOPDomain
import OCOPQR

/// A template file as read: what kind of template it holds, if any, and everything wrong with it.
public enum TemplateDocument: Sendable, Equatable {
    case label(LabelTemplate)
    case sheet(SheetTemplate)

    public var name: String {
        switch self {
        case let .label(template): return template.name
        case let .sheet(template): return template.name
        }
    }
}

/// The outcome of `TemplateValidator.check`.
public struct TemplateReport: Sendable {
    public let file: URL
    /// Nil when the file could not be decoded at all.
    public let document: TemplateDocument?
    public let issues: [TemplateIssue]
    /// What each QR code of a label template needs and gets (empty for sheets and undecodable files).
    public let qrCodes: [QRSummary]

    public init(file: URL, document: TemplateDocument?, issues: [TemplateIssue], qrCodes: [QRSummary] = []) {
        self.file = file
        self.document = document
        self.issues = issues
        self.qrCodes = qrCodes
    }

    public var errors: [TemplateIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [TemplateIssue] { issues.filter { $0.severity == .warning } }
    /// Usable: decoded and no errors (warnings allowed).
    public var isValid: Bool { document != nil && errors.isEmpty }
}

/// One QR code of a template as `template check` reports it: the longest payload it must hold,
/// the symbol that needs, and the module size in each output against GS1's retail minimum.
public struct QRSummary: Sendable, Equatable, CustomStringConvertible {
    /// A module at one raster resolution: whole pixels, and what they measure.
    public struct RasterModule: Sendable, Equatable {
        public let dpi: Double
        public let pixels: Int
        public let moduleMM: Double
    }

    public let element: ElementRef
    public let payload: String
    /// For `unit_uri`: the template's `unit_code`.
    public let unitCode: CodeKind?
    /// The payload is written with scheme and host in upper case (a compact template).
    public var upperCase: Bool = false
    /// Bytes (characters, for a compact unit code) of the longest payload checked.
    public let payloadLength: Int
    public let level: ErrorCorrection
    /// Modules across the symbol, quiet zone not included.
    public let symbolSize: Int
    /// The module in PDF and SVG output.
    public let moduleMM: Double
    /// The module at each checked resolution.
    public var raster: [RasterModule] = []

    /// The QR version (1-40) of the symbol.
    public var version: Int { (symbolSize - 17) / 4 }

    /// GS1's least X-dimension for a 2D symbol scanned at a retail checkout (General
    /// Specifications 5.12.3, symbol specification table 1).
    public static let gs1MinimumMM = QRModuleSize.retailMinimumMM

    /// The smallest module of any output: PDF/SVG and every checked resolution.
    public var smallestModuleMM: Double { ([moduleMM] + raster.map(\.moduleMM)).min() ?? moduleMM }

    /// Every output's module is at least GS1's retail minimum.
    public var meetsGS1: Bool { smallestModuleMM >= Self.gs1MinimumMM - 1e-9 }

    /// Millimetres to three decimals, trailing zeros dropped: 0.396, 0.423, 0.42.
    static func mm(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        var fraction = String(thousandths % 1000)
        while fraction.count < 3 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return String(thousandths / 1000) + (fraction.isEmpty ? "" : "." + fraction)
    }

    public var description: String {
        let mm = Self.mm
        let what: String
        switch unitCode {
        case .compact?: what = "compact unit code (no signature), up to \(payloadLength) characters"
        case .signed?: what = "signed unit code, up to \(payloadLength) bytes"
        default: what = upperCase ? "\(payload) in upper case, up to \(payloadLength) characters"
            : "\(payload), up to \(payloadLength) bytes"
        }
        let outputs = ["PDF/SVG \(mm(moduleMM)) mm"] + raster.map { "\(Int($0.dpi)) dpi \($0.pixels) px = \(mm($0.moduleMM)) mm" }
        let verdict = meetsGS1 ? "met" : "not met (smallest \(mm(smallestModuleMM)) mm; phones read it, checkout scanners may not)"
        return "\(element): \(what): QR version \(version) at level \(level.rawValue), \(symbolSize) modules + 2 × "
            + "\(QRElement.quietZoneModules) quiet; modules \(outputs.joined(separator: ", ")); GS1 retail minimum "
            + "\(mm(Self.gs1MinimumMM)) mm (General Specifications 5.12.3, table 1): \(verdict)"
    }
}
