/// Who recognised a rating. Since Decision 1489/QĐ-TTg (2025) the province's People's Committee
/// recognises 3- and 4-star products and the Ministry of Agriculture and Environment 5-star ones
/// (as its predecessor, the Ministry of Agriculture and Rural Development, did before).
public enum DecidingLevel: String, Sendable, Codable, CaseIterable {
    case province
    case central

    public init(parsing text: String) throws(DomainError) {
        switch VietnameseFolding.fold(text) {
        case "province", "tinh", "cap tinh": self = .province
        case "central", "trung uong", "bo", "cap trung uong": self = .central
        default: throw DomainError(field: "level", rule: "'\(text)' is not province or central")
        }
    }

    /// The level a decision number names: `…/QĐ-UBND` a province's People's Committee;
    /// `…/QĐ-BNN…` (the ministry before 2025, e.g. QĐ-BNN-VPĐP) or `…/QĐ-BNNMT` the ministry.
    /// nil when the number says neither.
    public static func of(_ number: DecisionNumber) -> DecidingLevel? {
        let folded = VietnameseFolding.fold(number.text).replacingOccurrences(of: " ", with: "")
        guard let slash = folded.firstIndex(of: "/") else { return nil }
        let issuer = folded[folded.index(after: slash)...]
        if issuer.contains("ubnd") { return .province }
        if issuer.contains("bnn") { return .central }
        return nil
    }

    /// The level `stars` must be recognised at.
    public static func required(for stars: Stars) -> DecidingLevel { stars == .five ? .central : .province }

    /// Checks a new rating: the level given, else the one its number names, must be the one
    /// its stars need. Returns the level to record.
    public static func checked(_ given: DecidingLevel?, number: DecisionNumber, stars: Stars) throws(DomainError) -> DecidingLevel {
        guard let level = given ?? of(number) else {
            throw DomainError(field: "level", rule: "decision '\(number)' does not say who decided (…/QĐ-UBND: a province; …/QĐ-BNN…, …/QĐ-BNNMT: the ministry); give the level (province or central)")
        }
        let needed = required(for: stars)
        guard level == needed else {
            let who = level == .province ? "a province's decision" : "a central decision"
            throw DomainError(field: "stars", rule: needed == .central
                ? "\(stars.rawValue) stars are recognised centrally since Decision 1489/QĐ-TTg (2025), and '\(number)' is \(who)"
                : "\(stars.rawValue) stars are recognised by the province (Decision 1489/QĐ-TTg, 2025), and '\(number)' is \(who)")
        }
        return level
    }
}
