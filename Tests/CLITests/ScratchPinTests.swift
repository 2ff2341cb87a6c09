import Foundation
import TestSupport
import Testing

/// Scratch-off PINs through the CLI, on either engine: issued once into the codes file, checked
/// with `verify --pin` (first claim, then PIN_REUSED), never readable from the store or any
/// export, and drawn on labels whose QR still decodes.
@Suite struct ScratchPinTests {
    struct Unit { let uri: String, short: String, serial: String, pin: String }

    static func issueWithPins(_ fixture: StoreFixture, lot: String, units: Int) throws -> [Unit] {
        let path = fixture.folder.appendingPathComponent("pins-\(lot).csv").path
        try fixture.expectSuccess(["batch", "issue", "--product", "TV-0002", "--lot", lot, "--units", String(units), "--pins", "--codes", path])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "uri,short_code,serial,pin")
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",").map(String.init)
            return Unit(uri: cells[0], short: cells[1], serial: cells[2], pin: cells[3])
        }
    }

    @Test func firstClaimIsGenuineAndTheSecondIsPinReused() throws {
        let fixture = try StoreFixture("pins-claim")
        defer { fixture.remove() }
        let units = try Self.issueWithPins(fixture, lot: "PIN-1", units: 3)
        #expect(units.count == 3 && units.allSatisfy { $0.pin.count == 8 && $0.pin.allSatisfy(\.isNumber) })
        let codes = fixture.folder.appendingPathComponent("pins-PIN-1.csv").path
        #expect((try FileManager.default.attributesOfItem(atPath: codes)[.posixPermissions] as? Int) == 0o600)
        let pepper = fixture.keyFolder + "/pin-pepper.key"
        #expect((try FileManager.default.attributesOfItem(atPath: pepper)[.posixPermissions] as? Int) == 0o600)

        let unit = units[0]
        let first = try fixture.run(["verify", unit.uri, "--pin", unit.pin, "--json"])
        #expect(first.status == 0, "\(first.stdoutText) \(first.stderrText)")
        #expect(first.stdoutText.contains("\"verdict\" : \"GENUINE\""))
        #expect(first.stdoutText.contains("\"status\" : \"first_check\""))

        let second = try fixture.run(["verify", unit.short, "--pin", String(unit.pin.prefix(4)) + " " + String(unit.pin.suffix(4))])
        #expect(second.status == 17, "\(second.stdoutText)")
        #expect(second.stdoutText.contains("PIN_REUSED") || second.stdoutText.contains("possibly a copy"))
        #expect(second.stdoutText.contains("This PIN was already used on"))

        // The claim is a signed log entry; the chain and its seals still verify.
        let log = try fixture.expectSuccess(["log", "show", "--json"]).stdoutText
        #expect(log.components(separatedBy: "\"pin_claimed\"").count - 1 == 1)
        try fixture.expectSuccess(["log", "verify"])

        // Another unit's PIN, and a malformed one.
        let wrong = try fixture.run(["verify", units[1].uri, "--pin", unit.pin == units[1].pin ? "00000000" : unit.pin])
        #expect(wrong.status == 18)
        #expect(wrong.stdoutText.contains("Wrong PIN"))
        let malformed = try fixture.run(["verify", units[1].uri, "--pin", "12ab"])
        #expect(malformed.status == 65)
        #expect(malformed.stderrText.contains("pin: is 8 digits"))

        // A unit issued without PINs.
        let plain = try fixture.issue(lot: "NOPIN-1", units: 1)
        let none = try fixture.run(["verify", plain[0].uri, "--pin", "12345678"])
        #expect(none.status == 19)
        #expect(none.stdoutText.contains("without a PIN"))

        // scans report: the claimed unit, with its PIN column.
        let report = try fixture.expectSuccess(["scans", "report", "--batch", "PIN-1", "--json"]).stdoutText
        #expect(report.contains("\"pin_claimed\" : true"))
    }

    /// Whoever can write the database cannot swap a unit's PIN hash or drop a batch's PINs: each
    /// breaks the signed chain, and the verdict says TAMPERED instead of checking the PIN.
    @Test func editingThePinEntriesIsTampered() throws {
        for attack in ["swap", "drop"] {
            let fixture = try StoreFixture("pins-tamper-\(attack)")
            defer { fixture.remove() }
            let units = try Self.issueWithPins(fixture, lot: "PIN-T", units: 2)
            let unit = units[1]
            if attack == "swap" {
                // Another hash in place of the unit's (an attacker's own, for a PIN they chose).
                try fixture.sqlBypassingTriggers(
                    "UPDATE log SET payload = replace(payload, '\"\(unit.serial)\",\"', '\"\(unit.serial)\",\"ab') WHERE kind = 'pins_issued'")
            } else {
                try fixture.sqlBypassingTriggers("DELETE FROM log WHERE kind = 'pins_issued'")
            }
            let result = try fixture.run(["verify", unit.uri, "--pin", unit.pin])
            #expect(result.status == 15, "\(attack): \(result.stdoutText)")
            #expect(result.stdoutText.contains("TAMPERED"), "\(attack)")
            #expect(!result.stdoutText.contains("first check"), "\(attack)")
            #expect(try fixture.run(["log", "verify"]).status != 0, "\(attack)")
        }
    }

    @Test func pinsAreNeverReadableFromTheStoreOrAnyExport() throws {
        let fixture = try StoreFixture("pins-secret")
        defer { fixture.remove() }
        let units = try Self.issueWithPins(fixture, lot: "PIN-2", units: 40)
        try fixture.expectSuccess(["verify", units[0].uri, "--pin", units[0].pin])
        var texts = [
            try fixture.expectSuccess(["log", "show", "--json", "--limit", "100000"]).stdoutText,
            try fixture.expectSuccess(["export", "epcis", "--batch", "PIN-2"]).stdoutText,
            try fixture.expectSuccess(["export", "circular02"]).stdoutText,
            try fixture.expectSuccess(["batch", "codes", "PIN-2"]).stdoutText,
            try fixture.expectSuccess(["scans", "report", "--batch", "PIN-2", "--json"]).stdoutText,
        ]
        #expect(texts[0].contains("\"pins_issued\""))
        #expect(texts[3].hasPrefix("uri,short_code,serial\n"))
        if fixture.engine == .sqlite {
            // Every byte of the database file (and its WAL, if any), as text.
            for name in ["ocop-trace.sqlite", "ocop-trace.sqlite-wal"] {
                let path = fixture.store + "/" + name
                if let bytes = FileManager.default.contents(atPath: path) { texts.append(String(decoding: bytes, as: UTF8.self)) }
            }
        } else {
            texts.append(try fixture.sql("SELECT seq, kind, payload FROM log ORDER BY seq").stdoutText)
        }
        for unit in units {
            for (index, text) in texts.enumerated() {
                #expect(!text.contains(unit.pin), "the PIN of \(unit.serial) is readable in output \(index)")
            }
        }
    }

    @Test func aLabelWithAPinElementShowsThePinAndItsQRStillDecodes() throws {
        let fixture = try StoreFixture("pins-label")
        defer { fixture.remove() }
        let units = try Self.issueWithPins(fixture, lot: "PIN-3", units: 2)
        let codes = fixture.folder.appendingPathComponent("pins-PIN-3.csv").path
        let refused = try fixture.run(["label", "render", "--batch", "PIN-3", "--template", "product-label-50x30-pin", "--out", "Output"])
        #expect(refused.status != 0)
        #expect(refused.stderrText.contains("--codes FILE"))
        #expect(refused.stderrText.split(separator: "\n").count == 1)

        try fixture.expectSuccess(["label", "render", "--batch", "PIN-3", "--template", "product-label-50x30-pin", "--out", "Output",
                                   "--codes", codes])
        let folder = fixture.folder.appendingPathComponent("Output/TV-P002/TV-0002/PIN-3")
        let images = units.map { folder.appendingPathComponent("\($0.serial).png") }
        let zxing = try QRDecoders.zxing(images)
        // The 50 × 30 mm PIN label carries the compact code (no signature, checked against the log).
        for (unit, image) in zip(units, images) {
            #expect(String(decoding: try QRDecoders.zbar(image), as: UTF8.self) == CompactCodes.label(unit.uri))
        }
        #expect(zxing.map { String(decoding: $0, as: UTF8.self) } == units.map { CompactCodes.label($0.uri) })
        // The PIN and the hint are drawn: the text of the PDF (one page per unit) holds them.
        try fixture.expectSuccess(["label", "render", "--batch", "PIN-3", "--template", "product-label-50x30-pin", "--format", "pdf",
                                   "--out", "PDF", "--codes", codes])
        let pdfFolder = fixture.folder.appendingPathComponent("PDF/TV-P002/TV-0002/PIN-3")
        let pdf = try FileManager.default.contentsOfDirectory(atPath: pdfFolder.path).first { $0.hasSuffix(".pdf") }
        let text = try run(URL(fileURLWithPath: "/usr/bin/pdftotext"), [pdfFolder.appendingPathComponent(pdf ?? "none.pdf").path, "-"]).stdoutText
        #expect(text.contains("Cào lớp bạc / Scratch here"))
        for unit in units {
            #expect(text.contains(String(unit.pin.prefix(4)) + " " + String(unit.pin.suffix(4))), "\(unit.serial)'s PIN is not on its label")
        }
    }
}
