import Foundation

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

    public var errors: [TemplateIssue] { issues.filter { $0.severity == .error } }
    public var warnings: [TemplateIssue] { issues.filter { $0.severity == .warning } }
    /// Usable: decoded and no errors (warnings allowed).
    public var isValid: Bool { document != nil && errors.isEmpty }
}
