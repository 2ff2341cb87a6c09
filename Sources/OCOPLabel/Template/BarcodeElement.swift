import OCOPDomain

/// A GS1 barcode of the product: EAN-13 or UPC-A of its GTIN, or GS1-128 or GS1 DataMatrix of
/// (01) its GTIN-14, (17) the batch's expiry date and (10) its lot (each when the batch has one).
///
/// The symbol with its quiet zones (and, for linear symbols, the human-readable digits under the
/// bars) sits in `box` as `align`/`valign` say. In raster output each module is a whole number of
/// pixels (printer dots in thermal output), never under GS1's minimum X-dimension; PDF and SVG use
/// `x_dimension_mm` exactly.
public struct BarcodeElement: Sendable, Equatable, Decodable {
    /// EAN-13 and UPC-A guard bars reach this many X-dimensions below the other bars.
    public static let guardExtensionModules = 5

    /// The band under a linear symbol's bars that holds its human-readable text, in X-dimensions:
    /// digits 10 X high in em, between the extended guard bars of EAN-13 and UPC-A as GS1 draws
    /// them; GS1-128's parentheses reach one module further down.
    public static func textBandModules(_ symbology: GS1Symbology) -> Int {
        symbology == .gs1_128 ? 11 : 10
    }

    public var name: String?
    public var symbology: GS1Symbology
    /// The X-dimension (narrowest bar, or a DataMatrix module) the template asks for.
    public var xDimensionMM: Double
    /// The bars' height for linear symbols; nil fills the box less the human-readable text.
    public var barHeightMM: Double?
    public var humanReadable: Bool
    public var box: LabelBox
    public var align: TextElement.Alignment
    public var verticalAlign: TextElement.VerticalAlignment
    public var color: LabelColor

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, name, symbology, xDimensionMM = "x_dimension_mm", barHeightMM = "bar_height_mm"
        case humanReadable = "human_readable", box, align, verticalAlign = "valign", color
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        let symbologyName = try container.decode(String.self, forKey: .symbology)
        guard let symbology = GS1Symbology(rawValue: symbologyName) else {
            let allowed = GS1Symbology.allCases.map(\.rawValue).joined(separator: ", ")
            throw container.invalid(.symbology, "\"\(symbologyName)\" is not a barcode symbology; use one of \(allowed)")
        }
        self.symbology = symbology
        xDimensionMM = try container.decodeNumber(.xDimensionMM, exclusive: true)
        barHeightMM = try container.decodeNumberIfPresent(.barHeightMM, exclusive: true)
        humanReadable = try container.decodeIfPresent(Bool.self, forKey: .humanReadable) ?? symbology.isLinear
        box = try container.decode(LabelBox.self, forKey: .box)
        align = try container.decodeIfPresent(TextElement.Alignment.self, forKey: .align) ?? .center
        verticalAlign = try container.decodeIfPresent(TextElement.VerticalAlignment.self, forKey: .verticalAlign) ?? .middle
        color = try container.decodeIfPresent(LabelColor.self, forKey: .color) ?? .black
        if xDimensionMM > 5 { throw container.invalid(.xDimensionMM, "\(xDimensionMM) mm is no barcode module; GS1 allows at most 1.016 mm") }
        if !symbology.isLinear {
            if barHeightMM != nil { throw container.invalid(.barHeightMM, "a GS1 DataMatrix has no bars; its height follows from x_dimension_mm") }
            if humanReadable {
                throw container.invalid(.humanReadable, "is for linear symbols; print the GTIN, lot and date beside a GS1 DataMatrix with text elements")
            }
        }
    }
}
