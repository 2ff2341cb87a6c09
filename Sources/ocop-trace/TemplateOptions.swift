import ArgumentParser
import Foundation
import OCOPLabel

/// Where templates are found: `--templates DIR`, else `$OCOP_TRACE_TEMPLATES`, else `./Templates`,
/// else the `Templates/` of the package the binary was built in.
struct TemplateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Template folder (default: ./Templates).", valueName: "dir"))
    var templates: String?

    var library: TemplateLibrary {
        TemplateLibrary(folder: URL(fileURLWithPath: folder))
    }

    var folder: String {
        if let templates { return templates }
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["OCOP_TRACE_TEMPLATES"], !configured.isEmpty { return configured }
        if FileManager.default.fileExists(atPath: "Templates") { return "Templates" }
        // .build/<configuration>/ocop-trace → the package root's Templates/.
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let beside = binary.deletingLastPathComponent().appendingPathComponent("../../../Templates").standardized
        return FileManager.default.fileExists(atPath: beside.path) ? beside.path : "Templates"
    }
}
