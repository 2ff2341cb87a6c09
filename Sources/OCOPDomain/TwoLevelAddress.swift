/// A three-level address of before 1 July 2025: kept for labels printed before the reform.
public struct FormerAddress: Sendable, Equatable, Codable {
    public let province: String
    public let district: String?
    public let commune: String?

    public init(province: String, district: String?, commune: String?) {
        self.province = province
        self.district = district
        self.commune = commune
    }

    /// "Đại Phước, Càng Long, Trà Vinh": as the old labels printed it.
    public var line: String { [commune, district, province].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ") }
}

/// An address of the two-level local government in force since 1 July 2025 (one of the 34
/// provinces and a commune or ward), read from either shape: today's, or the old three-level one
/// (a former province and a district), which is mapped to today's province and kept as
/// `formerAddress`. Producers and locations share it.
public struct TwoLevelAddress: Sendable, Equatable {
    /// One of the 34 provinces and centrally-run cities (`VietnamProvinces`).
    public let province: String
    /// The commune or ward, as written (communes merged too; no table of them is shipped).
    public let commune: String
    public let formerAddress: FormerAddress?

    /// - Parameters:
    ///   - province: a province of today, or a former one (then mapped, and kept in `formerAddress`).
    ///   - district: a district of the old three-level address: `province` and `commune` are then
    ///     read as the old address too.
    ///   - formerAddress: the old address, given apart from today's.
    public init(province: String, commune: String, district: String?, formerAddress: FormerAddress?) throws(DomainError) {
        let commune = try Self.validatedCommune(commune)
        let typed = try DomainText.validated(province, field: "province", maxLength: 100)
        let district = try district.flatMap { text throws(DomainError) in
            text.isEmpty ? nil : try DomainText.validated(text, field: "district", maxLength: 100)
        }
        self.commune = commune
        if let district {
            guard let unit = VietnamProvinces.formerUnit(typed) else { throw Self.unknownProvince(typed) }
            self.province = unit.now.name
            self.formerAddress = FormerAddress(province: unit.name, district: district, commune: commune)
            return
        }
        switch VietnamProvinces.match(typed) {
        case let .current(today)?:
            self.province = today.name
            self.formerAddress = try formerAddress.map { old throws(DomainError) in try Self.checked(old) }
        case let .former(name, today)?:
            self.province = today.name
            self.formerAddress = try formerAddress.map { old throws(DomainError) in try Self.checked(old) }
                ?? FormerAddress(province: name, district: nil, commune: commune)
        case nil:
            throw Self.unknownProvince(typed)
        }
    }

    /// "xã Kim Hòa, tỉnh Vĩnh Long": the address of today, as labels and pages print it.
    public var line: String { Self.line(province: province, commune: commune) }

    public static func line(province: String, commune: String) -> String {
        let title = VietnamProvinces.provinces.first { $0.name == province }?.title ?? province
        return commune.isEmpty ? title : "\(commune), \(title)"
    }

    public static func validatedCommune(_ text: String) throws(DomainError) -> String {
        try DomainText.validated(text, field: "commune", maxLength: 100)
    }

    private static func checked(_ old: FormerAddress) throws(DomainError) -> FormerAddress {
        let province = try DomainText.validated(old.province, field: "former province", maxLength: 100)
        guard let unit = VietnamProvinces.formerUnit(province) else { throw unknownProvince(province, field: "former province") }
        return FormerAddress(
            province: unit.name,
            district: try old.district.flatMap { text throws(DomainError) in text.isEmpty ? nil : try DomainText.validated(text, field: "former district", maxLength: 100) },
            commune: try old.commune.flatMap { text throws(DomainError) in text.isEmpty ? nil : try DomainText.validated(text, field: "former commune", maxLength: 100) })
    }

    private static func unknownProvince(_ text: String, field: String = "province") -> DomainError {
        var rule = "'\(text)' is not one of Vietnam's 34 provinces and cities since 1 July 2025, nor one of the 63 before"
        if let near = VietnamProvinces.suggestion(for: text) { rule += " (did you mean \(near)?)" }
        return DomainError(field: field, rule: rule)
    }
}
