import Foundation

/// A label template that passed `TemplateValidator`: only these can be rendered.
public struct LoadedLabelTemplate: Sendable {
    public let template: LabelTemplate
    public let file: URL
    public let warnings: [TemplateIssue]

    public var name: String { template.name }
    /// Image paths are relative to this folder.
    public var folder: URL { file.deletingLastPathComponent() }
}

/// A sheet template that passed `TemplateValidator`.
public struct LoadedSheetTemplate: Sendable {
    public let template: SheetTemplate
    public let file: URL
    public let warnings: [TemplateIssue]

    public var name: String { template.name }
}
