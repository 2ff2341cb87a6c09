import Foundation
import OCOPDomain
import OCOPKit
import OCOPStore
import TestSupport
import Testing

/// Ten thousand random forgeries: changed, inserted, deleted and swapped characters, codes of
/// another store, codes signed with another key, replays onto another host, truncated
/// signatures. None may verify as GENUINE.
@Suite struct RandomForgeryTests {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijklmnopqrstuvwxyz-_.~/?=&%:*$")

    static func mutate(_ text: String, using rng: inout SeededGenerator) -> String {
        var chars = Array(text)
        let index = Int.random(in: 0..<chars.count, using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: chars[index] = alphabet.randomElement(using: &rng)!
        case 1: chars.insert(alphabet.randomElement(using: &rng)!, at: index)
        case 2: chars.remove(at: index)
        default:
            let other = Int.random(in: 0..<chars.count, using: &rng)
            chars.swapAt(index, other)
        }
        return String(chars)
    }

    @Test func tenThousandForgeriesAreNeverGenuine() throws {
        let fixture = try LibraryStore("random-forgery")
        defer { fixture.remove() }
        let other = try LibraryStore("random-forgery-other")
        defer { other.remove() }
        let codes = try fixture.issue(lot: "F-1", units: 200)
        let foreign = try other.issue(lot: "F-1", units: 200)
        let checker = try fixture.checker()
        var rng = SeededGenerator(seed: 20261123)
        var tried = 0, rejected = 0
        func attempt(_ text: String, original: String) throws {
            // A swap of two equal characters, or a case change in a short code, is the same code.
            if text == original { return }
            if original.count == 11, (try? ShortCode(parsing: text))?.display == original { return }
            tried += 1
            let verdict = try checker(text, on: today).verdict
            #expect(verdict != .genuine, "forgery verified GENUINE: \(text)")
            if verdict != .genuine { rejected += 1 }
        }
        for round in 0..<9_000 {
            let code = codes[round % codes.count]
            let original = round % 3 == 0 ? code.short : code.uri
            var text = Self.mutate(original, using: &rng)
            if round % 5 == 0 { text = Self.mutate(text, using: &rng) }  // two changes at once
            try attempt(text, original: original)
        }
        for code in foreign { try attempt(code.uri, original: "") }                      // another store's key
        for code in codes.prefix(200) {
            let signature = code.uri.range(of: "?s=")!.upperBound
            let truncated = String(code.uri[..<code.uri.index(signature, offsetBy: Int.random(in: 0..<86, using: &rng))])
            try attempt(truncated, original: code.uri)                                    // truncated signature
            try attempt(code.uri.replacingOccurrences(of: "id.example.vn", with: "id.example.org"), original: code.uri)
        }
        for (mine, theirs) in zip(codes.prefix(200), foreign) {
            // Their signature on my path, and my signature on their path.
            let mySignature = String(mine.uri[mine.uri.range(of: "?s=")!.upperBound...])
            let theirPath = String(theirs.uri[..<theirs.uri.range(of: "?s=")!.lowerBound])
            try attempt(theirPath + "?s=" + mySignature, original: "")
        }
        for _ in 0..<1_000 {
            // Invented codes: random serials with random signatures.
            let serial = Serial(using: &rng).text
            let signature = String((0..<86).map { _ in Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").randomElement(using: &rng)! })
            try attempt("https://id.example.vn/01/09528400000020/10/F-1/21/\(serial)?s=\(signature)", original: "")
        }
        #expect(tried >= 10_000, "only \(tried) forgeries tried")
        #expect(rejected == tried)
        print("forgeries tried: \(tried), verified GENUINE: \(tried - rejected)")
    }
}
