/// Where something of a given size starts inside a box, per horizontal and vertical alignment
/// (QR codes and barcodes; in mm or in pixels alike).
enum BoxAlignment {
    static func origin(width: Double, height: Double, boxX: Double, boxY: Double, boxWidth: Double, boxHeight: Double,
                       align: TextElement.Alignment, verticalAlign: TextElement.VerticalAlignment) -> (x: Double, y: Double) {
        let spareX = boxWidth - width, spareY = boxHeight - height
        let x: Double
        switch align {
        case .left: x = boxX
        case .center: x = boxX + spareX / 2
        case .right: x = boxX + spareX
        }
        let y: Double
        switch verticalAlign {
        case .top: y = boxY
        case .middle: y = boxY + spareY / 2
        case .bottom: y = boxY + spareY
        }
        return (x, y)
    }
}
