/// A point on a label in millimetres: origin at the top-left corner, y grows downwards.
public struct LabelPoint: Sendable, Equatable, Decodable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case x, y }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        x = try container.decodeNumber(.x, minimum: -1000)
        y = try container.decodeNumber(.y, minimum: -1000)
    }
}

/// A width and height in millimetres.
public struct LabelSize: Sendable, Equatable, Decodable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case width, height }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        width = try container.decodeNumber(.width, exclusive: true)
        height = try container.decodeNumber(.height, exclusive: true)
    }
}

/// A rectangle on a label in millimetres, from its top-left corner.
public struct LabelBox: Sendable, Equatable, Decodable, CustomStringConvertible {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var centre: LabelPoint { LabelPoint(x: x + width / 2, y: y + height / 2) }
    public var corners: [LabelPoint] {
        [LabelPoint(x: x, y: y), LabelPoint(x: maxX, y: y), LabelPoint(x: x, y: maxY), LabelPoint(x: maxX, y: maxY)]
    }

    /// `x 1.2, y 3 (22.4 × 7.6 mm)`.
    public var description: String {
        "x \(MillimetreText.format(x)), y \(MillimetreText.format(y)) "
            + "(\(MillimetreText.format(width)) × \(MillimetreText.format(height)) mm)"
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case x, y, width, height }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        x = try container.decodeNumber(.x, minimum: -1000)
        y = try container.decodeNumber(.y, minimum: -1000)
        width = try container.decodeNumber(.width, exclusive: true)
        height = try container.decodeNumber(.height, exclusive: true)
    }
}

/// Millimetres for messages: at most two decimals, no trailing zeros (`0.25`, `30`, `12.5`).
enum MillimetreText {
    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        var fraction = String(magnitude % 100)
        if fraction.count == 1 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(magnitude / 100) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
