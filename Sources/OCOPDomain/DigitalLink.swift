import Synchronization
/// A GS1 Digital Link URI for an OCOP product, batch or unit, built or parsed.
///
/// GS1 form: `https://{host}[/{stem}]/01/{gtin14}[/22/{variant}][/10/{lot}][/21/{serial}][?{AI}={value}…]`.
/// Products without a GTIN use this tool's documented non-GS1 form
/// `https://{host}/p/{productID}[/10/{lot}][/21/{serial}]`, so their codes can never collide with
/// a GS1 key. A signature rides in the query as `s={base64url}`; GS1 parsers ignore
/// non-numeric keys, so signed codes stay valid Digital Links.
public struct DigitalLink: Hashable, Sendable, CustomStringConvertible {
    /// What the code identifies at its root.
    public enum Key: Hashable, Sendable {
        case gtin(GTIN)
        case productID(ProductID)
    }

    /// How fine-grained the code is.
    public enum Level: String, Sendable {
        case product, batch, unit
    }

    /// Lower-cased host, with `:port` when one was given (`ocop.example.vn`, `localhost:8080`).
    public let host: String
    /// Path segments before the key, as given (`/some/stem`), or empty. GS1 form only.
    public let pathStem: String
    public let key: Key
    /// Consumer product variant (AI 22). GS1 form only.
    public let variant: String?
    /// Batch or lot number (AI 10).
    public let lot: String?
    /// Serial number (AI 21).
    public let serial: String?
    /// GS1 data attributes from the query, in their order.
    public let attributes: [DataAttribute]
    /// The base64url Ed25519 signature of `canonical`, when the code carries one.
    public let signature: String?

    /// The query key of the signature. Non-numeric, so GS1 resolvers and parsers pass over it.
    public static let signatureKey = "s"

    // MARK: Building

    /// A GS1 code. `lot` and `serial` follow the AI 10 / AI 21 rules (CSET 82, 1-20 characters).
    public init(
        host: String, gtin: GTIN, variant: String? = nil, lot: String? = nil, serial: String? = nil,
        attributes: [DataAttribute] = [], pathStem: String = ""
    ) throws(DomainError) {
        try self.init(
            host: Self.normalizedHost(host), pathStem: Self.validatedStem(pathStem), key: .gtin(gtin),
            variant: variant, lot: lot, serial: serial, attributes: attributes, signature: nil
        )
    }

    /// A code in the non-GS1 `/p/` form, for products without a GTIN.
    public init(
        host: String, productID: ProductID, lot: String? = nil, serial: String? = nil,
        attributes: [DataAttribute] = []
    ) throws(DomainError) {
        try self.init(
            host: Self.normalizedHost(host), pathStem: "", key: .productID(productID),
            variant: nil, lot: lot, serial: serial, attributes: attributes, signature: nil
        )
    }

    /// The code printed on one unit: key, lot and this tool's 13-symbol serial.
    public static func unit(host: String, key: Key, lot: String, serial: Serial, attributes: [DataAttribute] = []) throws(DomainError) -> DigitalLink {
        switch key {
        case let .gtin(gtin):
            return try DigitalLink(host: host, gtin: gtin, lot: lot, serial: serial.text, attributes: attributes)
        case let .productID(id):
            return try DigitalLink(host: host, productID: id, lot: lot, serial: serial.text, attributes: attributes)
        }
    }

    /// The code of a whole batch (no serial).
    public static func batch(host: String, key: Key, lot: String, attributes: [DataAttribute] = []) throws(DomainError) -> DigitalLink {
        switch key {
        case let .gtin(gtin):
            return try DigitalLink(host: host, gtin: gtin, lot: lot, attributes: attributes)
        case let .productID(id):
            return try DigitalLink(host: host, productID: id, lot: lot, attributes: attributes)
        }
    }

    /// The same code carrying `signature` (base64url, no padding).
    public func withSignature(_ signature: String) throws(DomainError) -> DigitalLink {
        try Self.validateSignatureText(signature[...])
        return try DigitalLink(
            host: host, pathStem: pathStem, key: key, variant: variant, lot: lot, serial: serial,
            attributes: attributes, signature: signature
        )
    }

