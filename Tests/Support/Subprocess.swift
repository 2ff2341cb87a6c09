import Foundation

/// The outcome of running a program: its exit status and everything it printed.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: Data
    public let stderr: Data

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

public struct SubprocessError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// Runs a program to completion, feeding `input` on stdin, and collects its output.
public func run(_ executable: URL, _ arguments: [String], input: Data? = nil,
                environment: [String: String]? = nil, in directory: URL? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = directory }
    let stdinPipe = Pipe(), stdoutPipe = Pipe(), stderrPipe = Pipe()
    process.standardInput = stdinPipe
    process.standardOutput = stdoutPipe
    process.standardError = stderrPipe
    try process.run()

    // Read both pipes concurrently so a chatty child never blocks on a full pipe.
    let group = DispatchGroup()
    nonisolated(unsafe) var errorData = Data()
    group.enter()
    DispatchQueue.global().async {
        errorData = stderrPipe.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    if let input { stdinPipe.fileHandleForWriting.write(input) }
    try? stdinPipe.fileHandleForWriting.close()
    let outputData = stdoutPipe.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: outputData, stderr: errorData)
}

/// Finds a program on PATH (plus the usual system folders), or nil.
public func which(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/bin"]
    for folder in folders {
        let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}

/// Runs the `ocop-trace` binary built by this package.
public func ocopTrace(_ arguments: [String], input: Data? = nil, environment: [String: String]? = nil,
                     in directory: URL? = nil) throws -> ProcessResult {
    try run(ProjectPaths.ocopTrace, arguments, input: input, environment: environment, in: directory)
}
