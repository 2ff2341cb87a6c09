import Foundation
import Testing
import TestSupport

/// Which template folder the binary reads: beside itself (`<bindir>/../share/ocop-trace/Templates`),
/// then `$OCOP_TRACE_TEMPLATES`, then `./Templates`; none is exit 66 naming the folders tried.
/// The built binary is hard-linked into a scratch `bin/` so that "beside itself" can be arranged.
@Suite struct TemplateLookupTests {
    /// A scratch prefix: `bin/ocop-trace` (the built binary), an empty `work/` to run in, and
    /// two template folders that each hold one template, so the listing shows which was read.
    struct Layout {
        let root: URL
        var bin: URL { root.appendingPathComponent("bin/ocop-trace") }
        var installed: URL { root.appendingPathComponent("share/ocop-trace/Templates") }
        var configured: URL { root.appendingPathComponent("configured") }
        var work: URL { root.appendingPathComponent("work") }

        init(_ name: String) throws {
            root = try ProjectPaths.scratch(name)
            let manager = FileManager.default
            try manager.createDirectory(at: bin.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.createDirectory(at: work, withIntermediateDirectories: true)
            let built = ProjectPaths.ocopTrace.resolvingSymlinksInPath()
            do { try manager.linkItem(at: built, to: bin) } catch { try manager.copyItem(at: built, to: bin) }
        }

        /// `folder` with one shipped template in it, under the name `name`.
        func templates(at folder: URL, named name: String) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let shipped = ProjectPaths.root.appendingPathComponent("Templates/product-label-50x30.json")
            try FileManager.default.copyItem(at: shipped, to: folder.appendingPathComponent(name + ".json"))
        }

        /// The binary run from `work/` with nothing of the caller's environment but `extra`.
        func run(_ arguments: [String], _ extra: [String: String] = [:], executable: URL? = nil) throws -> ProcessResult {
            let environment = ["PATH": "/usr/bin:/bin", "HOME": root.path, "LANG": "C.UTF-8"].merging(extra) { $1 }
            return try TestSupport.run(executable ?? bin, arguments, environment: environment, in: work)
        }
    }

    @Test func theFolderBesideTheBinaryComesBeforeTheEnvironmentAndTheCurrentFolder() throws {
        let layout = try Layout("lookup-installed")
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try layout.templates(at: layout.installed, named: "installed-label")
        try layout.templates(at: layout.configured, named: "configured-label")
        try layout.templates(at: layout.work.appendingPathComponent("Templates"), named: "local-label")

        let result = try layout.run(["template", "list"], ["OCOP_TRACE_TEMPLATES": layout.configured.path])
        #expect(result.status == 0, "\(result.stderrText)")
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines == ["templates in \(layout.installed.path) (installed beside the binary):", "installed-label"])
    }

    @Test func theEnvironmentComesBeforeTheCurrentFolder() throws {
        let layout = try Layout("lookup-environment")
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try layout.templates(at: layout.configured, named: "configured-label")
        try layout.templates(at: layout.work.appendingPathComponent("Templates"), named: "local-label")

        let result = try layout.run(["template", "list"], ["OCOP_TRACE_TEMPLATES": layout.configured.path])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == "templates in \(layout.configured.path) ($OCOP_TRACE_TEMPLATES):\nconfigured-label\n")
    }

    @Test func theCurrentFolderIsTheLastPlaceLookedIn() throws {
        let layout = try Layout("lookup-current")
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try layout.templates(at: layout.work.appendingPathComponent("Templates"), named: "local-label")

        let result = try layout.run(["template", "list"])
        #expect(result.status == 0, "\(result.stderrText)")
        let local = layout.work.appendingPathComponent("Templates").resolvingSymlinksInPath().path
        #expect(result.stdoutText == "templates in \(local) (./Templates):\nlocal-label\n")
    }

    @Test func noFolderAnywhereIsExit66NamingEveryFolderTried() throws {
        let layout = try Layout("lookup-none")
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let missing = layout.root.appendingPathComponent("missing").path

        let result = try layout.run(["template", "list"], ["OCOP_TRACE_TEMPLATES": missing])
        #expect(result.status == 66)
        #expect(result.stdoutText.isEmpty)
        let message = result.stderrText
        #expect(message.split(separator: "\n").count == 1, "\(message)")
        #expect(message.contains("no template folder found"))
        #expect(message.contains(layout.installed.path))
        #expect(message.contains(missing))
        #expect(message.contains(", Templates)"))
    }

    @Test func aFolderGivenWithTheOptionMustExist() throws {
        let layout = try Layout("lookup-option")
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try layout.templates(at: layout.installed, named: "installed-label")
        let missing = layout.root.appendingPathComponent("nowhere").path

        let result = try layout.run(["template", "list", "--templates", missing])
        #expect(result.status == 66)
        #expect(result.stderrText == "ocop-trace: error: templates: --templates folder \(missing) does not exist\n")
    }

    @Test func everyCommandThatNeedsTemplatesFailsTheSameWayWithoutThem() throws {
        let layout = try Layout("lookup-commands")
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let fixture = try StoreFixture("lookup-commands-store", engine: .sqlite)
        defer { fixture.remove() }
        _ = try fixture.issue(lot: "LK-1", units: 1)

        let store = ["--store", fixture.store]
        let commands = [
            ["label", "render", "--batch", "LK-1"] + store,
            ["stamp", "render", "--product", "TV-0002"] + store,
            ["restamp"] + store,
            ["template", "preview", "product-label-50x30"],
            ["serve", "--port", "0"] + store,
        ]
        for command in commands {
            let result = try layout.run(command)
            #expect(result.status == 66, "\(command): \(result.stderrText)")
            #expect(result.stderrText.hasPrefix("ocop-trace: error: templates: no template folder found (looked in \(layout.installed.path)"),
                    "\(command): \(result.stderrText)")
        }
    }

    @Test func checkingATemplateFileNeedsNoTemplateFolder() throws {
        let layout = try Layout("lookup-check")
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let file = ProjectPaths.root.appendingPathComponent("Templates/product-label-50x30.json").path

        let result = try layout.run(["template", "check", file])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("\(file): OK"), "\(result.stdoutText)")
    }

    @Test func aDevelopmentBinaryFindsTheSourceTreeItWasBuiltIn() throws {
        let layout = try Layout("lookup-development")
        defer { try? FileManager.default.removeItem(at: layout.root) }

        let result = try layout.run(["template", "list"], executable: ProjectPaths.ocopTrace)
        #expect(result.status == 0, "\(result.stderrText)")
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        let source = ProjectPaths.root.appendingPathComponent("Templates").standardizedFileURL.path
        #expect(lines.first == "templates in \(source) (the source tree of this build):")
        #expect(lines.contains("product-label-50x30"))
    }
}