    /// The same code without a signature.
    public var unsigned: DigitalLink {
        // Every part was validated when `self` was made, so this cannot fail.
        try! DigitalLink(
            host: host, pathStem: pathStem, key: key, variant: variant, lot: lot, serial: serial,
            attributes: attributes, signature: nil
        )
    }

    /// The batch this unit belongs to: the same code without serial, attributes and signature.
    public var batchLink: DigitalLink {
        try! DigitalLink(
            host: host, pathStem: pathStem, key: key, variant: variant, lot: lot, serial: nil,
            attributes: [], signature: nil
        )
    }

    // MARK: Reading

    public var level: Level {
        if serial != nil { return .unit }
        if lot != nil { return .batch }
        return .product
    }

    public var gtin: GTIN? {
        if case let .gtin(gtin) = key { return gtin }
        return nil
    }

    public var productID: ProductID? {
        if case let .productID(id) = key { return id }
        return nil
    }

    /// The value of a query attribute, e.g. `attribute("17")` for the expiry date.
    public func attribute(_ ai: String) -> String? {
        attributes.first { $0.ai == ai }?.value
    }

    /// The URI without the signature: what is signed and what a store keys codes by. Always
    /// `https`, host lower-cased, values percent-encoded with upper-case hex, so every spelling of
    /// the same code has one canonical text.
    public var canonical: String {
        var text = "https://" + host + pathStem
        switch key {
        case let .gtin(gtin):
            text += "/01/" + gtin.gtin14
            if let variant { text += "/22/" + GS1Characters.percentEncode(variant) }
        case let .productID(id):
            text += "/p/" + id.text
        }
        if let lot { text += "/10/" + GS1Characters.percentEncode(lot) }
        if let serial { text += "/21/" + GS1Characters.percentEncode(serial) }
        if !attributes.isEmpty {
            text += "?" + attributes.map(\.queryItem).joined(separator: "&")
        }
        return text
    }

    /// The full URI: `canonical`, then `s=…` as the last query parameter when signed.
    public var uri: String {
        guard let signature else { return canonical }
        return canonical + (attributes.isEmpty ? "?" : "&") + Self.signatureKey + "=" + signature
    }

    public var description: String { uri }

    // MARK: Parsing

    /// Reads a scanned or typed URI. Accepts `https` and `http` (all lower or all upper case), a host
    /// with port or IPv6 literal, a path stem before `/01/`, qualifiers 22, 10, 21 in that order,
    /// a query with GS1 data attributes and `s`, a fragment (ignored). Non-numeric query keys other
    /// than `s` are ignored, as GS1 parsers do.
    public init(parsing text: String) throws(DomainError) {
        // A page reads its code more than once (route, verdict, links): the last few parsed
        // are kept, so the character-by-character work is done once a request.
        if let known = Self.recentlyParsed.withLock({ $0[text] }) {
            self = known
            return
        }
        try self.init(parsingAfresh: text)
        let parsed = self
        Self.recentlyParsed.withLock { recent in
            if recent.count >= 256 { recent.removeAll(keepingCapacity: true) }
            recent[text] = parsed
        }
    }

    private static let recentlyParsed = Mutex<[String: DigitalLink]>([:])

    private init(parsingAfresh text: String) throws(DomainError) {
        for scalar in text.unicodeScalars where !Self.isURICharacter(scalar) {
            throw DomainError(field: "uri", rule: "character \(ScalarDisplay.describe(scalar)) cannot appear in a URI")
        }
        // A fragment never reaches the server, so it is not part of the code.
        let withoutFragment = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]

