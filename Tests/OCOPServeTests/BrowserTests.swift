import Foundation
import Testing
import TestSupport

/// A real browser: headless Chromium loads the pages of a genuine and a recalled unit from
/// `ocop-trace serve`, started here on 127.0.0.1 on a free port, at a phone's width (360 px).
/// Screenshots go to Output/screenshots/ for people to look at. A missing chromium fails.
@Suite(.serialized) struct BrowserTests {
    /// `ocop-trace serve` in the background; stopped by `stop()`.
    final class Server {
        let process = Process()
        let port: Int

        init(store: String) throws {
            process.executableURL = ProjectPaths.ocopTrace
            process.arguments = ["serve", "--store", store, "--port", "0", "--host", "127.0.0.1",
                                 "--templates", ProjectPaths.root.appendingPathComponent("Templates").path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            var text = ""
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, !text.contains("\n") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            guard let range = text.range(of: "http://127.0.0.1:"),
                  let port = Int(text[range.upperBound...].prefix { $0.isNumber }) else {
                process.terminate()
                throw FixtureError(message: "serve did not report its port: \(text)")
            }
            self.port = port
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    static func chromium() throws -> URL {
        guard let browser = which("chromium") ?? which("chromium-browser") else {
            throw FixtureError(message: "chromium is missing: run `make test` (Debian package chromium)")
        }
        return browser
    }

    static func browse(_ url: String, screenshot: URL?, language: String = "vi") throws -> String {
        let profile = try ProjectPaths.scratch("chromium-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        var arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                         "--user-data-dir=\(profile.path)", "--lang=\(language)", "--accept-lang=\(language)",
                         "--window-size=360,1400", "--virtual-time-budget=3000"]
        if let screenshot {
            arguments.append("--screenshot=\(screenshot.path)")
        } else {
            arguments.append("--dump-dom")
        }
        let result = try run(try chromium(), arguments + [url])
        guard result.status == 0 else { throw FixtureError(message: "chromium exited \(result.status): \(result.stderrText)") }
        return result.stdoutText
    }

    @Test func genuineAndRecalledPagesInARealBrowser() throws {
        _ = try Self.chromium()
        let fixture = try StoreFixture("serve-browser")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "KD-2026-11", units: 3)
        try fixture.expectSuccess(["event", "add", "--batch", "KD-2026-11", "--step", "shipping", "--disposition", "in_transit",
                                   "--location", "Càng Long, Trà Vinh"])
        let recalledCodes = try fixture.issue(lot: "KD-2026-12", units: 2)
        try fixture.expectSuccess(["recall", "--batch", "KD-2026-12", "--reason", "bao bì bị phồng"])

        let server = try Server(store: fixture.store)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        func local(_ uri: String) -> String { base + uri.dropFirst("https://id.example.vn".count) }

        let shots = ProjectPaths.root.appendingPathComponent("Output/screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)

        let genuine = try Self.browse(local(codes[0].uri), screenshot: nil)
        #expect(genuine.contains("<h1>Hàng thật</h1>"), "\(genuine)")
        #expect(genuine.contains("Kẹo dừa Đại Phước") && genuine.contains("Hợp tác xã Đặc sản Đại Phước"))
        #expect(genuine.contains("2180/QĐ-UBND") && genuine.contains("Càng Long, Trà Vinh"))
        _ = try Self.browse(local(codes[0].uri), screenshot: shots.appendingPathComponent("genuine-vi-360.png"))
        _ = try Self.browse(local(codes[0].uri) + "&lang=en", screenshot: shots.appendingPathComponent("genuine-en-360.png"))

        let recalled = try Self.browse(local(recalledCodes[0].uri), screenshot: nil)
        #expect(recalled.contains("<h1>Đã thu hồi</h1>"))
        #expect(recalled.contains("bao bì bị phồng"))
        let recalledEnglish = try Self.browse(local(recalledCodes[0].uri), screenshot: nil, language: "en-US")
        #expect(recalledEnglish.contains("<h1>Recalled</h1>"), "Accept-Language from the browser picks English")
        _ = try Self.browse(local(recalledCodes[0].uri), screenshot: shots.appendingPathComponent("recalled-vi-360.png"))

        for name in ["genuine-vi-360.png", "genuine-en-360.png", "recalled-vi-360.png"] {
            let bytes = try [UInt8](Data(contentsOf: shots.appendingPathComponent(name)))
            let header = try PNGChunks(bytes).header
            #expect(header?.width == 360, "\(name) is \(header?.width ?? 0) px wide")
        }
    }

    /// Shop staff in a real browser (Selenium drives headless Chromium through Debian's
    /// chromedriver, Tests/Browser/shop_flow.py): open the enrol link, press the button, sell a
    /// unit, sell it again: the second sale is refused with the verdict, first on the page.
    /// At a phone's size (360×640 CSS px) the verdict box, with the fact that matters inside it,
    /// ends above the fold for sold, recalled and lapsed units and on `/verify`'s answer.
    @Test func theVerdictAndItsFactAreAboveTheFold() throws {
        _ = try Self.chromium()
        let fixture = try StoreFixture("serve-fold-browser")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "KD-2026-11", units: 3)
        try fixture.expectSuccess(["event", "add", codes[0].short, "--step", "retail_selling", "--location", "Điểm bán OCOP Ao Bà Om"])
        let recalled = try fixture.issue(lot: "KD-2026-12", units: 1)
        try fixture.expectSuccess(["recall", "--batch", "KD-2026-12", "--reason", "bao bì bị phồng"])
        try fixture.expectSuccess(["rate", "TV-0004", "--stars", "3", "--score", "60", "--decision", "11/QĐ-UBND", "--decision-date", "2026-01-10"])
        let lapsed = try fixture.issue(product: "TV-0004", lot: "HH-1", units: 1)
        try fixture.expectSuccess(["rate", "TV-0004", "--withdraw", "--decision", "12/QĐ-UBND", "--decision-date", "2026-11-01"])

        let server = try Server(store: fixture.store)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        func local(_ uri: String) -> String { base + uri.dropFirst("https://id.example.vn".count) }
        let shots = ProjectPaths.root.appendingPathComponent("Output/screenshots/fold")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let script = ProjectPaths.root.appendingPathComponent("Tests/Browser/verdict_fold.py").path
        let result = try run(try QRDecoders.zxingPython(), [script, shots.path, base + "/verify", codes[0].short,
                                                             "sold=" + local(codes[0].uri), "recalled=" + local(recalled[0].uri),
                                                             "lapsed=" + local(lapsed[0].uri)])
        #expect(result.status == 0, "\(result.stdoutText) \(result.stderrText)")
        let seen = (try? JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [String: [String: Any]]) ?? [:]
        let expected = ["sold": ("ALREADY_SOLD", "Ao Bà Om"), "recalled": ("RECALLED", "bao bì bị phồng"),
                        "lapsed": ("RATING_LAPSED", "12/QĐ-UBND"), "verify": ("ALREADY_SOLD", "Ao Bà Om")]
        for (name, (verdict, fact)) in expected {
            let page = seen[name] ?? [:]
            let fold = page["fold"] as? Double ?? 0
            #expect(page["verdict"] as? String == verdict, "\(name): \(page)")
            #expect((page["fact"] as? String)?.contains(fact) == true, "\(name): the fact inside the verdict box: \(page)")
            #expect((page["fact_bottom"] as? Double ?? .infinity) <= fold && (page["bottom"] as? Double ?? .infinity) <= fold,
                    "\(name): the verdict ends above the fold (\(fold) px): \(page)")
            #expect(page["width"] as? Double ?? 999 <= 360, "\(name): no sideways scroll")
        }
    }

