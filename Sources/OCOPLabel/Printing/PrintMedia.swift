/// The roll a job prints on, in printer dots: the label's size, where the design sits on it,
/// the gap and the darkness.
struct PrintMedia: Sendable {
    let dpi: Double
    let stock: LabelSize
    let widthDots: Int
    let lengthDots: Int
    /// The design's top-left corner on the stock (centred when the stock is larger).
    let originX: Int
    let originY: Int
    let settings: PrinterSettings

    init(template: LabelTemplate, dpi: Double, designWidth: Int, designHeight: Int) {
        self.dpi = dpi
        stock = template.stockSize
        widthDots = max(designWidth, PixelGeometry.pixels(stock.width, dpi: dpi))
        lengthDots = max(designHeight, PixelGeometry.pixels(stock.height, dpi: dpi))
        originX = (widthDots - designWidth) / 2
        originY = (lengthDots - designHeight) / 2
        settings = template.printer
    }

    /// Continuous stock: no gap for the sensor to find.
    var isContinuous: Bool { settings.gapMM == 0 }
}
