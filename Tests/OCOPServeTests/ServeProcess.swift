import Foundation
import TestSupport

/// A real `ocop-trace serve` process on a free port, for tests of what only a process shows:
/// signals, exit codes, a database that goes away.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    private let stderrFile: URL

    /// Starts `serve` with `arguments` (the store among them) and waits until it listens.
    init(_ arguments: [String], scratch: URL) throws {
        stderrFile = scratch.appendingPathComponent("serve-\(UUID().uuidString.prefix(6)).err")
        guard FileManager.default.createFile(atPath: stderrFile.path, contents: nil) else {
            throw SubprocessError(description: "cannot create \(stderrFile.path)")
        }
        let output = Pipe()
        process.executableURL = ProjectPaths.ocopTrace
        process.arguments = ["serve", "--port", "0"] + arguments
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
        // The first line of standard output names the port.
        var line = Data()
        let reader = output.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = reader.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: #":(\d+)/ for codes"#, options: .regularExpression),
              let port = Int(text[range].dropFirst().prefix { $0.isNumber }) else {
            process.terminate()
            let errors = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
            throw SubprocessError(description: "serve did not start: \(text) \(errors)")
        }
        self.port = port
        // Keep draining standard output so the server never blocks on a full pipe.
        DispatchQueue.global().async { _ = reader.readDataToEndOfFile() }
    }

    var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// GET (or another method) through curl: the status (0 when no answer came) and the body.
    func request(_ path: String, headers: [String] = [], maxTime: Double = 10, extra: [String] = [])
        throws -> (status: Int, body: String, seconds: Double) {
        let started = Date()
        var arguments = ["-s", "-o", "-", "-w", "\n%{http_code}", "--max-time", String(maxTime)]
        for header in headers { arguments += ["-H", header] }
        arguments += extra + ["http://127.0.0.1:\(port)\(path)"]
        let result = try run(which("curl")!, arguments)
        var text = result.stdoutText
        let statusLine = text.split(separator: "\n").last.map(String.init) ?? "0"
        if let cut = text.range(of: "\n" + statusLine, options: .backwards) { text = String(text[..<cut.lowerBound]) }
        return (Int(statusLine) ?? 0, text, Date().timeIntervalSince(started))
    }

    /// Sends `signal` and waits up to `timeout` seconds; the exit status, nil when still running.
    func stop(signal: Int32 = SIGTERM, timeout: Double = 10) -> (status: Int32, seconds: Double)? {
        let started = Date()
        kill(process.processIdentifier, signal)
        while process.isRunning, Date().timeIntervalSince(started) < timeout { usleep(20_000) }
        guard !process.isRunning else { return nil }
        return (process.terminationStatus, Date().timeIntervalSince(started))
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// A PostgreSQL server of one test's own (as scripts/postgres-test.sh starts them), so the test
/// may restart and stop it without disturbing the server other tests share.
final class ThrowAwayPostgres: @unchecked Sendable {
    let folder: URL
    let port: Int
    private let bin: String
    private let asServerUser: [String]

    init() throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }).last else {
            throw SubprocessError(description: "PostgreSQL is missing: run `make test` (it installs postgresql)")
        }
        bin = "/usr/lib/postgresql/\(version)/bin"
        folder = URL(fileURLWithPath: "/tmp/ocop-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        asServerUser = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        if getuid() == 0 {
            _ = try run(URL(fileURLWithPath: "/bin/chown"), ["-R", "postgres", folder.path])
        }
        port = Self.freePort()
        let initdb = try command("\(bin)/initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"])
        guard initdb.status == 0 else { throw SubprocessError(description: "initdb: \(initdb.stderrText)") }
        try start()
    }

    var data: String { folder.appendingPathComponent("data").path }
    var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }

    private func command(_ program: String, _ arguments: [String]) throws -> ProcessResult {
        if asServerUser.isEmpty { return try run(URL(fileURLWithPath: program), arguments) }
        return try run(URL(fileURLWithPath: asServerUser[0]), Array(asServerUser.dropFirst()) + [program] + arguments)
    }

    /// pg_ctl start and restart: the server they leave running inherits standard output, so
    /// nothing is captured (a pipe would never reach its end); the log goes to server.log.
    private func serverControl(_ arguments: [String]) throws -> Int32 {
        // posix_spawn and waitpid: Foundation's Process can miss the exit of a child whose own
        // child (the server) lives on.
        let full = asServerUser + ["\(bin)/pg_ctl"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var argv: [UnsafeMutablePointer<CChar>?] = full.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, full[0], &actions, nil, &argv, environ) == 0 else {
            throw SubprocessError(description: "cannot start \(full[0])")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    private var options: String { "-c listen_addresses=127.0.0.1 -p \(port) -c unix_socket_directories=\(folder.path)" }

    func start() throws {
        let status = try serverControl(["-D", data, "-l", folder.path + "/server.log", "-w", "-t", "60", "-o", options, "start"])
        guard status == 0 else { throw SubprocessError(description: "pg_ctl start: exit \(status), see \(folder.path)/server.log") }
    }

    func restart() throws {
        let status = try serverControl(["-D", data, "-l", folder.path + "/server.log", "-w", "-t", "60", "-m", "fast",
                                        "-o", options, "restart"])
        guard status == 0 else { throw SubprocessError(description: "pg_ctl restart: exit \(status)") }
    }

    func stop() throws {
        let result = try command("\(bin)/pg_ctl", ["-D", data, "-w", "-m", "fast", "stop"])
        guard result.status == 0 else { throw SubprocessError(description: "pg_ctl stop: \(result.stderrText)") }
    }

    deinit {
        _ = try? command("\(bin)/pg_ctl", ["-D", data, "-m", "immediate", "stop"])
        try? FileManager.default.removeItem(at: folder)
    }

    static func freePort() -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
