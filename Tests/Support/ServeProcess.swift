import Foundation

/// A real `ocop-trace serve` process on a free port, for tests that talk to the resolver the
/// way a phone does (over HTTP, through curl) while other commands change the store.
public final class ServeProcess: @unchecked Sendable {
    public let process: Process
    public let port: Int
    private let output: Pipe
    private let errors: Pipe

    /// Starts `serve --port 0` on the fixture's store and waits (up to 30 s) for its "listening" line.
    public convenience init(_ fixture: StoreFixture, arguments: [String] = []) throws {
        try self.init(ProjectPaths.ocopTrace, ["serve", "--port", "0", "--store", fixture.store] + arguments,
                      environment: fixture.environment, in: fixture.folder)
    }

    /// Starts `executable` with `arguments` (a `serve` on a free port) and waits (up to 30 s) for
    /// its "listening" line: another binary (an installed one), its own environment and folder.
    public init(_ executable: URL, _ arguments: [String], environment: [String: String], in folder: URL) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = folder
        output = Pipe()
        errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var text = ""
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { Thread.sleep(forTimeInterval: 0.05); continue }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: #"listening on http://[^ ]+:(\d+)/"#, options: .regularExpression) {
                found = Int(text[range].split(separator: ":").last!.dropLast())
            }
        }
        guard let found else {
            process.terminate()
            let stderr = String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
            throw SubprocessError(description: "serve did not start: \(text) \(stderr)")
        }
        port = found
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    public var base: String { "http://127.0.0.1:\(port)" }

    /// A GET (or another method) through curl: the status and the body.
    /// `body` is sent as is (from a file, so it may be large), as JSON.
    public func request(_ path: String, method: String = "GET", accept: String? = nil,
                        form: [(String, String)] = [], headers: [String] = [], body: Data? = nil) throws -> (status: Int, body: String) {
        guard let curl = which("curl") else { throw SubprocessError(description: "curl is missing: run `make test`") }
        var arguments = ["-s", "-S", "--max-time", "20", "-o", "-", "-w", "\n%{http_code}", "-X", method]
        if let accept { arguments += ["-H", "Accept: \(accept)"] }
        for header in headers { arguments += ["-H", header] }
        for (name, value) in form { arguments += ["--form-string", "\(name)=\(value)"] }
        var bodyFile: URL?
        if let body {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("ocop-body-\(UUID().uuidString)")
            try body.write(to: file)
            bodyFile = file
            arguments += ["-H", "Content-Type: application/json", "--data-binary", "@" + file.path]
        }
        defer { if let bodyFile { try? FileManager.default.removeItem(at: bodyFile) } }
        let result = try run(curl, arguments + [base + path])
        var text = result.stdoutText
        guard let newline = text.lastIndex(of: "\n"), let status = Int(text[text.index(after: newline)...]) else {
            throw SubprocessError(description: "curl \(path): \(result.stderrText)")
        }
        text = String(text[..<newline])
        return (status, text)
    }

    /// Sends SIGTERM and waits for the process to end; returns its exit status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
