/// An OCOP star rank that certifies a product: 3, 4 or 5 stars (1 and 2 stars do not).
///
/// A score only sets the highest rank a product may get: each rank also has mandatory criteria,
/// so 72 points with 3 stars is legitimate. A score below the rank's floor never is.
public enum Stars: Int, CaseIterable, Comparable, Sendable, Codable, CustomStringConvertible {
    case three = 3
    case four = 4
    case five = 5

    /// Reads `3`, `4` or `5`.
    public init(parsing text: String) throws(DomainError) {
        guard let count = Int(text.trimmingASCIIWhitespace()) else {
            throw DomainError(field: "stars", rule: "\"\(text)\" is not a number; use 3, 4 or 5")
        }
        try self.init(count: count)
    }

    public init(count: Int) throws(DomainError) {
        guard let stars = Stars(rawValue: count) else {
            let reason = (1...2).contains(count)
                ? "\(count) stars are not an OCOP certification (only 3 to 5 stars are)"
                : "\(count) is not an OCOP rank"
            throw DomainError(field: "stars", rule: "\(reason); use 3, 4 or 5")
        }
        self = stars
    }

    /// The lowest score this rank may have: 50, 70, 90.
    public var scoreFloor: Int {
        switch self {
        case .three: return 50
        case .four: return 70
        case .five: return 90
        }
    }

    /// The points that earn exactly this rank: 50-69, 70-89, 90-100.
    public var band: ClosedRange<Int> {
        switch self {
        case .three: return 50...69
        case .four: return 70...89
        case .five: return 90...100
        }
    }

    /// The highest rank `score` allows, or nil below 50 points.
    public static func highestRank(forScore score: Int) -> Stars? {
        allCases.last { score >= $0.scoreFloor }
    }

    /// Accepts a score of 0-100 at or above this rank's floor (above the band's top too).
    public func validate(score: Int) throws(DomainError) {
        guard (0...100).contains(score) else {
            throw DomainError(field: "score", rule: "\(score) is outside 0-100")
        }
        guard score >= scoreFloor else {
            throw DomainError(
                field: "score",
                rule: "\(score) is below the \(rawValue)-star floor of \(scoreFloor) "
                    + "(\(rawValue) stars need \(band.lowerBound)-\(band.upperBound) points or more)"
            )
        }
    }

    /// Who recognises this rank today: the province for 3 and 4 stars, the ministry for 5 ("OCOP quốc gia").
    public var recognisedBy: String {
        self == .five ? "trung ương (OCOP quốc gia)" : "UBND tỉnh"
    }

    /// `3 sao`.
    public var vietnameseName: String { "\(rawValue) sao" }

    /// `★★★`, for stamps and terminal output.
    public var symbols: String { String(repeating: "★", count: rawValue) }

    public var description: String { "\(rawValue) stars" }

    public static func < (lhs: Stars, rhs: Stars) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension String {
    /// Trims spaces, tabs and line breaks a spreadsheet cell may carry, without Foundation.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
