import Foundation
import TestSupport
import Testing

/// Issue 15's phone-capture simulation, small and seeded: `scripts/capture-sim.sh` (what
/// `make capture` runs with 1,000 captures a template and scale) over every shipped label template
/// with a QR code, the star stamp included, at 1.0 and 0.6 of 300 dpi. A capture counts when both
/// zxing-cpp and zbar read the unit's code exactly as the codes file has it. A missing decoder
/// stops the script, and so fails here.
@Suite struct CaptureSimulationTests {
    /// Captures a template and scale: 25 labels, 2 captures each.
    static let units = 25
    static let captures = 2

    /// The bars. At 1.0 every capture is read; at 0.6, issue 15's goal of 99.9 %: of 50 captures at
    /// most one may be missed. A template that misses the goal in `make capture` may be given a
    /// floor here instead (its rate there less four standard deviations of a 50-capture sample);
    /// today none needs one.
    static let floors: [Double: [String: Double]] = [:]

    struct Row: Decodable {
        let template: String
        let scale: Double
        let captures: Int
        let both: Int
        var rate: Double { Double(both) / Double(captures) }
    }

    struct Report: Decodable {
        let results: [Row]
    }

    /// The shipped label templates that carry a QR code, read from their JSON here and not from the
    /// script, so a template the script passes over is noticed.
    static func labelTemplatesWithQR() throws -> Set<String> {
        let folder = ProjectPaths.root.appendingPathComponent("Templates")
        var names: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        where file.pathExtension == "json" {
            let template = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
            let elements = template?["elements"] as? [[String: Any]] ?? []
            if template?["kind"] as? String == "label", elements.contains(where: { $0["type"] as? String == "qr" }) {
                names.insert(file.deletingPathExtension().lastPathComponent)
            }
        }
        return names
    }

    /// Runs the driver with the debug binary; `options` go to capture-sim.py.
    static func simulate(scales: String, units: Int = units, captures: Int = captures, options: [String] = []) throws -> [Row] {
        let out = try ProjectPaths.scratch("capture-sim")
        defer { try? FileManager.default.removeItem(at: out) }
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHON"] = try QRDecoders.zxingPython().path
        environment["UNITS"] = String(units)
        environment["CAPTURES"] = String(captures)
        environment["SCALES"] = scales
        environment["SEED"] = "15"
        environment["OUT"] = out.path
        guard let bash = which("bash") else { throw SubprocessError(description: "bash is missing") }
        let script = ProjectPaths.root.appendingPathComponent("scripts/capture-sim.sh")
        let result = try run(bash, [script.path, ProjectPaths.ocopTrace.path] + options, environment: environment)
        guard result.status == 0 else {
            throw SubprocessError(description: "capture-sim.sh exited \(result.status): \(result.stderrText)")
        }
        return try JSONDecoder().decode(Report.self, from: Data(contentsOf: out.appendingPathComponent("capture.json"))).results
    }

    /// What misses the bar: at 1.0 every capture must be read; at 0.6 the goal; or a template's floor.
    static func missed(_ rows: [Row]) -> [String] {
        rows.compactMap { row in
            let met: Bool
            if let floor = floors[row.scale]?[row.template] {
                met = row.rate >= floor
            } else {
                met = row.both >= row.captures - (row.scale == 1.0 ? 0 : 1)
            }
            return met ? nil : "\(row.template) at \(row.scale): \(row.both) of \(row.captures)"
        }
    }

    @Test func everyShippedLabelTemplateIsReadWhenCaptured() throws {
        let rows = try Self.simulate(scales: "1.0,0.6")
        #expect(Set(rows.map(\.template)) == (try Self.labelTemplatesWithQR()))
        #expect(rows.count == 2 * Set(rows.map(\.template)).count)
        #expect(rows.allSatisfy { $0.captures == Self.units * Self.captures })
        #expect(Self.missed(rows).isEmpty, "\(Self.missed(rows))")
    }

    /// The bar bites: captures out of focus (sigma 1.5 px at 0.6) miss it on every template that has one.
    @Test func outOfFocusCapturesMissTheBar() throws {
        let rows = try Self.simulate(scales: "0.6", units: 10, captures: 1, options: ["--blur", "1.5,1.5"])
        let barred = Set(rows.map(\.template).filter { Self.floors[0.6]?[$0] != 0 })
        #expect(barred.count >= rows.count - 1)
        #expect(Set(Self.missed(rows).map { $0.components(separatedBy: " ")[0] }) == barred)
    }
}
