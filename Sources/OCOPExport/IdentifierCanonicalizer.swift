/// The identifier rule of the EPCIS 2.0 event-hash algorithm: a value naming a GS1 key is hashed
/// in one canonical form, a GS1 Digital Link URI on `https://id.gs1.org` with the finest level
/// of identification only (serial rather than lot, no CPV), no query and no other host.
///
/// Implemented here, on our own terms, to give the same results as the reference implementation
/// (RalphTro/epcis-event-hash-generator 1.9) for:
/// - GS1 Digital Link URIs with any primary key, their short names (`/gtin/`…) and qualifiers;
/// - EPC pure-identity URIs of SGTIN, SSCC and SGLN, and the LGTIN class URI.
/// Other EPC URI schemes are refused (`unsupported`) rather than hashed differently.
/// A value it does not recognise stays as it is (`nil`).
enum IdentifierCanonicalizer {
    static let canonicalHost = "https://id.gs1.org"

    /// Primary keys of GS1 Digital Link, with their legacy short names.
    static let primaryKeys: Set<String> = [
        "01", "gtin", "8006", "itip", "8010", "cpid", "414", "gln", "417", "party", "8017", "gsrnp", "8018", "gsrn",
        "255", "gcn", "00", "sscc", "253", "gdti", "401", "ginc", "402", "gsin", "8003", "grai", "8004", "giai",
    ]

    static let shortNames: [(String, String)] = [
        ("gtin", "01"), ("itip", "8006"), ("cpid", "8010"), ("gln", "414"), ("party", "417"), ("gsrnp", "8017"),
        ("gsrn", "8018"), ("gcn", "255"), ("sscc", "00"), ("gdti", "253"), ("ginc", "401"), ("gsin", "402"),
        ("grai", "8003"), ("giai", "8004"), ("cpv", "22"), ("lot", "10"), ("ser", "21"),
    ]

    /// Keys in the order their position decides where a foreign host's path is cut.
    static let rehostOrder = ["00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010", "8017", "8018"]

    static func canonical(_ text: String) throws(EventHashError) -> String? {
        // Every identifier the algorithm knows has a dot (in the EPC URI or the host).
        guard text.contains(".") else { return nil }
        if text.hasPrefix("urn:epc:id:") || text.hasPrefix("urn:epc:class:") || text.hasPrefix("urn:epc:idpat:") {
            return try epcURI(text)
        }
        return digitalLink(text)
    }

    // MARK: GS1 Digital Link

    static func digitalLink(_ original: String) -> String? {
        guard looksLikeDigitalLink(original) else { return nil }
        var uri = original
        if let query = uri.firstIndex(of: "?") { uri = String(uri[..<query]) }
        for (name, ai) in shortNames { uri = uri.replacingAll("/\(name)/", with: "/\(ai)/") }

        if !hasCanonicalPrefix(uri) {
            for key in rehostOrder {
                if let range = uri.range(of: "/\(key)/") {
                    uri = canonicalHost + uri[range.lowerBound...]
                    break
                }
            }
        }
        // A GTIN is always written with 14 digits.
        let gtinPrefix = canonicalHost + "/01/"
        if uri.hasPrefix(gtinPrefix) {
            let digits = uri.dropFirst(gtinPrefix.count).prefix { $0.isASCIIDigitCharacter }.count
            if digits < 14 {
                let padding = digits == 13 ? "0" : digits == 12 ? "00" : digits >= 8 ? "000000" : ""
                if !padding.isEmpty { uri = uri.replacingAll("/01/", with: "/01/" + padding) }
            }
        }
        uri = withoutVariant(uri)
        uri = finestLevel(uri)
        return isCanonicalSyntax(uri) ? uri : nil
    }

    /// `http(s):`, then before any `?` or `#` a path segment pair `/<primary key>/dddd…`.
    static func looksLikeDigitalLink(_ uri: String) -> Bool {
        let rest: Substring
        if uri.hasPrefix("https:") { rest = uri.dropFirst(6) } else if uri.hasPrefix("http:") { rest = uri.dropFirst(5) } else { return false }
        let chars = Array(rest)
        let stemEnd = chars.firstIndex { $0 == "?" || $0 == "#" } ?? chars.count
        var index = 0
        while index < stemEnd {
            guard chars[index] == "/" else { index += 1; continue }
            var end = index + 1
            while end < stemEnd, chars[end] != "/" { end += 1 }
            if end < stemEnd, primaryKeys.contains(String(chars[(index + 1)..<end])) {
                let value = end + 1
                if value + 4 <= stemEnd, chars[value..<(value + 4)].allSatisfy(\.isASCIIDigitCharacter),
                   value + 4 < chars.count, chars[value + 4] != "/" {
                    return true
                }
            }
            index += 1
        }
        // A compressed Digital Link path (ten base64url-like characters) also passes, but can
        // never reach the canonical syntax below.
        return false
    }

