import Crypto

/// What Circular 02/2024/TT-BKHCN and Decree 37/2026/NĐ-CP (the digital product passport) ask
/// of a product beyond its registration: brand, model, shelf life, the standards applied, safety
/// warnings and a product image. Set by the product's producer (`product set`); the latest
/// entry of a product replaces the earlier one.
public struct ProductDetails: Sendable, Equatable, Codable {
    public let productID: String
    public let brand: String?
    public let model: String?
    public let shelfLifeDays: Int?
    /// TCVN …, VietGAP, ISO 22000, …
    public let standards: [String]
    public let warnings: String?
    public let image: ProductImage?
    /// Pages of the producer's own by GS1 link type (`productSustainabilityInfo` → https URL),
    /// offered in the resolver's linkset; nil when none (earlier entries keep their bytes).
    public let links: [String: String]?
    /// The producer's phone for buyers of this product, as written ("0294 3855 123").
    public let phone: String?
    /// Where the product is made: a location of the register (its map point goes on the page).
    public let locationID: String?

    enum CodingKeys: String, CodingKey {
        case brand, model, standards, warnings, image, links, phone
        case locationID = "location_id"
        case productID = "product"
        case shelfLifeDays = "shelf_life_days"
    }

    public init(productID: String, brand: String? = nil, model: String? = nil, shelfLifeDays: Int? = nil,
                standards: [String] = [], warnings: String? = nil, image: ProductImage? = nil,
                links: [String: String] = [:], phone: String? = nil, locationID: String? = nil) throws(DomainError) {
        self.productID = try ProductID(productID).text
        func text(_ value: String?, _ field: String, _ limit: Int) throws(DomainError) -> String? {
            guard let value, !value.isEmpty else { return nil }
            return try DomainText.validated(value, field: field, maxLength: limit)
        }
        self.brand = try text(brand, "brand", 100)
        self.model = try text(model, "model", 100)
        if let shelfLifeDays, !(1...3650).contains(shelfLifeDays) {
            throw DomainError(field: "shelf life", rule: "\(shelfLifeDays) days is not 1-3650")
        }
        self.shelfLifeDays = shelfLifeDays
        var kept: [String] = []
        for standard in standards {
            guard let checked = try text(standard, "standard", 100) else { continue }
            if !kept.contains(checked) { kept.append(checked) }
        }
        guard kept.count <= 20 else { throw DomainError(field: "standard", rule: "at most 20 standards") }
        self.standards = kept
        self.warnings = try text(warnings, "warning", 500)
        self.image = image
        for (term, url) in links {
            guard ProductLinkType.external.contains(term) else { throw DomainError(field: "link", rule: "'\(term)' is not a GS1 link type a producer may set") }
            _ = try ProductLinkType.checkedURL(url)
        }
        self.links = links.isEmpty ? nil : links
        self.phone = try phone.flatMap { text throws(DomainError) in text.isEmpty ? nil : try Self.checkedPhone(text) }
        self.locationID = try locationID.flatMap { text throws(DomainError) in text.isEmpty ? nil : try DomainText.identifier(text, field: "location id") }
    }

    /// Digits with spaces, dots, dashes, parentheses and a leading +; 8 to 15 digits.
    static func checkedPhone(_ text: String) throws(DomainError) -> String {
        let digits = text.filter { $0.isASCII && $0.isNumber }.count
        let shaped = text.enumerated().allSatisfy { index, c in
            (c.isASCII && c.isNumber) || " .-()".contains(c) || (c == "+" && index == 0)
        }
        guard shaped, (8...15).contains(digits), text.count <= 30 else {
            throw DomainError(field: "phone", rule: "'\(text)' must be a phone number: 8-15 digits, with spaces, dots, dashes, parentheses or a leading +")
        }
        return text
    }

    /// These details with the given ones replacing theirs (nil keeps, an empty text clears).
    /// `links` adds or replaces links by type; a nil URL removes that type's link.
    public func merged(brand: String?, model: String?, shelfLifeDays: Int?, standards: [String]?, warnings: String?,
                       image: ProductImage?, links: [(term: String, url: String?)] = [], phone: String? = nil,
                       locationID: String? = nil) throws(DomainError) -> ProductDetails {
        var kept = self.links ?? [:]
        for link in links { kept[link.term] = link.url }
        return try ProductDetails(productID: productID, brand: brand ?? self.brand, model: model ?? self.model,
                                  shelfLifeDays: shelfLifeDays ?? self.shelfLifeDays, standards: standards ?? self.standards,
                                  warnings: warnings ?? self.warnings, image: image ?? self.image, links: kept,
                                  phone: phone ?? self.phone, locationID: locationID ?? self.locationID)
    }
}

/// A product image kept in the store by its SHA-256 (PNG or JPEG, at most 2 MB).
public struct ProductImage: Sendable, Equatable, Codable {
    public static let maximumBytes = 2 * 1024 * 1024
    public let sha256: String
    public let mediaType: String
    public let bytes: Int

    enum CodingKeys: String, CodingKey {
        case sha256, bytes
        case mediaType = "media_type"
    }

    public init(sha256: String, mediaType: String, bytes: Int) {
        self.sha256 = sha256
        self.mediaType = mediaType
        self.bytes = bytes
    }

    /// An image file checked (PNG or JPEG by its first bytes, at most 2 MB) and named by its hash.
    public static func of(_ data: [UInt8], name: String) throws(DomainError) -> ProductImage {
        guard data.count <= maximumBytes else {
            throw DomainError(field: "image", rule: "\(name) has \(data.count) bytes; at most 2 MB (\(maximumBytes) bytes)")
        }
        guard let type = mediaType(of: Array(data.prefix(8))) else {
            throw DomainError(field: "image", rule: "\(name) is neither PNG nor JPEG")
        }
        return ProductImage(sha256: Hex.lowercase(SHA256.hash(data: data)), mediaType: type, bytes: data.count)
    }

    /// The media type of an image file by its first bytes; nil for anything but PNG and JPEG.
    public static func mediaType(of data: [UInt8]) -> String? {
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        return nil
    }
}
