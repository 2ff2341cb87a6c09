import Foundation
import OCOPFailure

/// The one place that decides which template folder every command reads (labels, stamps,
/// sheets, `template list|check|preview`, and `serve`'s `web/` pages).
///
/// In order: `--templates DIR`; the folder installed beside the binary
/// (`<bindir>/../share/ocop-trace/Templates`, what `make install` writes); `$OCOP_TRACE_TEMPLATES`;
/// `./Templates`; the `Templates/` of the source tree a development binary was built in
/// (`.build/<triple>/<configuration>/ocop-trace`). The first folder that exists wins.
struct TemplateFolderLookup {
    /// A folder that was looked at, and why it was a candidate.
    struct Candidate: Equatable {
        let path: String
        let origin: String
    }

    let explicit: String?
    let executable: URL?
    let environment: [String: String]

    /// The binary's real path: `/proc/self/exe` on Linux (argv[0] may be a bare name found on
    /// PATH, or a symlink into another prefix).
    static var runningExecutable: URL? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }

    var candidates: [Candidate] {
        if let explicit { return [Candidate(path: explicit, origin: "--templates")] }
        var list: [Candidate] = []
        let binFolder = executable?.deletingLastPathComponent()
        if let binFolder {
            let installed = binFolder.appendingPathComponent("../share/ocop-trace/Templates").standardized
            list.append(Candidate(path: installed.path, origin: "installed beside the binary"))
        }
        if let configured = environment["OCOP_TRACE_TEMPLATES"], !configured.isEmpty {
            list.append(Candidate(path: configured, origin: "$OCOP_TRACE_TEMPLATES"))
        }
        list.append(Candidate(path: "Templates", origin: "./Templates"))
        // A development binary, run from elsewhere, still finds the source tree it was built in.
        if let binFolder, binFolder.deletingLastPathComponent().deletingLastPathComponent().lastPathComponent == ".build" {
            let sourceTree = binFolder.appendingPathComponent("../../../Templates").standardized
            list.append(Candidate(path: sourceTree.path, origin: "the source tree of this build"))
        }
        return list
    }

    /// The first candidate that is a folder, or a one-line error naming every folder looked in.
    func resolve() throws(TemplateFolderMissing) -> Candidate {
        let looked = candidates
        for candidate in looked {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), isFolder.boolValue {
                return candidate
            }
        }
        throw TemplateFolderMissing(looked: looked)
    }
}

/// No template folder exists where the lookup looked.
struct TemplateFolderMissing: ReportableError {
    let looked: [TemplateFolderLookup.Candidate]

    var description: String {
        if let only = looked.first, looked.count == 1 {
            return "templates: \(only.origin) folder \(only.path) does not exist"
        }
        return "templates: no template folder found (looked in "
            + looked.map(\.path).joined(separator: ", ")
            + "); install with `make install`, set $OCOP_TRACE_TEMPLATES, or pass --templates DIR"
    }

    var exitCode: Int32 { OCOPExit.notFound }
}
