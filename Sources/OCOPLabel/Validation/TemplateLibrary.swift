import Foundation

/// A folder of template files (`Templates/`), looked up by name.
public struct TemplateLibrary: Sendable {
    public let folder: URL
    public let validator: TemplateValidator

    public init(folder: URL, validator: TemplateValidator = TemplateValidator()) {
        self.folder = folder
        self.validator = validator
    }

    /// `product-label-50x30` → `<folder>/product-label-50x30.json`; a name with a `/` or ending in
    /// `.json` is taken as a path.
    public func file(named name: String) -> URL {
        if Self.isPath(name) { return URL(fileURLWithPath: name) }
        return folder.appendingPathComponent(name + ".json")
    }

    /// Whether `name` is a file path rather than a template name.
    public static func isPath(_ name: String) -> Bool {
        name.contains("/") || name.hasSuffix(".json")
    }

    /// Names of the `.json` files in the folder, sorted.
    public func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    public func label(named name: String) throws(LabelError) -> LoadedLabelTemplate {
        try validator.loadLabel(file(named: name))
    }

    public func sheet(named name: String) throws(LabelError) -> LoadedSheetTemplate {
        try validator.loadSheet(file(named: name))
    }
}
