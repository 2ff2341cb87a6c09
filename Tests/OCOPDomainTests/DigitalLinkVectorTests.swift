import Foundation
import OCOPDomain
import TestSupport
import Testing

/// Runs GS1's own Digital Link test vectors (`shared/gs1/digital-link-vectors.txt`) through the parser.
///
/// Every VALID / VALID* / INVALID line is checked:
/// - Lines whose key is `01` must get the file's verdict, except the ones in `deliberateDifferences`,
///   where this tool follows GS1's current engine defaults or does not support a feature (each says why).
/// - Lines with any other key (00 SSCC, 414 GLN, 8018 GSRN, the `gln`/`sscc`/`gtin` short names, or
///   no key) are not OCOP product codes: the parser must refuse them whatever the file's verdict.
/// - For accepted lines whose expected result is a GS1 element string (`^01…`), the parsed values must
///   produce exactly that string.
/// RESOLVE and MAP lines describe resolver behaviour and EPC URN mapping, which this parser does not do.
@Suite struct DigitalLinkVectorTests {
    struct Vector {
        let verdict: String
        let uri: String
        let expected: String
        let lineNumber: Int
    }

    /// Key-01 lines where this tool's verdict differs from the file's, and why.
    static let deliberateDifferences: [String: String] = [
        "https://a/01/2112345678900": "legacy flag only: zero-suppressed GTIN-13; domain.md requires 14 digits",
        "https://a/01/416000336108": "legacy flag only: GTIN-12 in a URI",
        "https://a/01/02345673": "legacy flag only: GTIN-8 in a URI",
        "https://example.com/01/012345678905": "digital-link.js (DL 1.2) accepts GTIN-12; the current engine does not",
        "https://example.com/01/01234565/": "GTIN-8 and a trailing \"/\" (tolerated only by digital-link.js)",
        "https://example.com/01/01234565/10/12345/21/4512": "GTIN-8 (DL 1.2 grammar)",
        "https://example.com/01/01234565/21/12345/10/4512": "valid only when the library re-sorts qualifiers; also GTIN-8",
        "https://example.com/01/12345670/10/4512?240=ABCD": "GTIN-8 (DL 1.2 grammar)",
        "https://example.com/01/12345670/10/4512?linkType=ABCD": "GTIN-8 (DL 1.2 grammar)",
        "https://a/01/12312312312333/235/TEST": "AI 235 (third-party serial) is not used by this tool; only 22, 10, 21",
        "https://id.gs1.org/01/09520123456788/235/XYZ?10=ABC123": "AI 235 alternative not supported",
    ]

    static func loadVectors() throws -> [Vector] {
        let path = ProjectPaths.shared.path + "/gs1/digital-link-vectors.txt"
        // A missing file throws here and fails the test: it must never pass by skipping.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var vectors: [Vector] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 3, ["VALID", "VALID*", "INVALID"].contains(fields[0]) else { continue }
            // The URI is the first word; a note in brackets may follow it, "(empty string)" means "".
            let firstWord = fields[1].split(separator: " ").first.map(String.init) ?? ""
            let uri = firstWord == "(empty" ? "" : firstWord
            vectors.append(Vector(verdict: fields[0], uri: uri, expected: fields[2], lineNumber: index + 1))
        }
        return vectors
    }

    static func usesKey01(_ uri: String) -> Bool {
        let path = uri.split(separator: "?", maxSplits: 1).first ?? ""
        return path.split(separator: "/").contains("01")
    }

    @Test func everyVectorGetsTheExpectedVerdict() throws {
        let vectors = try Self.loadVectors()
        #expect(vectors.count >= 60, "the vectors file lost lines: \(vectors.count)")
        var key01Count = 0
        var elementStringsChecked = 0
        for vector in vectors {
            let location = "line \(vector.lineNumber): \(vector.uri)"
            let parsed = Result { () throws(DomainError) -> DigitalLink in try DigitalLink(parsing: vector.uri) }
            guard Self.usesKey01(vector.uri) else {
                #expect(parsed.isFailure, "\(location) is not a product code but was accepted")
                continue
            }
            key01Count += 1
            let shouldAccept = Self.deliberateDifferences[vector.uri] == nil ? vector.verdict == "VALID" : false
            switch parsed {
            case let .success(link):
                #expect(shouldAccept, "\(location) was accepted; the file says \(vector.verdict)")
                if shouldAccept, let expected = Self.expectedElementString(vector.expected) {
                    #expect(Self.elementString(link) == expected, "\(location)")
                    elementStringsChecked += 1
                }
                if vector.expected.hasPrefix("22 = \"") {
                    #expect(vector.expected.hasPrefix("22 = \"\(link.variant ?? "")\""), "\(location)")
                }
            case let .failure(error):
                #expect(!shouldAccept, "\(location) was refused: \(error)")
            }
        }
        #expect(key01Count >= 40)
        #expect(elementStringsChecked >= 11)
    }

    @Test func deliberateDifferencesAreAllInTheFile() throws {
        let uris = Set(try Self.loadVectors().map(\.uri))
        for uri in Self.deliberateDifferences.keys {
            #expect(uris.contains(uri), "\(uri) is no longer in the vectors file")
        }
    }

    /// The short-GTIN vectors become valid once the GTIN is written with all 14 digits, which shows
    /// the length rule is the only reason they are refused.
    @Test func shortGTINVectorsPassWhenPadded() throws {
        let padded = [
            "https://a/01/02112345678900",
            "https://a/01/00416000336108",
            "https://a/01/00000002345673",
            "https://example.com/01/00012345678905",
            "https://example.com/01/00000001234565/10/12345/21/4512",
            "https://example.com/01/00000012345670/10/4512?240=ABCD",
            "https://example.com/01/00000012345670/10/4512?linkType=ABCD",
        ]
        for uri in padded {
            #expect(failure { try DigitalLink(parsing: uri) } == nil, "\(uri)")
        }
        // Still refused after padding: qualifier order, trailing slash.
        #expect(failure { try DigitalLink(parsing: "https://example.com/01/00000001234565/21/12345/10/4512") }?.field == "path")
        #expect(failure { try DigitalLink(parsing: "https://example.com/01/00000001234565/") }?.field == "path")
    }

    /// `^0112312312312333 (port ok)` → `^0112312312312333`; nil when the column is not an element string.
    static func expectedElementString(_ column: String) -> String? {
        guard column.hasPrefix("^") else { return nil }
        return column.split(separator: " ").first.map(String.init)
    }

    /// GS1 element string of a parsed code in dl.c's notation: `^` (FNC1) first and after every
    /// AI whose length is not predefined, unless it is the last one.
    static func elementString(_ link: DigitalLink) -> String {
        var elements: [(String, String)] = []
        if let gtin = link.gtin { elements.append(("01", gtin.gtin14)) }
        if let variant = link.variant { elements.append(("22", variant)) }
        if let lot = link.lot { elements.append(("10", lot)) }
        if let serial = link.serial { elements.append(("21", serial)) }
        elements += link.attributes.map { ($0.ai, $0.value) }
        let predefinedLength: Set<String> = [
            "00", "01", "02", "03", "04", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20",
            "31", "32", "33", "34", "35", "36", "41",
        ]
        var text = "^"
        for (index, element) in elements.enumerated() {
            text += element.0 + element.1
            if index < elements.count - 1, !predefinedLength.contains(String(element.0.prefix(2))) {
                text += "^"
            }
        }
        return text
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
