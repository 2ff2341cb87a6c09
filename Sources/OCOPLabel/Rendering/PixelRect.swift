/// A rectangle of whole device pixels (printer dots), from its top-left corner.
public struct PixelRect: Sendable, Equatable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public var description: String { "\(width) × \(height) px at (\(x), \(y))" }

    /// The pixels `box` touches at `dpi`, widened by `margin` pixels each way and clipped to
    /// an image of `width` × `height`.
    static func covering(_ box: LabelBox, dpi: Double, margin: Int, within width: Int, _ height: Int) -> PixelRect {
        let perMM = PixelGeometry.pixelsPerMillimetre(dpi: dpi)
        let left = max(0, Int((box.x * perMM).rounded(.down)) - margin)
        let top = max(0, Int((box.y * perMM).rounded(.down)) - margin)
        let right = min(width, Int((box.maxX * perMM).rounded(.up)) + margin)
        let bottom = min(height, Int((box.maxY * perMM).rounded(.up)) + margin)
        return PixelRect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }

    /// The smallest rectangle holding both.
    func union(_ other: PixelRect) -> PixelRect {
        let left = min(x, other.x), top = min(y, other.y)
        return PixelRect(x: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
    }
}
