/// The kind of producer ("chủ thể") that owns an OCOP product. Raw values as in the registers.
public enum EntityKind: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case householdBusiness = "household_business"
    case company
    case enterprise
    case cooperative
    case cooperativeGroup = "cooperative_group"

    /// Accepts the register names; case, spaces and hyphens are forgiven (`Cooperative group`).
    public init(parsing text: String) throws(DomainError) {
        let key = String(text.trimmingASCIIWhitespace().lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
        if let kind = EntityKind(rawValue: key) ?? VietnameseNames.match(text, Self.allCases.map { ($0, $0.vietnameseName) }) {
            self = kind
            return
        }
        let allowed = Self.allCases.map(\.rawValue).joined(separator: ", ")
        var rule = "\"\(text)\" is not an OCOP entity kind; use one of \(allowed)"
        if let near = NearestMatch.suggestion(for: key, among: Self.allCases.map(\.rawValue)) {
            rule += " (did you mean \(near)?)"
        }
        throw DomainError(field: "producer kind", rule: rule)
    }

    public var vietnameseName: String {
        switch self {
        case .householdBusiness: return "Hộ kinh doanh"
        case .company: return "Công ty"
        case .enterprise: return "Doanh nghiệp"
        case .cooperative: return "Hợp tác xã"
        case .cooperativeGroup: return "Tổ hợp tác"
        }
    }

    public var englishName: String {
        switch self {
        case .householdBusiness: return "Household business"
        case .company: return "Company"
        case .enterprise: return "Enterprise"
        case .cooperative: return "Cooperative"
        case .cooperativeGroup: return "Cooperative group"
        }
    }

    public var description: String { rawValue }
}
