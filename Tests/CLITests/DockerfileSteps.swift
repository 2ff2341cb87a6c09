import Foundation
import TestSupport

/// The Dockerfile done without Docker, for a machine that has none: every stage's COPY and RUN
/// into one scratch root (the image's `/x` is `<root>/x`), the build context's `COPY . <dir>`
/// taken as the source tree itself (its `.build` makes the release build incremental). Stages
/// share the root, so `COPY --from=<stage> /a /a` finds what the earlier stage wrote there.
/// Supports the instructions this project's Dockerfile uses; any other is an error.
struct DockerfileSteps {
    struct Instruction {
        let keyword: String
        let arguments: String
    }

    /// What the last stage runs: ENTRYPOINT and CMD, with ENV and WORKDIR mapped into the root.
    struct Image {
        let entrypoint: [String]
        let command: [String]
        let environment: [String: String]
        let workdir: URL
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let stages: [[Instruction]]

    init(_ file: URL) throws {
        var stages: [[Instruction]] = []
        let text = try String(contentsOf: file, encoding: .utf8)
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            guard !line.hasSuffix("\\") else { throw Failure(description: "Dockerfile: continued lines are not supported: \(line)") }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            let instruction = Instruction(keyword: parts[0].uppercased(), arguments: parts.count > 1 ? parts[1] : "")
            if instruction.keyword == "FROM" { stages.append([]) }
            if stages.isEmpty { continue }  // ARGs before the first FROM only name the base images.
            stages[stages.count - 1].append(instruction)
        }
        self.stages = stages
    }

    /// Performs every stage into `root` and returns the final image's start command.
    /// `hostEnvironment` is what RUN steps get besides the Dockerfile's ENV (the toolchain's PATH).
    func build(into root: URL, context: URL, hostEnvironment: [String: String]) throws -> Image {
        var contextFolders: [String] = []  // image folders that `COPY . <dir>` filled with the context
        func under(_ base: URL, _ path: Substring) -> URL {
            let relative = path.drop { $0 == "/" }
            return relative.isEmpty ? base : base.appendingPathComponent(String(relative))
        }
        func place(_ path: String) -> URL {
            for folder in contextFolders where path == folder || path.hasPrefix(folder + "/") {
                return under(context, path.dropFirst(folder.count))
            }
            return under(root, Substring(path))
        }
        var image = Image(entrypoint: [], command: [], environment: [:], workdir: root)
        for stage in stages {
            var workdir = "/", environment: [String: String] = [:], entrypoint: [String] = [], command: [String] = []
            func absolute(_ path: String) -> String {
                URL(fileURLWithPath: path.hasPrefix("/") ? path : workdir + "/" + path).standardized.path
            }
            for instruction in stage {
                switch instruction.keyword {
                case "FROM", "ARG", "VOLUME", "USER", "EXPOSE", "STOPSIGNAL", "LABEL": continue
                case "WORKDIR":
                    workdir = absolute(instruction.arguments)
                    try FileManager.default.createDirectory(at: place(workdir), withIntermediateDirectories: true)
                case "ENV":
                    let pair = instruction.arguments.split(separator: "=", maxSplits: 1).map(String.init)
                    guard pair.count == 2 else { throw Failure(description: "Dockerfile: ENV \(instruction.arguments) is not NAME=value") }
                    environment[pair[0]] = pair[1].hasPrefix("/") ? place(pair[1]).path : pair[1]
                case "COPY":
                    var words = instruction.arguments.split(separator: " ").map(String.init)
                    let fromStage = words.first?.hasPrefix("--from=") == true
                    if fromStage { words.removeFirst() }
                    guard words.count == 2 else { throw Failure(description: "Dockerfile: COPY \(instruction.arguments) is not one source and one destination") }
                    let destination = absolute(words[1])
                    if words[0] == "." && !fromStage {
                        contextFolders.append(destination == "/" ? "" : destination)
                        continue
                    }
                    let source = fromStage ? place(words[0]) : context.appendingPathComponent(words[0])
                    let target = place(destination)
                    guard source.standardizedFileURL != target.standardizedFileURL else { continue }
                    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try? FileManager.default.removeItem(at: target)
                    try FileManager.default.copyItem(at: source, to: target)
                case "RUN":
                    var arguments = try Self.execForm(instruction)
                    if arguments[0].contains("/") { arguments[0] = place(absolute(arguments[0])).path }
                    let environment = hostEnvironment.merging(environment) { $1 }.merging(["OCOP_IMAGE_ROOT": root.path]) { $1 }
                    let result = try run(URL(fileURLWithPath: arguments[0]), Array(arguments.dropFirst()),
                                         environment: environment, in: place(workdir))
                    guard result.status == 0 else {
                        throw Failure(description: "RUN \(instruction.arguments) exited \(result.status): \(result.stderrText.suffix(2000))")
                    }
                case "ENTRYPOINT": entrypoint = try Self.execForm(instruction)
                case "CMD": command = try Self.execForm(instruction)
                default: throw Failure(description: "Dockerfile: \(instruction.keyword) is not supported by this test")
                }
            }
            if let program = entrypoint.first { entrypoint[0] = place(program).path }
            image = Image(entrypoint: entrypoint, command: command, environment: environment, workdir: place(workdir))
        }
        return image
    }

    /// `["program", "argument", …]`: the only form this project's Dockerfile uses (no shell).
    static func execForm(_ instruction: Instruction) throws -> [String] {
        guard let words = try? JSONDecoder().decode([String].self, from: Data(instruction.arguments.utf8)), !words.isEmpty else {
            throw Failure(description: "Dockerfile: \(instruction.keyword) \(instruction.arguments) is not in exec form")
        }
        return words
    }
}