    static func hasCanonicalPrefix(_ uri: String) -> Bool {
        let prefix = canonicalHost + "/"
        guard uri.hasPrefix(prefix) else { return false }
        let path = uri.dropFirst(prefix.count)
        guard let slash = path.firstIndex(of: "/") else { return false }
        let key = path[..<slash]
        guard ["01", "8006", "8010", "414", "417", "8017", "8018", "255", "00", "253", "401", "402", "8003", "8004"].contains(key) else {
            return false
        }
        let value = path[path.index(after: slash)...]
        return value.prefix(4).count == 4 && value.prefix(4).allSatisfy(\.isASCIIDigitCharacter)
            && value.dropFirst(4).first.map { $0 != "/" } == true
    }

    /// Drops a consumer product variant (`/22/…`) after a GTIN or ITIP.
    static func withoutVariant(_ uri: String) -> String {
        guard let range = uri.range(of: "/22/") else { return uri }
        let head = uri[..<range.lowerBound]
        let tail = uri[range.upperBound...]
        guard keyed(head, "01", 14) || keyed(head, "8006", 18) else { return uri }
        if tail.count <= 20, tail.allSatisfy(isQualifierCharacter) { return String(head) }
        if tail.count <= 20, tail.allSatisfy({ $0 == "/" || isQualifierCharacter($0) }), let slash = tail.firstIndex(of: "/") {
            return String(head) + tail[slash...]
        }
        return uri
    }

    /// With a serial present the lot adds nothing: `/01/g/10/lot/21/ser` becomes `/01/g/21/ser`.
    static func finestLevel(_ uri: String) -> String {
        let segments = pathSegments(uri)
        guard let segments, segments.count == 6, segments[2] == "10", segments[4] == "21",
              (segments[0] == "01" && isDigits(segments[1], 14)) || (segments[0] == "8006" && isDigits(segments[1], 18)),
              isQualifierValue(segments[3], 20), isQualifierValue(segments[5], 20) else { return uri }
        return canonicalHost + "/" + [segments[0], segments[1], "21", segments[5]].joined(separator: "/")
    }

    /// The forms the algorithm accepts as canonical; anything else is hashed as written.
    static func isCanonicalSyntax(_ uri: String) -> Bool {
        guard let s = pathSegments(uri), let key = s.first else { return false }
        switch (key, s.count) {
        case ("00", 2): return isDigits(s[1], 18)
        case ("01", 2): return isDigits(s[1], 14)
        case ("01", 4):
            guard isDigits(s[1], 14) else { return false }
            switch s[2] {
            case "21", "10": return isQualifierValue(s[3], 20)
            case "235": return isQualifierValue(s[3], 28)
            default: return false
            }
        case ("253", 2): return hasDigitPrefix(s[1], 13, rest: 17, { isQualifierCharacter($0) })
        case ("255", 2): return hasDigitPrefix(s[1], 13, rest: 12, \.isASCIIDigitCharacter)
        case ("401", 2), ("8004", 2): return isQualifierValue(s[1], 30)
        case ("402", 2): return isDigits(s[1], 17)
        case ("414", 2), ("417", 2): return isDigits(s[1], 13)
        case ("414", 4): return isDigits(s[1], 13) && s[2] == "254" && isQualifierValue(s[3], 20)
        case ("8003", 2): return hasDigitPrefix(s[1], 14, rest: 16, { isQualifierCharacter($0) })
        case ("8006", 2): return isDigits(s[1], 18)
        case ("8006", 4): return isDigits(s[1], 18) && (s[2] == "21" || s[2] == "10") && isQualifierValue(s[3], 20)
        case ("8017", 2), ("8018", 2): return isDigits(s[1], 18)
        case ("8010", _): return isCPID(s.dropFirst().joined(separator: "/"))
        default: return false
        }
    }

    /// A CPID (`#`, `-`, `/`, digits, capitals; at most 30), optionally followed by `/8011/` and
    /// up to 12 digits. The CPID itself may hold slashes, so every split is tried.
    static func isCPID(_ text: String) -> Bool {
        func cpid(_ part: Substring) -> Bool {
            part.count <= 30 && part.allSatisfy { $0 == "#" || $0 == "-" || $0 == "/" || $0.isASCIIDigitCharacter || ("A"..."Z").contains($0) }
        }
        if cpid(text[...]) { return true }
        var searchFrom = text.startIndex
        while let range = text.range(of: "/8011/", range: searchFrom..<text.endIndex) {
            let serial = text[range.upperBound...]
            if cpid(text[..<range.lowerBound]), serial.count <= 12, serial.allSatisfy(\.isASCIIDigitCharacter) { return true }
            searchFrom = text.index(after: range.lowerBound)
        }
        return false
    }

    /// The path after `https://id.gs1.org/`, split at every `/` (empty segments kept).
    static func pathSegments(_ uri: String) -> [String]? {
        let prefix = canonicalHost + "/"
        guard uri.hasPrefix(prefix) else { return nil }
        return uri.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }

    static func keyed(_ head: Substring, _ key: String, _ digits: Int) -> Bool {
        let prefix = canonicalHost + "/" + key + "/"
        return head.hasPrefix(prefix) && isDigits(String(head.dropFirst(prefix.count)), digits)
    }

