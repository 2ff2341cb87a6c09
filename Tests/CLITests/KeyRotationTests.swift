import Foundation
import TestSupport
import Testing

/// Keys: created 0600, refused when readable by others, never printed; rotation keeps old codes
/// verifiable by key id, online and offline.
@Suite struct KeyRotationTests {
    @Test func rotationKeepsOldCodesGenuine() throws {
        let fixture = try StoreFixture("key-rotate")
        defer { fixture.remove() }
        let keyPath = fixture.keyFolder + "/issuer-key.pem"
        let oldSecret = try secret(keyPath)
        let old = try fixture.issue(lot: "OLD", units: 3)
        var outputs: [String] = []

        let rotate = try fixture.expectSuccess(["key", "rotate"])
        outputs.append(rotate.stdoutText + rotate.stderrText)
        let newSecret = try secret(keyPath)
        #expect(newSecret != oldSecret)
        #expect((try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int) == 0o600)
        // The old private key is gone; only the new pair is left (and the SQLite file, on SQLite).
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.keyFolder).sorted()
                == ["issuer-key.pem", "issuer-pub.pem"] + (fixture.engine == .sqlite ? ["ocop-trace.sqlite"] : []))

        let new = try fixture.issue(lot: "NEW", units: 3)
        for code in old + new {
            let verdict = try fixture.run(["verify", code.uri])
            outputs.append(verdict.stdoutText + verdict.stderrText)
            #expect(verdict.status == 0, "\(verdict.stdoutText)")
        }
        // The old key no longer signs: the new batch's codes differ in signature from what it would make.
        #expect(Set(old.map(\.uri)).isDisjoint(with: new.map(\.uri)))

        let list = try JSONSerialization.jsonObject(with: fixture.expectSuccess(["key", "list", "--json"]).stdout) as? [[String: Any]]
        #expect(list?.count == 2)
        #expect(Set(list?.compactMap { $0["id"] as? String } ?? []).count == 2)

        // Offline: the exported file carries both public keys.
        let pem = fixture.folder.appendingPathComponent("keys.pem").path
        try fixture.expectSuccess(["key", "export", "--out", pem])
        let exported = try String(contentsOfFile: pem, encoding: .utf8)
        #expect(exported.components(separatedBy: "BEGIN PUBLIC KEY").count == 3)
        for code in [old[0], new[0]] {
            let offline = try ocopTrace(["verify", code.uri, "--pubkey", pem])
            #expect(offline.status == 0 && offline.stdoutText.contains("SIGNATURE VALID"))
        }

        // Offline with a checkpoint (what a shop fetches from the resolver): it names both keys
        // and its own signature must hold; an edited one is refused, never a verdict.
        let checkpoint = fixture.folder.appendingPathComponent("checkpoint.json").path
        try fixture.expectSuccess(["log", "checkpoint", "--out", checkpoint])
        for code in [old[0], new[0]] {
            let offline = try ocopTrace(["verify", code.uri, "--pubkey", checkpoint, "--json"])
            #expect(offline.status == 0 && offline.stdoutText.contains("GENUINE_SIGNATURE"), "\(offline.stdoutText)\(offline.stderrText)")
        }
        let forgedCode = old[1].uri.replacingOccurrences(of: "?s=", with: "?s=A")
        #expect(try ocopTrace(["verify", forgedCode, "--pubkey", checkpoint]).status == 10)
        let edited = try String(contentsOfFile: checkpoint, encoding: .utf8).replacingOccurrences(of: "\"seq\":", with: "\"seq\":1")
        try edited.write(toFile: checkpoint, atomically: true, encoding: .utf8)
        let refused = try ocopTrace(["verify", new[0].uri, "--pubkey", checkpoint])
        #expect(refused.status == 77 && refused.stderrText.contains("does not verify"), "\(refused.stderrText)")
        #expect(try fixture.run(["log", "verify", "--checkpoint", checkpoint]).status == 65)

        // Neither private key appears in any output, error or the log.
        outputs.append(exported)
        outputs.append(try fixture.expectSuccess(["log", "show", "--json", "--limit", "1000"]).stdoutText)
        outputs.append(try fixture.digest())
        for text in outputs {
            #expect(!text.contains(oldSecret) && !text.contains(newSecret))
        }
        #expect(try fixture.run(["log", "verify"]).status == 0)
    }

    @Test func aWidelyReadableKeyIsRefusedBeforeRotation() throws {
        let fixture = try StoreFixture("key-mode")
        defer { fixture.remove() }
        let keyPath = fixture.keyFolder + "/issuer-key.pem"
        #expect(chmod(keyPath, 0o640) == 0)
        let before = try fixture.digest()
        let refused = try fixture.run(["key", "rotate"])
        #expect(refused.status == 77 && refused.stderrText.contains("chmod 600"))
        #expect(try fixture.digest() == before)
    }

    /// The base64 body of a PEM private key.
    private func secret(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
    }
}