        guard let schemeEnd = withoutFragment.firstRange(of: "://") else {
            throw DomainError(field: "uri", rule: "must start with https:// (a GS1 Digital Link)")
        }
        let scheme = withoutFragment[..<schemeEnd.lowerBound]
        guard ["http", "https", "HTTP", "HTTPS"].contains(scheme) else {
            let lowered = scheme.lowercased()
            let rule = lowered == "http" || lowered == "https"
                ? "\"\(scheme)\" mixes upper and lower case; write https"
                : "\"\(scheme)\" is not allowed; a Digital Link uses https (or http)"
            throw DomainError(field: "scheme", rule: rule)
        }
        let afterScheme = withoutFragment[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
        let host = try Self.normalizedHost(String(afterScheme[..<authorityEnd]))

        let rest = afterScheme[authorityEnd...]
        let queryStart = rest.firstIndex(of: "?")
        let path = rest[..<(queryStart ?? rest.endIndex)]
        let query = queryStart.map { rest[rest.index(after: $0)...] }

        let parsedPath = try Self.parsePath(path)
        let (attributes, signature) = try Self.parseQuery(query, pathQualifiers: parsedPath.qualifiers.map(\.ai), key: parsedPath.key)

        var variant: String?, lot: String?, serial: String?
        for qualifier in parsedPath.qualifiers {
            switch qualifier.ai {
            case "22": variant = qualifier.value
            case "10": lot = qualifier.value
            default: serial = qualifier.value
            }
        }
        try self.init(
            host: host, pathStem: parsedPath.stem, key: parsedPath.key, variant: variant, lot: lot, serial: serial,
            attributes: attributes, signature: signature
        )
    }

    // MARK: Internals

    private init(
        host: String, pathStem: String, key: Key, variant: String?, lot: String?, serial: String?,
        attributes: [DataAttribute], signature: String?
    ) throws(DomainError) {
        if let variant { try GS1Characters.validate(variant, field: "variant") }
        if let lot { try GS1Characters.validateLot(lot) }
        if let serial { try GS1Characters.validateSerial(serial) }
        if case .productID = key, variant != nil {
            throw DomainError(field: "variant", rule: "AI 22 exists only with a GTIN (/01/)")
        }
        var seen: Set<String> = []
        for attribute in attributes where !seen.insert(attribute.ai).inserted {
            throw DomainError(field: "query", rule: "AI \(attribute.ai) appears twice")
        }
        self.host = host
        self.pathStem = pathStem
        self.key = key
        self.variant = variant
        self.lot = lot
        self.serial = serial
        self.attributes = attributes
        self.signature = signature
    }

    /// The qualifiers a key takes, in the only order allowed.
    private static func qualifierOrder(for key: Key) -> [String] {
        switch key {
        case .gtin: return ["22", "10", "21"]
        case .productID: return ["10", "21"]
        }
    }

    private struct ParsedPath {
        var stem: String
        var key: Key
        var qualifiers: [(ai: String, value: String)]
    }

    private static func parsePath(_ path: Substring) throws(DomainError) -> ParsedPath {
        let missingKey = DomainError(field: "path", rule: "has no product key; expected /01/{gtin14} or /p/{product id}")
        guard path.count > 1 else { throw missingKey }
        guard path.last != "/" else { throw DomainError(field: "path", rule: "must not end with \"/\"") }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.contains(where: \.isEmpty) else {
            throw DomainError(field: "path", rule: "has an empty segment (\"//\")")
        }

        // Read (AI, value) pairs from the right: the rightmost key wins, so a stem may hold anything.
        var qualifiers: [(ai: String, value: Substring)] = []
        var index = segments.count - 1
        while index >= 1 {
            let ai = String(segments[index - 1])
            let value = segments[index]
            if ai == "01" {
                let gtin = try parseGTIN(value)
                let stem = segments[..<(index - 1)].map { "/" + $0 }.joined()
                return try finish(stem: stem, key: .gtin(gtin), qualifiers: qualifiers)
            }
            if ai == "p" && index == 1 {
                let id = try ProductID(GS1Characters.percentDecode(String(value), field: "product id"))
                return try finish(stem: "", key: .productID(id), qualifiers: qualifiers)
            }
            if ["22", "10", "21"].contains(ai) {
                qualifiers.insert((ai, value), at: 0)
                index -= 2
                continue
            }
            if let name = otherKeys[ai] {
                throw DomainError(
                    field: "path",
                    rule: "key \(ai) (\(name)) is not a product code this tool reads; expected /01/{gtin14} or /p/{product id}"
                )
            }
            if segments.contains("01") || segments.first == "p" {
                throw DomainError(
                    field: "path",
                    rule: "/\(ai)/ is not a qualifier of a product key; only /22/, /10/, /21/ may follow, in that order"
                )
            }
            throw missingKey
        }
        throw missingKey
    }

