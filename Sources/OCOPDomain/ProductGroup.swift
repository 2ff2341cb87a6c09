/// The six OCOP product groups in force today. Raw values are the names the provincial registers
/// (and this tool's CSV files) use.
public enum ProductGroup: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case food
    case beverages
    case herbal
    case handicrafts
    case ornamental
    case tourism

    public init(parsing text: String) throws(DomainError) {
        let key = text.trimmingASCIIWhitespace().lowercased()
        if let group = ProductGroup(rawValue: key) ?? VietnameseNames.match(text, Self.allCases.map { ($0, $0.vietnameseName) }) {
            self = group
            return
        }
        let allowed = Self.allCases.map(\.rawValue).joined(separator: ", ")
        var rule = "\"\(text)\" is not an OCOP product group; use one of \(allowed)"
        if let near = NearestMatch.suggestion(for: key, among: Self.allCases.map(\.rawValue)) {
            rule += " (did you mean \(near)?)"
        } else if Self.formerGroupWords.contains(where: { key.contains($0) }) {
            rule += " (that group belongs to the older programme split; map it to one of the current six)"
        }
        throw DomainError(field: "group", rule: rule)
    }

    /// The group's name in the programme's documents.
    public var vietnameseName: String {
        switch self {
        case .food: return "Thực phẩm"
        case .beverages: return "Đồ uống"
        case .herbal: return "Dược liệu và sản phẩm từ dược liệu"
        case .handicrafts: return "Hàng thủ công mỹ nghệ"
        case .ornamental: return "Sinh vật cảnh"
        case .tourism: return "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"
        }
    }

    public var englishName: String {
        switch self {
        case .food: return "Food"
        case .beverages: return "Beverages"
        case .herbal: return "Medicinal herbs and herbal products"
        case .handicrafts: return "Handicrafts"
        case .ornamental: return "Ornamental plants and animals"
        case .tourism: return "Community, eco- and rural tourism services and destinations"
        }
    }

    public var description: String { rawValue }

    /// Words from the older split (textiles and garments; souvenirs, furniture and decoration).
    private static let formerGroupWords = ["textile", "garment", "souvenir", "furniture", "decoration"]
}
