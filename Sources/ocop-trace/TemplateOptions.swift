import ArgumentParser
import Foundation
import OCOPLabel

/// `--templates DIR` for every command that reads templates; without it, the folder
/// `TemplateFolderLookup` finds (installed beside the binary, `$OCOP_TRACE_TEMPLATES`, `./Templates`).
struct TemplateOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Template folder (default: <bindir>/../share/ocop-trace/Templates, else $OCOP_TRACE_TEMPLATES, else ./Templates).",
        valueName: "dir"))
    var templates: String?

    var lookup: TemplateFolderLookup {
        TemplateFolderLookup(explicit: templates, executable: TemplateFolderLookup.runningExecutable,
                             environment: ProcessInfo.processInfo.environment)
    }

    /// The folder in use and which rule chose it; exit 66 naming every folder tried when none exists.
    var found: TemplateFolderLookup.Candidate {
        get throws { try lookup.resolve() }
    }

    var folder: String {
        get throws { try found.path }
    }

    var library: TemplateLibrary {
        get throws { TemplateLibrary(folder: URL(fileURLWithPath: try folder)) }
    }
}
