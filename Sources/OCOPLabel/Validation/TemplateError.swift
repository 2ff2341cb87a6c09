/// A template that cannot be used: every error found in it (warnings are not errors).
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let issues: [TemplateIssue]

    public init(file: String, issues: [TemplateIssue]) {
        self.file = file
        self.issues = issues
    }

    public var errors: [TemplateIssue] { issues.filter { $0.severity == .error } }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
