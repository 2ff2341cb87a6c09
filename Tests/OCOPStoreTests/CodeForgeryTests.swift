import Foundation
import OCOPDomain
import OCOPKit
import OCOPStore
import Testing

/// A thousand issued codes all verify GENUINE, and no single-character change to a URI's path
/// or query, or to a short code, nor a move to another host or key, ever does.
@Suite struct CodeForgeryTests {
    static let uriAlphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZabcxyz-_./?=&%~")
    static let shortAlphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZILOU*~$=-")

    @Test func thousandUnitsAreGenuineAndUnique() throws {
        let fixture = try LibraryStore("forgery-1000")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "KD-2026-11", units: 1000)
        #expect(codes.count == 1000)
        #expect(Set(codes.map(\.uri)).count == 1000 && Set(codes.map(\.short)).count == 1000)
        let checker = try fixture.checker()
        for code in codes {
            #expect(try checker(code.uri, on: today).verdict == .genuine)
            #expect(try checker(code.short, on: today).verdict == .genuine)
        }
        // Serials are not sequential: neighbours in issue order share no common prefix pattern.
        let serials = try fixture.store.units(productID: "TV-0002", lot: "KD-2026-11").map(\.serial)
        #expect(serials != serials.sorted())
    }

    /// What a scanner or a paste adds around a code (spaces, tabs, line breaks, no-break
    /// spaces) is not part of it; white space inside a URI is.
    @Test func whiteSpaceAroundACodeIsIgnoredAndInsideItIsNot() throws {
        let fixture = try LibraryStore("forgery-space")
        defer { fixture.remove() }
        let code = try #require(try fixture.issue(lot: "KD-2026-11", units: 1).first)
        let checker = try fixture.checker()
        for text in [code.uri, code.short] {
            for wrapped in [" \(text)", "\(text)\r\n", "\t\(text)\n", "\u{00A0}\(text)\u{2003}", "\n \(text) \n"] {
                #expect(try checker(wrapped, on: today).verdict == .genuine, "\(wrapped.debugDescription)")
            }
        }
        // (A short code may be typed in groups; a URI is one word.)
        let middle = code.uri.index(code.uri.startIndex, offsetBy: code.uri.count / 2)
        #expect(try checker(String(code.uri[..<middle]) + " " + String(code.uri[middle...]), on: today).verdict != .genuine)
        #expect(try checker(" \n\t ", on: today).verdict != .genuine)
    }

    /// Every single-character substitution, insertion and deletion after the host.
    static func mutations(of uri: String, alphabet: [Character]) -> [String] {
        let chars = Array(uri)
        let start = chars.indices.first { index in String(chars[..<index]).hasPrefix("https://") && chars[index] == "/" }!
        var out: [String] = []
        for index in start..<chars.count {
            var deleted = chars; deleted.remove(at: index); out.append(String(deleted))
            for replacement in alphabet where replacement != chars[index] {
                var changed = chars; changed[index] = replacement; out.append(String(changed))
            }
        }
        for index in start...chars.count {
            for insertion in alphabet {
                var inserted = chars; inserted.insert(insertion, at: index); out.append(String(inserted))
            }
        }
        return out
    }

    @Test func noSingleCharacterChangeToAURIIsGenuine() throws {
        let fixture = try LibraryStore("forgery-uri")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "KD-2026-11", units: 50)
        let checker = try fixture.checker()
        var checked = 0
        // Exhaustive for three codes, a random sample for the rest.
        var generator = SystemRandomNumberGenerator()
        for (index, code) in codes.enumerated() {
            var candidates = Self.mutations(of: code.uri, alphabet: Self.uriAlphabet)
            if index >= 3 { candidates = (0..<60).map { _ in candidates.randomElement(using: &generator)! } }
            for mutated in candidates where mutated != code.uri {
                let verdict = try checker(mutated, on: today).verdict
                #expect(verdict != .genuine, "mutation verified GENUINE: \(mutated)")
                checked += 1
            }
        }
        #expect(checked > 20_000)
    }

    @Test func noSingleCharacterChangeToAShortCodeIsGenuine() throws {
        let fixture = try LibraryStore("forgery-short")
        defer { fixture.remove() }
        let codes = try fixture.issue(lot: "KD-2026-11", units: 200)
        let checker = try fixture.checker()
        for code in codes.prefix(40) {
            let chars = Array(code.short)
            var candidates: [String] = []
            for index in chars.indices {
                var deleted = chars; deleted.remove(at: index); candidates.append(String(deleted))
                for replacement in Self.shortAlphabet where replacement != chars[index] {
                    var changed = chars; changed[index] = replacement; candidates.append(String(changed))
                }
            }
            for index in 0...chars.count {
                for insertion in Self.shortAlphabet {
                    var inserted = chars; inserted.insert(insertion, at: index); candidates.append(String(inserted))
                }
            }
            for mutated in candidates {
                // Same code, other spelling: case, hyphens and I/L/O confusions are read as typed.
                guard let parsed = try? ShortCode(parsing: mutated), parsed.display == code.short else {
                    #expect(try checker(mutated, on: today).verdict != .genuine, "\(mutated)")
                    continue
                }
            }
        }
    }

    @Test func anotherHostOrAnotherKeyIsForged() throws {
        let fixture = try LibraryStore("forgery-host")
        defer { fixture.remove() }
        let other = try LibraryStore("forgery-key")
        defer { other.remove() }
        let codes = try fixture.issue(lot: "KD-2026-11", units: 20)
        let foreign = try other.issue(lot: "KD-2026-11", units: 20)
        let checker = try fixture.checker()
        for code in codes {
            for host in ["id.example.com", "id.example.vn.evil.example", "ID.EXAMPLE.VN:8443", "id2.example.vn"] {
                let moved = code.uri.replacingOccurrences(of: "id.example.vn", with: host)
                #expect(try checker(moved, on: today).verdict == .forged, "\(moved)")
            }
        }
        for code in foreign {
            #expect(try checker(code.uri, on: today).verdict == .forged)
            // The other store's short codes are simply unknown here.
            #expect(try checker(code.short, on: today).verdict == .unknown)
        }
    }
}