    static func isDigits(_ text: String, _ count: Int) -> Bool {
        text.count == count && text.allSatisfy(\.isASCIIDigitCharacter)
    }

    static func hasDigitPrefix(_ text: String, _ digits: Int, rest: Int, _ allowed: (Character) -> Bool) -> Bool {
        let head = text.prefix(digits), tail = text.dropFirst(digits)
        return head.count == digits && head.allSatisfy(\.isASCIIDigitCharacter) && tail.count <= rest && tail.allSatisfy(allowed)
    }

    /// Characters the canonical form allows in a qualifier value: GS1's CSET 82 minus those that
    /// must be percent-encoded in a URI (`!` `%` `&` `(` `)` `*` `+` `,` `/` `:`).
    static func isQualifierCharacter(_ c: Character) -> Bool {
        guard let ascii = c.asciiValue else { return false }
        switch ascii {
        case 0x22, 0x27, 0x2D, 0x2E, 0x30...0x39, 0x3B...0x3F, 0x41...0x5A, 0x5F, 0x61...0x7A: return true
        default: return false
        }
    }

    static func isQualifierValue(_ text: String, _ maximum: Int) -> Bool {
        text.count <= maximum && text.allSatisfy(isQualifierCharacter)
    }

    // MARK: EPC URIs

    static func epcURI(_ uri: String) throws(EventHashError) -> String? {
        let parts = uri.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5 else { return nil }
        let scheme = "\(parts[2]):\(parts[3])"
        // Serials and lots may hold dots: only the first two split fields.
        let fields = parts[4].split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        switch scheme {
        case "id:sgtin":
            guard fields.count == 3, let gtin = gtin(fields[0], fields[1]), isEPCValue(fields[2], 20) else { return nil }
            return "\(canonicalHost)/01/\(gtin)/21/\(encodeEPCValue(fields[2]))"
        case "class:lgtin":
            guard fields.count == 3, let gtin = gtin(fields[0], fields[1]), isEPCValue(fields[2], 20) else { return nil }
            return "\(canonicalHost)/01/\(gtin)/10/\(encodeEPCValue(fields[2]))"
        case "id:sscc":
            guard fields.count == 2, (6...12).contains(fields[0].count), fields[0].count + fields[1].count == 17,
                  isDigits(fields[0], fields[0].count), isDigits(fields[1], fields[1].count) else { return nil }
            let body = String(fields[1].prefix(1)) + fields[0] + String(fields[1].dropFirst())
            return "\(canonicalHost)/00/\(body)\(checkDigit(body))"
        case "id:sgln":
            guard fields.count == 3, (6...12).contains(fields[0].count), fields[0].count + fields[1].count == 12,
                  isDigits(fields[0], fields[0].count), isDigits(fields[1], fields[1].count),
                  isEPCValue(fields[2], 20) else { return nil }
            let body = fields[0] + fields[1]
            let gln = "\(canonicalHost)/414/\(body)\(checkDigit(body))"
            return fields[2] == "0" ? gln : "\(gln)/254/\(encodeEPCValue(fields[2]))"
        default:
            throw .unsupported("EPC URI scheme \(scheme) (\(uri))")
        }
    }

    /// GTIN-14 from an EPC company prefix and item reference (indicator digit first).
    static func gtin(_ prefix: String, _ item: String) -> String? {
        guard (6...12).contains(prefix.count), prefix.count + item.count == 13,
              isDigits(prefix, prefix.count), isDigits(item, item.count) else { return nil }
        let body = String(item.prefix(1)) + prefix + String(item.dropFirst())
        return body + String(checkDigit(body))
    }

    /// EPC URI component: 1-`maximum` characters, `%xx` escapes counted as one.
    static func isEPCValue(_ text: String, _ maximum: Int) -> Bool {
        let chars = Array(text)
        var count = 0, index = 0
        while index < chars.count {
            if chars[index] == "%" {
                guard index + 2 < chars.count, chars[index + 1].isHexDigit, chars[index + 2].isHexDigit else { return false }
                index += 3
            } else {
                guard "!')(*+,.0123456789:;=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-".contains(chars[index]) else { return false }
                index += 1
            }
            count += 1
        }
        return (1...maximum).contains(count)
    }

    /// Characters EPC URIs allow unescaped but Digital Link percent-encodes.
    static func encodeEPCValue(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "!": out += "%21"
            case "(": out += "%28"
            case ")": out += "%29"
            case "*": out += "%2A"
            case "+": out += "%2B"
            case ",": out += "%2C"
            case ":": out += "%3A"
            default: out.append(c)
            }
        }
        return out
    }

    /// GS1 mod-10 check digit: weights 3, 1, 3, … from the right.
    static func checkDigit(_ digits: String) -> Int {
        var sum = 0
        for (index, c) in digits.reversed().enumerated() {
            sum += (c.wholeNumberValue ?? 0) * (index % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
