/// A GS1 application identifier carried in a Digital Link query, e.g. `17=271231` (expiry).
///
/// Only the AIs an OCOP label has use for are accepted (dates, measures, price, origin,
/// additional ids, company-internal data); any other all-numeric key is refused rather than
/// passed on unchecked, as GS1's own parser refuses unknown AIs.
public struct DataAttribute: Hashable, Sendable, CustomStringConvertible {
    public let ai: String
    /// The decoded value.
    public let value: String

    public init(ai: String, value: String) throws(DomainError) {
        guard let format = Self.format(of: ai) else {
            throw DomainError(field: "query", rule: Self.unsupportedRule(ai))
        }
        try format.validate(value, field: "AI \(ai)")
        self.ai = ai
        self.value = value
    }

    /// Production date (AI 11), GS1 `YYMMDD`.
    public static func productionDate(_ date: CalendarDate) -> DataAttribute {
        DataAttribute(trusted: "11", date.gs1YYMMDD)
    }

    /// Expiry / use-by date (AI 17), GS1 `YYMMDD`.
    public static func expiryDate(_ date: CalendarDate) -> DataAttribute {
        DataAttribute(trusted: "17", date.gs1YYMMDD)
    }

    /// Best-before date (AI 15), GS1 `YYMMDD`.
    public static func bestBeforeDate(_ date: CalendarDate) -> DataAttribute {
        DataAttribute(trusted: "15", date.gs1YYMMDD)
    }

    /// `ai=value` with the value percent-encoded, as it stands in the query.
    public var queryItem: String { "\(ai)=\(GS1Characters.percentEncode(value))" }

    public var description: String { "(\(ai))\(value)" }

    /// The AIs accepted, as GS1's syntax dictionary lists them.
    public static let supportedAIs =
        "11 13 15 16 17 (dates), 7006 7007 (freeze, harvest), 30 (count), 310n-316n 330n-337n (metric measures), "
        + "392n (price), 422 (origin), 240 241 (additional ids), 90-99 (internal)"

    // MARK: Formats

    enum Format {
        /// GS1 `YYMMDD`; day 00 only where the AI allows it.
        case date(dayZero: Bool)
        /// One or two `YYMMDD` dates (AI 7007: a harvest day or a range).
        case dateOrRange
        case numeric(ClosedRange<Int>)
        case cset82(maximumLength: Int)

        func validate(_ value: String, field: String) throws(DomainError) {
            switch self {
            case let .date(dayZero):
                try CalendarDate.validateGS1YYMMDD(value, allowsDayZero: dayZero, field: field)
            case .dateOrRange:
                let digits = Array(value)
                guard digits.count == 6 || digits.count == 12 else {
                    throw DomainError(field: field, rule: "must be YYMMDD or YYMMDDYYMMDD")
                }
                try CalendarDate.validateGS1YYMMDD(String(digits.prefix(6)), allowsDayZero: false, field: field)
                if digits.count == 12 {
                    try CalendarDate.validateGS1YYMMDD(String(digits.suffix(6)), allowsDayZero: false, field: field)
                }
            case let .numeric(lengths):
                guard !value.isEmpty, value.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
                    throw DomainError(field: field, rule: "must be digits only")
                }
                guard lengths.contains(value.utf8.count) else {
                    let expected = lengths.count == 1 ? "\(lengths.lowerBound)" : "\(lengths.lowerBound)-\(lengths.upperBound)"
                    throw DomainError(field: field, rule: "has \(value.utf8.count) digits; expected \(expected)")
                }
            case let .cset82(maximumLength):
                try GS1Characters.validate(value, field: field, maximumLength: maximumLength)
            }
        }
    }

    static func format(of ai: String) -> Format? {
        let digits = Array(ai.utf8).map { Int($0) - 48 }
        guard !digits.isEmpty, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        switch ai {
        case "11", "13", "15", "16", "17": return .date(dayZero: true)
        case "7006": return .date(dayZero: false)
        case "7007": return .dateOrRange
        case "30": return .numeric(1...8)
        case "422": return .numeric(3...3)
        case "240", "241", "90": return .cset82(maximumLength: 30)
        default: break
        }
        if digits.count == 2, (91...99).contains(digits[0] * 10 + digits[1]) {
            return .cset82(maximumLength: 90)
        }
        if digits.count == 4 {
            let family = digits[0] * 100 + digits[1] * 10 + digits[2]
            let decimals = digits[3]
            // Metric measures 310n-316n and 330n-337n: six digits, n = decimal places 0-5.
            if ((310...316).contains(family) || (330...337).contains(family)) && decimals <= 5 {
                return .numeric(6...6)
            }
            // Price in local currency (VND), n decimal places.
            if family == 392 { return .numeric(1...15) }
        }
        return nil
    }

    static func unsupportedRule(_ ai: String) -> String {
        "\(ai) is not a GS1 application identifier this tool accepts in a query; supported: \(supportedAIs)"
    }

    private init(trusted ai: String, _ value: String) {
        self.ai = ai
        self.value = value
    }
}