    @Test func shopStaffEnrolAndSellInARealBrowser() throws {
        _ = try Self.chromium()
        let fixture = try StoreFixture("serve-shop-browser")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "KD-2026-11", units: 2)
        let server = try Server(store: fixture.store)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        try fixture.expectSuccess(["actor", "add", "SHOP-1", "--name", "Cửa hàng OCOP Trà Vinh", "--role", "shop",
                                   "--key-out", fixture.folder.appendingPathComponent("keys-shop").path])
        let issued = try fixture.expectSuccess(["token", "issue", "--actor", "SHOP-1", "--name", "điện thoại quầy", "--link",
                                                "--link-base", base, "--json"]).stdoutText
        let link = try #require((try JSONSerialization.jsonObject(with: Data(issued.utf8)) as? [String: Any])?["link"] as? String)
        let shots = ProjectPaths.root.appendingPathComponent("Output/screenshots/shop")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)

        let script = ProjectPaths.root.appendingPathComponent("Tests/Browser/shop_flow.py").path
        let result = try run(try QRDecoders.zxingPython(), [script, link, codes[0].short, shots.path])
        #expect(result.status == 0, "\(result.stdoutText) \(result.stderrText)")
        let seen = (try? JSONSerialization.jsonObject(with: Data(result.stdoutText.utf8)) as? [String: Any]) ?? [:]
        let desk = seen["desk"] as? [String: Any] ?? [:]
        #expect(desk["path"] as? String == "shop" && desk["cookies"] as? [String] == ["ocop_device"] && desk["httpOnly"] as? Bool == true,
                "\(seen)")
        let first = seen["first-sale"] as? [String: Any] ?? [:]
        let second = seen["second-sale"] as? [String: Any] ?? [:]
        #expect(first["verdict"] as? String == "GENUINE" && first["result"] as? String == "done" && first["verdictFirst"] as? Bool == true, "\(first)")
        #expect(second["verdict"] as? String == "ALREADY_SOLD" && second["result"] as? String == "refused"
                && second["verdictFirst"] as? Bool == true, "\(second)")
        #expect(first["width"] as? Int == 360 && second["width"] as? Int == 360, "no sideways scrolling at 360 px: \(seen)")
        #expect(try fixture.run(["verify", codes[0].uri]).status == 13, "the sale is in the log")
        #expect(try fixture.run(["verify", codes[1].uri]).status == 0)
        #expect(try fixture.run(["log", "verify"]).status == 0)
    }
}
