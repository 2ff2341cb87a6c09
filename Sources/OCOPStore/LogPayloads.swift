import OCOPDomain

/// The payloads of log entries, one type per kind. Field names are snake_case and stable:
/// they are hashed, exported and read back by every later version.
enum LogPayload {
    struct ActorAdded: Codable {
        let actor: ActorRecord
        let publicKey: String
        let keyID: String
        enum CodingKeys: String, CodingKey {
            case actor
            case publicKey = "public_key"
            case keyID = "key_id"
        }
    }

    struct ActorRevoked: Codable {
        let id: String
        let reason: String?
    }

    struct TokenIssued: Codable {
        let token: DeviceTokenRecord
    }

    struct TokenRevoked: Codable {
        let id: String
        /// The token's actor: what authority checks look at without the rest of the log.
        let actor: String
        let reason: String?
    }

    struct StoreCreated: Codable {
        let format: Int
        let resolver: String
        let publicKey: String
        enum CodingKeys: String, CodingKey {
            case format, resolver
            case publicKey = "public_key"
        }
    }

    struct KeyRotated: Codable {
        let keyID: String
        let publicKey: String
        let previousKeyID: String
        enum CodingKeys: String, CodingKey {
            case keyID = "key_id"
            case publicKey = "public_key"
            case previousKeyID = "previous_key_id"
        }
    }

    struct RatingGranted: Codable {
        let product: String
        let stars: Int
        let score: Int
        let decisionNo: String
        let decisionDate: CalendarDate
        let validUntil: CalendarDate
        /// Absent in entries of before 2026 (see `RatingRecord.level`).
        var level: DecidingLevel?
        enum CodingKeys: String, CodingKey {
            case product, stars, score, level
            case decisionNo = "decision_no"
            case decisionDate = "decision_date"
            case validUntil = "valid_until"
        }
    }

    struct RatingWithdrawn: Codable {
        let product: String
        let decisionNo: String
        let decisionDate: CalendarDate
        let reason: String?
        enum CodingKeys: String, CodingKey {
            case product, reason
            case decisionNo = "decision_no"
            case decisionDate = "decision_date"
        }
    }

    struct BatchIssued: Codable {
        let product: String
        let lot: String
        let units: Int
        let produced: CalendarDate?
        let expires: CalendarDate?
        let ratingSeq: Int64?
        enum CodingKeys: String, CodingKey {
            case product, lot, units, produced, expires
            case ratingSeq = "rating_seq"
        }
    }

    /// Units are logged in chunks so that checking one unit's entry stays cheap.
    struct UnitsIssued: Codable {
        let product: String
        let lot: String
        /// [serial, short code] pairs.
        let units: [[String]]
    }

    /// One resolution of a unit code by the web resolver.
    struct CodeScanned: Codable {
        let serial: String
        /// A salted hash of the client's address: tells clients apart without recording who they are.
        let client: String
    }

    static let unitsPerEntry = 1000

    /// The PIN hashes of the units of one `units_issued` entry (its seq), [serial, hash] pairs.
    struct PinsIssued: Codable {
        let product: String
        let lot: String
        let unitsSeq: Int64
        let pins: [[String]]
        enum CodingKeys: String, CodingKey {
            case product, lot, pins
            case unitsSeq = "units_seq"
        }
    }
}
