import Foundation

/// Where things are when tests run: the package root, the built binary, scratch folders.
public enum ProjectPaths {
    /// The package root, found from this file's location (Tests/Support/ProjectPaths.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/` beside the project root: reference material for tests.
    public static let shared: URL = root.deletingLastPathComponent().appendingPathComponent("shared")

    /// The folder SwiftPM builds into (holds both the test bundle and `ocop-trace`).
    public static let buildProducts: URL = {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        // swift-testing on Linux runs `<name>.xctest`; go up until the folder holds ocop-trace.
        while folder.path != "/" {
            if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("ocop-trace").path) {
                return folder
            }
            folder = folder.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug")
    }()

    public static var ocopTrace: URL { buildProducts.appendingPathComponent("ocop-trace") }

    /// A fresh, empty folder for one test; removed by the caller when it wishes.
    public static func scratch(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("ocop-trace-tests")
            .appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
