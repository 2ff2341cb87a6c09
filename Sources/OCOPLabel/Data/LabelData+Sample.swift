import OCOPDomain

extension LabelData {
    /// Realistic values of generous length: what `template check` lays text out with and
    /// `template preview` shows. The unit URI is a signed GS1 Digital Link of 159 bytes.
    public static let sample: LabelData = {
        let validUntil = try! CalendarDate(year: 2029, month: 10, day: 15)
        return LabelData(
            product: Product(id: "TV-0001", name: "Bánh tét lá cẩm nhân đậu xanh Kim Hòa", gtin: "09528400000020",
                             group: ProductGroup.food.vietnameseName),
            producer: Producer(name: "Hợp tác xã Nông nghiệp Kim Hòa",
                               address: "Ấp Sóc Ruộng, xã Kim Hòa, huyện Cầu Ngang, tỉnh Trà Vinh"),
            lot: "KD-2026-11",
            produced: try! CalendarDate(year: 2026, month: 11, day: 2),
            expires: try! CalendarDate(year: 2027, month: 5, day: 2),
            rating: RatingInfo(stars: 4, validUntil: validUntil, year: 2026, decisionNumber: "2180/QĐ-UBND"),
            productURI: "https://id.example.vn/01/09528400000020",
            batchURI: "https://id.example.vn/01/09528400000020/10/KD-2026-11",
            unit: Unit(serial: "DWWHM8WC2DSA0", shortCode: "7Q2K-9XW3-M",
                       uri: "https://id.example.vn/01/09528400000020/10/KD-2026-11/21/DWWHM8WC2DSA0?s="
                           + "hQ3x7Vb1kLmN0pR2sT4uW6yZ8aC9dE_fG-hJ5kM7nP1qR3tU5vX7zB9cD2eF4gH6jK8mN0pQ2rS4tV6wY8zA1b",
                       pin: "48210937")
        )
    }()

    /// A GTIN-12 (as GTIN-14) for previews and checks of UPC-A labels: the sample product's
    /// GTIN-13 has no UPC-A form.
    public static let sampleGTIN12 = "00036000291452"

    /// The sample unit's compact code (`CompactCode`): its URI without signature, scheme and host
    /// in upper case (70 characters).
    public static let sampleCompactURI = "HTTPS://ID.EXAMPLE.VN/01/09528400000020/10/KD-2026-11/21/DWWHM8WC2DSA0"

    /// `sample`, with a GTIN that every barcode of `template` can carry and the unit code its
    /// `unit_code` asks for.
    public static func sample(for template: LabelTemplate) -> LabelData {
        var data = sample
        if template.unitCode == .compact { data.unit?.uri = sampleCompactURI }
        let hasUPC = template.elements.contains { element in
            if case let .barcode(barcode) = element { return barcode.symbology == .upca }
            return false
        }
        if hasUPC { data.product.gtin = sampleGTIN12 }
        return data
    }
}
