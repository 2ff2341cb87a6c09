import OCOPDomain

/// What a product's printed star stamps show: rendered for one rating, or withdrawn from
/// shelves after that rating lapsed. Logged as `stamp_rendered` or `stamp_withdrawn`.
public struct StampRecord: Sendable, Equatable, Codable {
    public enum Action: String, Sendable, Codable {
        case rendered
        case withdrawn
    }

    public let productID: String
    public let action: Action
    /// The rating the stamps show (rendered) or showed (withdrawn).
    public let ratingSeq: Int64?
    public let stars: Int?
    public let validUntil: CalendarDate?
    /// Rendered files and their SHA-256, so a later audit can tell which artwork was issued.
    public let files: [StampFile]
    public let reason: String?

    public struct StampFile: Sendable, Equatable, Codable {
        public let path: String
        public let sha256: String
        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    enum CodingKeys: String, CodingKey {
        case action, stars, files, reason
        case productID = "product"
        case ratingSeq = "rating_seq"
        case validUntil = "valid_until"
    }

    public init(productID: String, action: Action, ratingSeq: Int64?, stars: Int?, validUntil: CalendarDate?,
                files: [StampFile], reason: String?) {
        self.productID = productID
        self.action = action
        self.ratingSeq = ratingSeq
        self.stars = stars
        self.validUntil = validUntil
        self.files = files
        self.reason = reason
    }
}
