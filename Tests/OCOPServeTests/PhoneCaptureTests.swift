import Foundation
import HummingbirdTesting
import OCOPLabel
import OCOPPNG
@testable import OCOPServe
import Testing
import TestSupport

/// `/verify` as shops use it: phone photos of shipped labels (perspective, turned up to 15°,
/// blurred, noisy, faded, glare, JPEG quality 60; one HEIC; 12 MP ones) must be read to the right
/// unit verdict, at least 19 of 20. The photos are made here from labels rendered with the shipped
/// templates, by `scripts/phone-photo.py` (Pillow, and heif-enc for the HEIC), seeded.
@Suite(.serialized) struct PhoneCaptureTests {
    /// One photo to make: the unit, its expected verdict, the label template and the photo's form.
    struct Shot {
        let uri: String
        let verdict: String
        let template: String
        let file: String
        let width: Int
        let height: Int
        let quality: Int
    }

    static func shots(_ fixture: ServeFixture) -> [Shot] {
        let units = [(fixture.genuine, "GENUINE"), (fixture.sold, "ALREADY_SOLD"), (fixture.recalled, "RECALLED"),
                     (fixture.lapsed, "RATING_LAPSED"), (fixture.unknown, "UNKNOWN")]
        return (0..<20).map { index in
            let (uri, verdict) = units[index % units.count]
            let template = index % 2 == 0 ? "product-label-50x30" : "product-label-48x27"
            switch index {
            // 12 MP as phones take them: one at quality 97 (over 5 MB), one at 60.
            case 0: return Shot(uri: uri, verdict: verdict, template: template, file: "photo-00.jpg", width: 4000, height: 3000, quality: 97)
            case 1: return Shot(uri: uri, verdict: verdict, template: template, file: "photo-01.jpg", width: 4000, height: 3000, quality: 60)
            case 2: return Shot(uri: uri, verdict: verdict, template: template, file: "photo-02.heic", width: 2000, height: 1500, quality: 60)
            default:
                let (width, height) = index % 3 == 0 ? (1600, 1200) : (2000, 1500)
                return Shot(uri: uri, verdict: verdict, template: template, file: String(format: "photo-%02d.jpg", index),
                            width: width, height: height, quality: 60)
            }
        }
    }

