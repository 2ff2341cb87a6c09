import CCairo

/// The thin line around a printed label that shows where the sticker's die cut is (or where
/// to cut plain paper). Process cyan, as cut lines are drawn in print work: visible, yet not
/// mistaken for the label's own black.
enum CutOutline {
    static let color = LabelColor(0x00, 0xAE, 0xEF)
    static let widthMM = 0.1

    /// Strokes `box` (mm, on a context whose unit is the millimetre), the line centred on its edge.
    static func stroke(_ boxes: [LabelBox], on context: DrawingContext, widthMM: Double = widthMM) {
        guard !boxes.isEmpty else { return }
        let cairo = context.cairo
        for box in boxes { cairo_rectangle(cairo, box.x, box.y, box.width, box.height) }
        context.setColor(color)
        cairo_set_line_width(cairo, widthMM)
        cairo_stroke(cairo)
    }

    /// Sets one-pixel outlines of `boxes` on a gray (1 channel) or RGB (3 channels) page.
    static func plot(_ boxes: [LabelBox], on page: inout [UInt8], width: Int, height: Int, channels: Int, pixelsPerMM: Double) {
        // Gray pages get the colour's luminance (Rec. 601), as a gray printer would print it.
        let red = 0.299 * Double(color.red), green = 0.587 * Double(color.green), blue = 0.114 * Double(color.blue)
        let luminance = UInt8((red + green + blue).rounded())
        let ink: [UInt8] = channels == 1 ? [luminance] : [color.red, color.green, color.blue]
        func plot(_ x: Int, _ y: Int) {
            guard (0..<width).contains(x), (0..<height).contains(y) else { return }
            let start = (y * width + x) * channels
            page.replaceSubrange(start..<(start + channels), with: ink)
        }
        for box in boxes {
            let left = Int((box.x * pixelsPerMM).rounded()), top = Int((box.y * pixelsPerMM).rounded())
            let right = Int((box.maxX * pixelsPerMM).rounded()) - 1, bottom = Int((box.maxY * pixelsPerMM).rounded()) - 1
            guard right > left, bottom > top else { continue }
            for x in left...right { plot(x, top); plot(x, bottom) }
            for y in top...bottom { plot(left, y); plot(right, y) }
        }
    }
}
