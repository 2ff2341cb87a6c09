import ArgumentParser
import Foundation
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
        """
    )

    @Argument(help: "Text to encode. Omit it and pass --stdin to read the payload from standard input.")
    var payload: String?

    @Flag(help: "Read the payload from standard input (one trailing newline is dropped).")
    var stdin = false

    @Option(help: ArgumentHelp("File to write; written to a temporary file and renamed into place.", valueName: "file"))
    var out: String

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
        if payload != nil && stdin {
            throw ValidationError("payload: give it as an argument or with --stdin, not both")
        }
        if payload == nil && !stdin {
            throw ValidationError("payload: missing; give it as an argument or pass --stdin")
        }
    }

    func run() throws {
        let bytes = try readPayload()
        let options = QRRenderOptions(modulePixels: modulePixels, margin: margin, dpi: dpi, pixelFormat: pixelFormat)
        let renderer: QRRenderer
        do {
            renderer = try QRRenderer(options: options)
        } catch {
            throw CLIError(message: error.description, exitCode: OCOPExit.usage)
        }
        let matrix: QRMatrix
        do {
            matrix = try QREncoder(errorCorrection: ec, minimumVersion: minVersion).encode(bytes: bytes)
        } catch {
            let code = error == .encoderFailed(errno: 0) ? OCOPExit.software : OCOPExit.data
            throw CLIError(message: error.description, exitCode: code)
        }
        if margin < QRRenderOptions.standardMargin {
            FileHandle.standardError.write(Data("ocop-trace: warning: margin: \(margin) modules is below the 4-module quiet zone; some scanners will fail\n".utf8))
        }
        let fileFormat = format ?? QRFileFormat(path: out) ?? .png
        do {
            try renderer.write(matrix, format: fileFormat, to: out)
        } catch {
            if case .unwritable = error { throw CLIError(message: error.description, exitCode: OCOPExit.cannotCreate) }
            throw CLIError(message: error.description, exitCode: OCOPExit.software)
        }
        let side = fileFormat == .png ? "\(options.imageSide(forModules: matrix.size)) px" : "\(matrix.size + 2 * margin) modules"
        print("\(out): QR version \(matrix.version)-\(ec.rawValue), \(matrix.size)×\(matrix.size) modules, \(side), \(bytes.count) bytes")
    }

    private func readPayload() throws -> [UInt8] {
        guard stdin else { return Array(payload!.utf8) }
        var bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        if bytes.last == 0x0A {
            bytes.removeLast()
            if bytes.last == 0x0D { bytes.removeLast() }
        }
        return bytes
    }
}

extension QRRenderOptions.PixelFormat: ExpressibleByArgument {}
