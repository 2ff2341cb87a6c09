import Foundation
import Testing
import TestSupport

/// `make install` as a user gets it: the installed binary, run from an empty folder with a
/// clean environment (no $OCOP_TRACE_TEMPLATES, no /opt/swift at all), reads its templates,
/// renders labels and serves; the man page, completions, systemd unit and the Dockerfile's steps
/// work. A release build takes minutes: `make test-install` installs once into a temporary prefix
/// ($OCOP_INSTALLED_PREFIX) and runs this suite; run alone, the suite installs for itself.
@Suite(.serialized) struct InstallTests {
    static let installation = Result { () throws -> URL in
        if let prefix = ProcessInfo.processInfo.environment["OCOP_INSTALLED_PREFIX"], !prefix.isEmpty {
            return URL(fileURLWithPath: prefix)
        }
        let prefix = try ProjectPaths.scratch("install-prefix")
        let result = try run(URL(fileURLWithPath: "/usr/bin/make"), ["-C", ProjectPaths.root.path, "install", "PREFIX=\(prefix.path)"],
                             environment: buildEnvironment)
        guard result.status == 0 else {
            throw SubprocessError(description: "make install exited \(result.status): \(result.stderrText)")
        }
        return prefix
    }

    /// The caller's environment for a nested `make install`: this `swift test` holds the lock of
    /// .build until it ends, and the release build it would wait for touches none of its files.
    static var buildEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.merging(["SWIFT_BUILD_FLAGS": "--ignore-lock"]) { $1 }
    }

    let prefix: URL
    var binary: URL { prefix.appendingPathComponent("bin/ocop-trace") }

    init() throws {
        prefix = try Self.installation.get()
    }

    /// What a fresh login shell has: no Swift toolchain, no template folder, no store.
    static func cleanEnvironment(home: URL) -> [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home.path, "LANG": "C.UTF-8"]
    }

    /// `program arguments` with the Swift toolchain out of reach: in a mount namespace of its
    /// own, an empty folder is mounted over /opt/swift, then the program replaces the shell
    /// (so signals reach it). Needs root, as `make install` into a system prefix does.
    static func withoutToolchain(_ program: URL, _ arguments: [String]) -> (URL, [String]) {
        let toolchain = "/opt/swift"
        guard FileManager.default.fileExists(atPath: toolchain) else { return (program, arguments) }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("ocop-trace-no-toolchain")
        try? FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let script = "mount --bind \(empty.path) \(toolchain) && test ! -e \(toolchain)/usr && exec \"$0\" \"$@\""
        return (URL(fileURLWithPath: "/usr/bin/unshare"), ["--mount", "/bin/sh", "-c", script, program.path] + arguments)
    }

    /// Runs the installed binary from `folder` with the clean environment and no toolchain.
    func ocop(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        let (program, wrapped) = Self.withoutToolchain(binary, arguments)
        return try run(program, wrapped, environment: Self.cleanEnvironment(home: folder), in: folder)
    }

    @discardableResult
    func expectSuccess(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        let result = try ocop(arguments, in: folder)
        guard result.status == 0 else {
            throw SubprocessError(description: "ocop-trace \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderrText)")
        }
        return result
    }

    @Test func theBinaryCarriesTheSwiftRuntimeAndNeedsOnlyTheRuntimePackages() throws {
        let ldd = try run(URL(fileURLWithPath: "/usr/bin/ldd"), [binary.path])
        #expect(ldd.status == 0, "\(ldd.stderrText)")
        #expect(!ldd.stdoutText.contains("libswift"), "\(ldd.stdoutText)")
        #expect(!ldd.stdoutText.contains("/opt/swift"), "\(ldd.stdoutText)")
        #expect(!ldd.stdoutText.contains("not found"), "\(ldd.stdoutText)")

        // Every library the binary itself names comes from a package of `install-deps.sh runtime`
        // (libc6 is in every Debian system).
        let listed = try run(ProjectPaths.root.appendingPathComponent("scripts/install-deps.sh"), ["runtime", "--list"])
        let runtime = Set(listed.stdoutText.split(separator: "\n").flatMap { $0.split(separator: "|").map(String.init) } + ["libc6"])
        let readelf = try run(URL(fileURLWithPath: "/usr/bin/readelf"), ["-d", binary.path])
        let needed = readelf.stdoutText.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("(NEEDED)"), let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
        #expect(needed.contains("libcairo.so.2") && needed.contains("libzbar.so.0"), "\(needed)")
        for library in needed {
            // `libz.so.1 => /lib/…/libz.so.1 (0x…)`, or `/lib64/ld-linux-x86-64.so.2 (0x…)` for the loader.
            let line = ldd.stdoutText.split(separator: "\n").first { $0.contains(library) } ?? ""
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            let path = words.firstIndex(of: "=>").map { words[$0 + 1] } ?? words.first ?? library
            // dpkg knows a file by the path its package ships: /lib/… for some, /usr/lib/… (where
            // the /lib link leads) for others.
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            var owner = try run(URL(fileURLWithPath: "/usr/bin/dpkg"), ["-S", path])
            if owner.status != 0 { owner = try run(URL(fileURLWithPath: "/usr/bin/dpkg"), ["-S", real]) }
            let package = owner.status == 0 ? owner.stdoutText.split(separator: ":").first.map(String.init) ?? "" : "(no package)"
            #expect(runtime.contains(package), "\(library) (\(path)) comes from \(package), not a runtime package")
        }
    }

    @Test func templateListNamesTheInstalledFolder() throws {
        let empty = try ProjectPaths.scratch("installed-list")
        defer { try? FileManager.default.removeItem(at: empty) }

        let result = try expectSuccess(["template", "list"], in: empty)
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        let folder = prefix.appendingPathComponent("share/ocop-trace/Templates").standardizedFileURL.path
        #expect(lines.first == "templates in \(folder) (installed beside the binary):")
        let shipped = try FileManager.default.contentsOfDirectory(atPath: ProjectPaths.root.appendingPathComponent("Templates").path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        #expect(Array(lines.dropFirst()) == shipped)
        #expect(FileManager.default.fileExists(atPath: folder + "/web/resolve.mustache"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/previews"))
    }

    /// The README's story from an empty folder: a store, a producer, a rated product, a batch,
    /// its labels (every QR read back by both decoders), then the resolver on that store.
    @Test func aBatchIsLabelledAndServedFromAnEmptyFolder() throws {
        let folder = try ProjectPaths.scratch("installed-story")
        defer { try? FileManager.default.removeItem(at: folder) }

        try expectSuccess(["init", "--resolver", "id.example.vn"], in: folder)
        try expectSuccess(["producer", "add", "VL-P002", "--name", "Hợp tác xã Đặc sản Đại Phước", "--kind", "cooperative",
                           "--province", "Vĩnh Long", "--commune", "xã Đại Phước"], in: folder)
        try expectSuccess(["product", "add", "TV-0002", "--producer", "VL-P002", "--name", "Kẹo dừa Đại Phước",
                           "--group", "food", "--gtin", "9528400000020"], in: folder)
        try expectSuccess(["rate", "TV-0002", "--stars", "4", "--score", "81", "--decision", "2180/QĐ-UBND",
                           "--decision-date", "2026-10-15"], in: folder)
        try expectSuccess(["batch", "issue", "--product", "TV-0002", "--lot", "KD-2026-11", "--units", "3",
                           "--produced", "2026-11-20", "--codes", "codes.csv"], in: folder)
        try expectSuccess(["label", "render", "--batch", "KD-2026-11"], in: folder)

        let codes = try String(contentsOf: folder.appendingPathComponent("codes.csv"), encoding: .utf8)
        let uris = codes.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(uris.count == 3)
        let labels = try FileManager.default.subpathsOfDirectory(atPath: folder.appendingPathComponent("Output").path)
            .filter { $0.hasSuffix(".png") }.sorted().map { folder.appendingPathComponent("Output/" + $0) }
        #expect(labels.count == 3)
        let byZbar = try labels.map { String(decoding: try QRDecoders.zbar($0), as: UTF8.self) }
        let byZxing = try QRDecoders.zxing(labels).map { String(decoding: $0, as: UTF8.self) }
        // The default 50 × 30 mm label carries the compact code (no signature, checked against the log).
        #expect(Set(byZbar) == Set(uris.map(CompactCodes.label)))
        #expect(Set(byZxing) == Set(uris.map(CompactCodes.label)))

        let (program, arguments) = Self.withoutToolchain(binary, ["serve", "--port", "0"])
        let server = try ServeProcess(program, arguments, environment: Self.cleanEnvironment(home: folder), in: folder)
        let health = try server.request("/healthz")
        #expect(health.status == 200)
        let answer = try JSONSerialization.jsonObject(with: Data(health.body.utf8)) as? [String: Any]
        #expect(answer?["status"] as? String == "ok", "\(health.body)")
        // A unit's page is drawn from the installed web templates.
        let page = try server.request(String(uris[0].dropFirst("https://id.example.vn".count)))
        #expect(page.status == 200)
        #expect(page.body.contains("Kẹo dừa Đại Phước"))
        #expect(server.stop() == 0)
    }

    @Test func theManPageIsValidAndFoundByMan() throws {
        let page = prefix.appendingPathComponent("share/man/man1/ocop-trace.1")
        let groff = try run(URL(fileURLWithPath: "/usr/bin/groff"), ["-mandoc", "-Tutf8", "-ww", "-z", page.path])
        #expect(groff.status == 0)
        #expect(groff.stderrText.isEmpty, "\(groff.stderrText)")
        // Plain text (-P-cbou: no overstruck bold or underline), as `man` would show it.
        let text = try run(URL(fileURLWithPath: "/usr/bin/groff"), ["-mandoc", "-Tutf8", "-P-cbou", page.path]).stdoutText
        #expect(text.contains("ocop-trace — Traceability codes"))
        for subcommand in ["serve", "label", "template", "batch"] {
            #expect(text.contains(subcommand), "the man page does not mention \(subcommand)")
        }
    }

    @Test func completionsAreWhereEachShellLooks() throws {
        let share = prefix.appendingPathComponent("share")
        let bash = share.appendingPathComponent("bash-completion/completions/ocop-trace")
        // bash-completion loads this file for `ocop-trace` and must then know the command.
        let loaded = try run(URL(fileURLWithPath: "/bin/bash"), ["-c", "source \"$0\" && complete -p ocop-trace", bash.path])
        #expect(loaded.status == 0, "\(loaded.stderrText)")
        #expect(loaded.stdoutText.contains(" -F _ocop-trace ocop-trace"), "\(loaded.stdoutText)")

        let zsh = try String(contentsOf: share.appendingPathComponent("zsh/site-functions/_ocop-trace"), encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef ocop-trace"))
        let fish = try String(contentsOf: share.appendingPathComponent("fish/vendor_completions.d/ocop-trace.fish"), encoding: .utf8)
        #expect(fish.contains("complete -c 'ocop-trace'") || fish.contains("complete -c ocop-trace"), "\(fish.prefix(300))")
        #expect(fish.contains("serve"))
    }

    @Test func theSystemdUnitVerifiesAgainstTheInstalledBinary() throws {
        let unit = prefix.appendingPathComponent("lib/systemd/system/ocop-trace-serve.service")
        let text = try String(contentsOf: unit, encoding: .utf8)
        #expect(text.contains("ExecStart=\(binary.path) serve "))
        // systemd-analyze checks the binary exists and `man ocop-trace` (Documentation=) resolves.
        var environment = ProcessInfo.processInfo.environment
        environment["MANPATH"] = prefix.appendingPathComponent("share/man").path
        let verify = try run(URL(fileURLWithPath: "/usr/bin/systemd-analyze"), ["verify", unit.path], environment: environment)
        #expect(verify.status == 0, "\(verify.stderrText)")
        #expect(verify.stderrText.isEmpty, "\(verify.stderrText)")
    }

    @Test func aFolderWithoutTemplatesBesideTheBinaryIsExit66() throws {
        let bare = try ProjectPaths.scratch("installed-bare")
        defer { try? FileManager.default.removeItem(at: bare) }
        try FileManager.default.createDirectory(at: bare.appendingPathComponent("bin"), withIntermediateDirectories: true)
        let copy = bare.appendingPathComponent("bin/ocop-trace")
        try FileManager.default.copyItem(at: binary, to: copy)

        let result = try run(copy, ["template", "list"], environment: Self.cleanEnvironment(home: bare), in: bare)
        #expect(result.status == 66)
        #expect(result.stderrText.contains(bare.appendingPathComponent("share/ocop-trace/Templates").path), "\(result.stderrText)")
    }

    /// Without Docker, the Dockerfile is checked by doing what it says: each stage's COPY and RUN
    /// steps into a scratch root, then its ENTRYPOINT and CMD with its ENV (paths under the root).
    @Test func theDockerfileStepsGiveAWorkingResolver() throws {
        let rootfs = try ProjectPaths.scratch("image-root")
        defer { try? FileManager.default.removeItem(at: rootfs) }
        let steps = try DockerfileSteps(ProjectPaths.root.appendingPathComponent("Dockerfile"))
        #expect(steps.stages.count == 2)
        let image = try steps.build(into: rootfs, context: ProjectPaths.root, hostEnvironment: Self.buildEnvironment)
        let binary = URL(fileURLWithPath: try #require(image.entrypoint.first))
        #expect(binary.path == rootfs.path + "/opt/ocop-trace/bin/ocop-trace")
        let environment = Self.cleanEnvironment(home: image.workdir).merging(image.environment) { $1 }
        let initialised = try run(binary, ["init", "--resolver", "id.example.vn"], environment: environment, in: image.workdir)
        #expect(initialised.status == 0, "\(initialised.stderrText)")
        #expect(FileManager.default.fileExists(atPath: rootfs.path + "/var/lib/ocop-trace/store/ocop-trace.sqlite"))

        // The CMD as written, on a free loopback port instead of 0.0.0.0:8080.
        var command = image.command
        let port = try #require(command.firstIndex(of: "--port")), host = try #require(command.firstIndex(of: "--host"))
        command[port + 1] = "0"
        command[host + 1] = "127.0.0.1"
        let server = try ServeProcess(binary, Array(image.entrypoint.dropFirst()) + command, environment: environment, in: image.workdir)
        #expect(try server.request("/healthz").status == 200)
        #expect(server.stop() == 0)
    }
}