    private static func finish(stem: String, key: Key, qualifiers: [(ai: String, value: Substring)]) throws(DomainError) -> ParsedPath {
        let order = qualifierOrder(for: key)
        var lastPosition = -1
        var previousAI = ""
        var decoded: [(ai: String, value: String)] = []
        for qualifier in qualifiers {
            guard let position = order.firstIndex(of: qualifier.ai) else {
                throw DomainError(field: "path", rule: "/\(qualifier.ai)/ is not used with /p/; only /10/ and /21/ are")
            }
            guard position > lastPosition else {
                let rule = position == lastPosition
                    ? "/\(qualifier.ai)/ appears twice"
                    : "/\(qualifier.ai)/ must come before /\(previousAI)/ (order: \(order.joined(separator: ", ")))"
                throw DomainError(field: "path", rule: rule)
            }
            lastPosition = position
            previousAI = qualifier.ai
            let field = ["22": "variant", "10": "lot", "21": "serial"][qualifier.ai]!
            decoded.append((qualifier.ai, try GS1Characters.percentDecode(String(qualifier.value), field: field)))
        }
        return ParsedPath(stem: stem, key: key, qualifiers: decoded)
    }

    private static func parseGTIN(_ segment: Substring) throws(DomainError) -> GTIN {
        let text = try GS1Characters.percentDecode(String(segment), field: "gtin")
        if text.utf8.count != 14, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
           GTIN.allowedLengths.contains(text.utf8.count) {
            // GS1's current parser refuses zero-suppressed GTINs in URIs; say how to fix it.
            throw DomainError(
                field: "gtin",
                rule: "has \(text.utf8.count) digits; a Digital Link carries all 14 (pad with zeros in front)"
            )
        }
        return try GTIN(text)
    }

