/// How millimetres become device pixels and PDF points.
///
/// **Dimensions rule.** A label `w` × `h` mm rendered at `dpi` is an image of
/// `round(w × dpi / 25.4)` × `round(h × dpi / 25.4)` pixels (rounded half away from zero), and its
/// PNG's pHYs chunk says `dpi` (as `round(dpi / 0.0254)` pixels per metre). The drawing scale is
/// exactly `dpi / 25.4` pixels per mm, so the last row or column may show up to half a pixel less
/// or more of the design than its nominal edge. A 50 × 30 mm label is 591 × 354 px at 300 dpi,
/// 400 × 240 px at 203 dpi and 1181 × 709 px at 600 dpi. PDF pages are `mm × 72 / 25.4` points,
/// unrounded, so printing at 100 % gives the true size.
public enum PixelGeometry {
    public static let millimetresPerInch = 25.4
    public static let pointsPerInch = 72.0

    /// Pixels for a length in mm at `dpi` (the dimensions rule).
    public static func pixels(_ millimetres: Double, dpi: Double) -> Int {
        Int((millimetres * dpi / millimetresPerInch).rounded())
    }

    public static func pixelsPerMillimetre(dpi: Double) -> Double {
        dpi / millimetresPerInch
    }

    /// PDF/PostScript points for a length in mm.
    public static func points(_ millimetres: Double) -> Double {
        millimetres * pointsPerInch / millimetresPerInch
    }

    /// The size in mm of `count` pixels at `dpi`.
    public static func millimetres(pixels count: Int, dpi: Double) -> Double {
        Double(count) * millimetresPerInch / dpi
    }
}
