import ArgumentParser
import Foundation
import OCOPFailure
import OCOPQR
import OCOPRender

extension ErrorCorrection: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(letter: argument)
    }
}

extension QRFileFormat: ExpressibleByArgument {}

struct QRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Render one payload (a URI or any text) as a QR code in PNG or SVG.",
        discussion: """
        The payload is encoded byte for byte: UTF-8 text such as "Bánh tét lá cẩm" comes back \
        exactly from any scanner. Every module is a whole number of pixels and the quiet zone is \
        4 modules unless --margin says otherwise.

        Examples:
          ocop-trace qr 'https://id.example.vn/01/09521234500001/10/L1/21/7Q2K9XW3' \\
              --out Output/unit.png
          ocop-trace qr 'Bánh tét lá cẩm' --out Output/banh-tet.svg --dpi 600
          printf '%s' "$URI" | ocop-trace qr --stdin --out Output/code.png --ec Q
          ocop-trace qr --batch payloads.txt --out-dir Output/qr        # 0001.png, 0002.png, …
          ocop-trace qr --batch codes.csv --name-field 3 --out-dir Output/qr   # <serial>.png

        --batch reads one payload per line (empty lines are skipped) and writes one file per \
        payload into --out-dir, numbered in input order (0001.png, …), on every core; the files \
        are the same bytes whatever --threads says. With --name-field N each line is split at \
        commas: field 1 is the payload and field N the file name (without extension); a first \
        line `uri,short_code,serial` (the header of `batch issue --codes`) is skipped.
        """
    )

    @Argument(help: "Text to encode. Omit it and pass --stdin to read the payload from standard input.")
    var payload: String?

    @Flag(help: "Read the payload from standard input (one trailing newline is dropped).")
    var stdin = false

    @Option(help: ArgumentHelp("File to write; written to a temporary file and renamed into place.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Render every line of this file (one payload per line) into --out-dir.", valueName: "file"))
    var batch: String?

    @Option(name: .customLong("out-dir"), help: ArgumentHelp("Folder for --batch files (created if missing).", valueName: "dir"))
    var outDir: String?

    @Option(name: .customLong("name-field"), help: ArgumentHelp("With --batch: lines are comma-separated, payload in field 1, file name in field N.", valueName: "n"))
    var nameField: Int?

    @Option(help: "With --batch: worker threads (default: every core).")
    var threads: Int?

    @Option(help: "PNG zlib level 0-9 (default 6, libpng's; 1 is faster and larger).")
    var zlib: Int?

    @Option(help: "png or svg (default: from the --out extension, else png).")
    var format: QRFileFormat?

    @Option(help: "Error correction: L (7%), M (15%), Q (25%) or H (30%).")
    var ec: ErrorCorrection = .medium

    @Option(name: .customLong("module-px"), help: "Pixels per module (1-100).")
    var modulePixels = 8

    @Option(help: "Quiet zone in modules; below 4 scanners may fail.")
    var margin = QRRenderOptions.standardMargin

    @Option(help: "Print resolution written into the PNG (pHYs) and used for the SVG's size in mm.")
    var dpi: Double = 300

    @Option(name: .customLong("min-version"), help: "Smallest QR version to use (1-40); 0 picks the smallest that fits.")
    var minVersion = 0

    @Option(name: .customLong("bit-depth"), help: "PNG pixels: 1 (1-bit gray), 8 (8-bit gray) or palette.")
    var pixelFormat: QRRenderOptions.PixelFormat = .gray1

    func validate() throws {
        if batch != nil {
            if payload != nil || stdin { throw ValidationError("payload: --batch reads payloads from its file; give no payload or --stdin") }
            if out != nil { throw ValidationError("out: --batch writes into --out-dir; --out is for one payload") }
            if outDir == nil { throw ValidationError("out-dir: missing; --batch needs --out-dir DIR") }
            if let nameField, nameField < 2 { throw ValidationError("name-field: \(nameField) must be 2 or more (field 1 is the payload)") }
            if let threads, !(1...256).contains(threads) { throw ValidationError("threads: \(threads) is out of range; use 1 to 256") }
            return
        }
        if outDir != nil || nameField != nil || threads != nil {
            throw ValidationError("out-dir: --out-dir, --name-field and --threads go with --batch FILE")
        }
        if payload != nil && stdin {
            throw ValidationError("payload: give it as an argument or with --stdin, not both")
        }
        if payload == nil && !stdin {
            throw ValidationError("payload: missing; give it as an argument or pass --stdin")
        }
        if out == nil {
            throw ValidationError("out: missing; give --out FILE (or --batch FILE --out-dir DIR)")
        }
    }

    func run() throws {
        let options = QRRenderOptions(modulePixels: modulePixels, margin: margin, dpi: dpi, pixelFormat: pixelFormat)
        let renderer = try QRRenderer(options: options, compressionLevel: zlib)
        if let batch, let outDir {
            return try runBatch(batch, outDir: outDir, renderer: renderer)
        }
        guard let out else { throw ValidationError("out: missing; give --out FILE (or --batch FILE --out-dir DIR)") }
        let bytes = try readPayload()
        let matrix = try QREncoder(errorCorrection: ec, minimumVersion: minVersion).encode(bytes: bytes)
        if margin < QRRenderOptions.standardMargin {
            FileHandle.standardError.write(Data("ocop-trace: warning: margin: \(margin) modules is below the 4-module quiet zone; some scanners will fail\n".utf8))
        }
        let fileFormat = format ?? QRFileFormat(path: out) ?? .png
        try renderer.write(matrix, format: fileFormat, to: out)
        let side = fileFormat == .png ? "\(options.imageSide(forModules: matrix.size)) px" : "\(matrix.size + 2 * margin) modules"
        print("\(out): QR version \(matrix.version)-\(ec.rawValue), \(matrix.size)×\(matrix.size) modules, \(side), \(bytes.count) bytes")
    }

    /// Units per round: bounds memory (payloads held at once) for files of any length.
    static let batchChunk = 4096

    private func runBatch(_ path: String, outDir: String, renderer: QRRenderer) throws {
        if margin < QRRenderOptions.standardMargin {
            FileHandle.standardError.write(Data("ocop-trace: warning: margin: \(margin) modules is below the 4-module quiet zone; some scanners will fail\n".utf8))
        }
        let fileFormat = format ?? .png
        // First pass: count payloads, so numbered names all have the same width.
        guard let counter = LineReader(path: path) else {
            throw CLIError(message: "batch: cannot read \(path): \(String(cString: strerror(errno)).lowercased())", exitCode: OCOPExit.io)
        }
        var total = 0
        while let line = counter.next() { if !line.isEmpty { total += 1 } }
        if counter.failed { throw CLIError(message: "batch: cannot read \(path)", exitCode: OCOPExit.io) }
        guard total > 0 else { throw CLIError(message: "batch: \(path) holds no payload", exitCode: OCOPExit.data) }

        do {
            try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        } catch {
            throw CLIError(message: "out-dir: cannot create \(outDir): \(error.localizedDescription)", exitCode: OCOPExit.cannotCreate)
        }
        let width = max(4, String(total).count)
        let writer = QRBatchWriter(renderer: renderer, encoder: QREncoder(errorCorrection: ec, minimumVersion: minVersion),
                                   format: fileFormat, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        guard let reader = LineReader(path: path) else {
            throw CLIError(message: "batch: cannot read \(path)", exitCode: OCOPExit.io)
        }
        var summary = QRBatchWriter.Summary()
        var number = 0
        var names = Set<String>()
        var chunk: [QRBatchItem] = []
        chunk.reserveCapacity(Self.batchChunk)
        func flush() throws {
            guard !chunk.isEmpty else { return }
            let part: QRBatchWriter.Summary
            do {
                part = try writer.write(chunk, to: outDir)
            } catch {
                // An unwritable file names its path; other failures name the input line.
                if case .rendering(_, .unwritable) = error { throw error }
                throw CLIError(message: "batch: \(error.description)", exitCode: error.exitCode)
            }
            summary.files += part.files
            summary.bytes += part.bytes
            summary.minVersion = min(summary.minVersion, part.minVersion)
            summary.maxVersion = max(summary.maxVersion, part.maxVersion)
            chunk.removeAll(keepingCapacity: true)
        }
        while let line = reader.next() {
            if line.isEmpty { continue }
            let item: QRBatchItem
            if let nameField {
                let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                if reader.lineNumber == 1 && line == Array("uri,short_code,serial".utf8) { continue }
                guard fields.count >= nameField, !fields[0].isEmpty else {
                    throw CLIError(message: "batch: line \(reader.lineNumber): no field \(nameField) (name-field) or no payload in field 1", exitCode: OCOPExit.data)
                }
                let name = String(decoding: fields[nameField - 1], as: UTF8.self)
                guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                    throw CLIError(message: "batch: line \(reader.lineNumber): '\(name)' cannot be a file name", exitCode: OCOPExit.data)
                }
                guard names.insert(name).inserted else {
                    throw CLIError(message: "batch: line \(reader.lineNumber): file name '\(name)' repeats an earlier line", exitCode: OCOPExit.data)
                }
                item = QRBatchItem(payload: Array(fields[0]), name: "\(name).\(fileFormat.rawValue)", line: reader.lineNumber)
            } else {
                number += 1
                var digits = String(number)
                digits = String(repeating: "0", count: max(0, width - digits.count)) + digits
                item = QRBatchItem(payload: line, name: "\(digits).\(fileFormat.rawValue)", line: reader.lineNumber)
            }
            chunk.append(item)
            if chunk.count == Self.batchChunk { try flush() }
        }
        try flush()
        if reader.failed { throw CLIError(message: "batch: cannot read \(path)", exitCode: OCOPExit.io) }
        do {
            try AtomicFile.syncFolder(outDir)
        } catch {
            throw CLIError(message: error.description, exitCode: OCOPExit.cannotCreate)
        }
        let versions = summary.minVersion == summary.maxVersion ? "\(summary.maxVersion)" : "\(summary.minVersion)-\(summary.maxVersion)"
        print("\(outDir): \(summary.files) QR codes (version \(versions)-\(ec.rawValue)), \(summary.bytes) bytes")
    }

    private func readPayload() throws -> [UInt8] {
        guard stdin else { return Array((payload ?? "").utf8) }
        var bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        if bytes.last == 0x0A {
            bytes.removeLast()
            if bytes.last == 0x0D { bytes.removeLast() }
        }
        return bytes
    }
}

extension QRRenderOptions.PixelFormat: ExpressibleByArgument {}