    private static func parseQuery(
        _ query: Substring?, pathQualifiers: [String], key: Key
    ) throws(DomainError) -> ([DataAttribute], String?) {
        guard let query else { return ([], nil) }
        var attributes: [DataAttribute] = []
        var signature: String?
        let qualifiers = qualifierOrder(for: key)
        for parameter in query.split(separator: "&") {
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let rawValue = parts.count > 1 ? parts[1] : nil
            if name == signatureKey {
                guard signature == nil else { throw DomainError(field: "s", rule: "appears twice") }
                let value = rawValue ?? ""
                try validateSignatureText(value)
                signature = String(value)
                continue
            }
            guard !name.isEmpty, name.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
                continue  // Non-numeric keys (linkType, utm_…) are not GS1 data; ignore them as GS1 does.
            }
            if qualifiers.contains(name) {
                let rule = pathQualifiers.contains(name)
                    ? "AI \(name) is already in the path; it must not repeat in the query"
                    : "AI \(name) is a path qualifier; write it as /\(name)/… in the path"
                throw DomainError(field: "query", rule: rule)
            }
            guard let rawValue, !rawValue.isEmpty else {
                throw DomainError(field: "query", rule: "AI \(name) has no value")
            }
            let value = try GS1Characters.percentDecode(String(rawValue), field: "AI \(name)", plusIsSpace: true)
            guard !attributes.contains(where: { $0.ai == name }) else {
                throw DomainError(field: "query", rule: "AI \(name) appears twice")
            }
            attributes.append(try DataAttribute(ai: name, value: value))
        }
        return (attributes, signature)
    }

    private static func validateSignatureText(_ text: Substring) throws(DomainError) {
        guard !text.isEmpty else { throw DomainError(field: "s", rule: "is empty") }
        guard Base64URL.isAlphabet(text) else {
            throw DomainError(field: "s", rule: "must be base64url (A-Z a-z 0-9 - _, no padding)")
        }
    }

    /// Lower-cases and checks `host[:port]`: a DNS name or IPv4 address, or an IPv6 literal in brackets.
    static func normalizedHost(_ authority: String) throws(DomainError) -> String {
        let field = "host"
        guard !authority.isEmpty else { throw DomainError(field: field, rule: "is missing") }
        guard !authority.contains("@") else {
            throw DomainError(field: field, rule: "must not carry a user name (\"@\")")
        }
        let lowered = authority.lowercased()
        var name: Substring
        var port: Substring?
        if lowered.hasPrefix("[") {
            guard let close = lowered.firstIndex(of: "]") else {
                throw DomainError(field: field, rule: "IPv6 address lacks its closing \"]\"")
            }
            name = lowered[...close]
            let inner = lowered[lowered.index(after: lowered.startIndex)..<close]
            guard !inner.isEmpty, inner.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw DomainError(field: field, rule: "\"\(name)\" is not an IPv6 address")
            }
            let after = lowered[lowered.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { throw DomainError(field: field, rule: "unexpected text after \"]\"") }
                port = after.dropFirst()
            }
        } else {
            let parts = lowered.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            name = parts[0]
            port = parts.count > 1 ? parts[1] : nil
            guard !name.isEmpty else { throw DomainError(field: field, rule: "is missing") }
            for scalar in name.unicodeScalars {
                switch scalar {
                case "a"..."z", "0"..."9", "-", ".": continue
                default:
                    throw DomainError(
                        field: field,
                        rule: "character \(ScalarDisplay.describe(scalar)) is not allowed in a host name (a-z, 0-9, -, .)"
                    )
                }
            }
        }
        guard let port else { return String(name) }
        guard !port.isEmpty, port.count <= 5, port.allSatisfy(\.isASCIIDigit), let number = Int(port), number <= 65535 else {
            throw DomainError(field: field, rule: "port \"\(port)\" is not a number 0-65535")
        }
        return "\(name):\(number)"
    }

    private static func validatedStem(_ stem: String) throws(DomainError) -> String {
        guard !stem.isEmpty else { return "" }
        guard stem.hasPrefix("/"), !stem.hasSuffix("/") else {
            throw DomainError(field: "path stem", rule: "must start with \"/\" and not end with one (e.g. /ocop)")
        }
        let segments = stem.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for segment in segments {
            guard !segment.isEmpty else { throw DomainError(field: "path stem", rule: "has an empty segment (\"//\")") }
            guard segment.utf8.allSatisfy(GS1Characters.isUnreserved) else {
                throw DomainError(field: "path stem", rule: "\"\(segment)\" may only use A-Z a-z 0-9 - . _ ~")
            }
            // Parsers read the rightmost key, but a stem holding /01/ would still mislead people.
            guard segment != "01" else { throw DomainError(field: "path stem", rule: "must not contain /01/") }
        }
        return stem
    }

    /// Characters RFC 3986 allows anywhere in a URI: unreserved, reserved and `%`.
    private static func isURICharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        if GS1Characters.isUnreserved(UInt8(scalar.value)) { return true }
        return ":/?#[]@!$&'()*+,;=%".unicodeScalars.contains(scalar)
    }

    /// GS1 keys other than 01, to tell "not a product code" from "not a code at all".
    private static let otherKeys: [String: String] = [
        "00": "SSCC", "253": "GDTI", "255": "GCN", "401": "GINC", "402": "GSIN", "414": "GLN",
        "417": "party GLN", "8003": "GRAI", "8004": "GIAI", "8006": "ITIP", "8010": "CPID",
        "8013": "GMN", "8017": "GSRN provider", "8018": "GSRN recipient",
        "gtin": "GTIN short name, no longer accepted", "sscc": "SSCC short name", "gln": "GLN short name",
    ]
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
