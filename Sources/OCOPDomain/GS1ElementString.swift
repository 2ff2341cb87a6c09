/// GS1 element strings for GS1-128 and GS1 DataMatrix: (01) the GTIN-14, (17) the expiry date
/// as YYMMDD when there is one, then (10) the lot when there is one.
///
/// The variable-length lot goes last, so no FNC1 separator follows it (GS1 General
/// Specifications 5.10.1: predefined-length AIs first, the variable-length one at the end).
public struct GS1ElementString: Sendable, Equatable {
    public struct Element: Sendable, Equatable {
        /// The Application Identifier: `01`, `17`, `10`.
        public let ai: String
        public let value: String
    }

    public let elements: [Element]

    public init(gtin: GTIN, expires: CalendarDate? = nil, lot: String? = nil) throws(DomainError) {
        var elements = [Element(ai: "01", value: gtin.gtin14)]
        if let expires {
            guard (2000...2099).contains(expires.year) else {
                throw DomainError(field: "expires", rule: "\(expires) cannot be written as GS1 YYMMDD (AI 17); use a date in 2000-2099")
            }
            elements.append(Element(ai: "17", value: expires.gs1YYMMDD))
        }
        if let lot {
            try GS1Characters.validateLot(lot)
            elements.append(Element(ai: "10", value: lot))
        }
        self.elements = elements
    }

    /// The human-readable interpretation printed under a GS1-128: `(01)09528400000020(17)270502(10)KD-2026-11`.
    public var humanReadable: String {
        elements.map { "(\($0.ai))\($0.value)" }.joined()
    }

    /// The same with square brackets, the form barcode encoders take: brackets are not in GS1's
    /// character set 82 while parentheses are, so a lot like `A(1)` cannot be misread as an AI.
    public var bracketed: String {
        elements.map { "[\($0.ai)]\($0.value)" }.joined()
    }

    /// What a scanner transmits after the symbology identifier: the AIs and values run together,
    /// a GS (0x1D) after each variable-length value that is not the last.
    public var transmitted: String {
        var text = ""
        for (index, element) in elements.enumerated() {
            text += element.ai + element.value
            if element.ai == "10" && index < elements.count - 1 { text += "\u{1D}" }
        }
        return text
    }
}