    /// Renders each shot's label at 600 dpi and turns it into a photo; returns the photos' bytes.
    static func photos(_ shots: [Shot], in folder: URL) throws -> [[UInt8]] {
        let library = TemplateLibrary(folder: ProjectPaths.root.appendingPathComponent("Templates"))
        var jobs = ""
        for (index, shot) in shots.enumerated() {
            var data = LabelData.sample
            data.unit = LabelData.Unit(serial: "S\(index)", shortCode: "7Q2K-9XW3-M", uri: shot.uri)
            let png = try LabelRenderer(try library.label(named: shot.template), dpi: 600).png(data)
            let label = folder.appendingPathComponent("label-\(index).png")
            try Data(png).write(to: label)
            jobs += "\(label.path) \(folder.appendingPathComponent(shot.file).path) \(1000 + index) \(shot.width) \(shot.height) \(shot.quality)\n"
        }
        let script = ProjectPaths.root.appendingPathComponent("scripts/phone-photo.py")
        let result = try run(try QRDecoders.zxingPython(), [script.path], input: Data(jobs.utf8))
        guard result.status == 0 else { throw FixtureError(message: "phone-photo.py failed: \(result.stderrText)") }
        return try shots.map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0.file))) }
    }

    @Test func twentyPhonePhotosOfShippedLabelsDecodeToTheirVerdicts() async throws {
        let fixture = try ServeFixture("serve-phone-photos")
        defer { fixture.remove() }
        let shots = Self.shots(fixture)
        let photos = try Self.photos(shots, in: fixture.folder)
        #expect(photos[0].count > 5 * 1024 * 1024, "the 12 MP photo must be over the old 5 MB cap: \(photos[0].count) B")
        #expect(photos[0].count < 15 * 1024 * 1024)
        #expect(HEICImage.isHEIF(photos[2]))

        let capture = LogCapture()
        let app = try fixture.app { $0.accessLog = capture.logger }
        let (right, wrong) = try await app.test(.router) { client in
            var right: [String] = [], wrong: [String] = []
            for (shot, photo) in zip(shots, photos) {
                let (type, body) = ResolverTests.multipart([("label", shot.file, photo)])
                let response = try await client.execute(uri: "/verify", method: .post,
                                                        headers: .with([("Content-Type", type), ("Accept", "application/json")]), body: body)
                let text = String(buffer: response.body)
                if response.status == .ok, text.contains("\"verdict\" : \"\(shot.verdict)\"") {
                    right.append(shot.file)
                } else {
                    wrong.append("\(shot.file) (\(response.status.code) \(text.prefix(160)))")
                }
            }
            return (right, wrong)
        }
        let decodes = capture.records.filter { $0.message == "request" }.compactMap { record -> (String, Double)? in
            guard let pass = record.metadata["label_decode"], let ms = record.metadata["label_decode_ms"].flatMap(Double.init) else { return nil }
            return (pass, ms)
        }
        for (shot, decode) in zip(shots, decodes) {
            print("phone photo \(shot.file) \(shot.width)×\(shot.height): \(decode.0), \(Int(decode.1)) ms")
        }
        let firstPass = decodes.filter { $0.0 == "first" }.count
        let secondPass = decodes.filter { $0.0 != "first" && $0.0 != "none" }
        let times = decodes.map(\.1).sorted()
        print("""
            phone photos: \(right.count) of \(shots.count) read to the right verdict; \
            first pass \(firstPass), second pass \(secondPass.count) \(secondPass.map(\.0)), failed \(wrong); \
            decode ms median \(times.isEmpty ? 0 : times[times.count / 2]), max \(times.last ?? 0)
            """)
        #expect(decodes.count == shots.count, "every upload's decode is in the access log")
        #expect(right.count >= 19, "read to the right verdict: \(right.count) of 20; failed: \(wrong)")
    }

    @Test func aHEICThatIsNotAnImageIs422() async throws {
        let fixture = try ServeFixture("serve-bad-heic")
        defer { fixture.remove() }
        // An ISO media file typed HEIC (ftyp box, brands heic and mif1) with no image in it.
        let ftyp: [UInt8] = [0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8)
        var generator = SeededGenerator(seed: 16)
        let heic = ftyp + (0..<4096).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
        #expect(HEICImage.isHEIF(heic))
        try await fixture.app().test(.router) { client in
            let (type, body) = ResolverTests.multipart([("label", "broken.heic", heic)])
            let response = try await client.execute(uri: "/verify", method: .post, headers: .with([("Content-Type", type)]), body: body)
            #expect(response.status == .unprocessableContent)
            #expect(String(buffer: response.body).contains("JPEG, PNG hoặc HEIC"))
        }
        #expect(throws: LabelImage.Failure.self) { try LabelImage.decode(heic, maxPixels: 40_000_000) }
    }

    @Test func largePhotosAreShrunkByAreaAveraging() {
        // 4000×3000, left half black, right half white; a one-pixel grid on the right that area
        // averaging turns to mid-gray where sampling every other pixel would see only white.
        var pixels = [UInt8](repeating: 255, count: 4000 * 3000)
        for y in 0..<3000 {
            for x in 0..<2000 { pixels[y * 4000 + x] = 0 }
            for x in stride(from: 3000, to: 4000, by: 2) { pixels[y * 4000 + x + 1] = 0 }
        }
        let small = GrayImage(width: 4000, height: 3000, pixels: pixels).downscaled(toLongSide: LabelImage.decodeLongSide)
        #expect(small.width == 2000 && small.height == 1500)
        #expect(small.pixels[700 * 2000 + 500] == 0)
        #expect(small.pixels[700 * 2000 + 1200] == 255)
        #expect((120...135).contains(small.pixels[700 * 2000 + 1800]))
        let turned = small.rotated(degrees: 90)
        #expect(turned.width == 1500 && turned.height == 2000)
    }
}
