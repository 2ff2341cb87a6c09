import CCairo
import Foundation

/// The path of a regular five-pointed star (a pentagram's outline), point up.
enum StarShape {
    /// Inner radius over outer radius of a regular pentagram: 1 / φ².
    static let innerRatio = 0.381_966_011_250_105

    /// Adds a star whose circumscribed circle has `radius` around (`x`, `y`) to the current path.
    /// The star is moved down by half its empty space below, so it sits centred in its cell:
    /// its points reach `radius` above the centre but only `radius × cos 36°` below.
    static func addPath(to cairo: OpaquePointer, centreX x: Double, centreY y: Double, radius: Double) {
        let shift = radius * (1 - cos(Double.pi / 5)) / 2
        for vertex in 0..<10 {
            let angle = -Double.pi / 2 + Double(vertex) * Double.pi / 5
            let r = vertex % 2 == 0 ? radius : radius * innerRatio
            let px = x + r * cos(angle), py = y + shift + r * sin(angle)
            if vertex == 0 { cairo_move_to(cairo, px, py) } else { cairo_line_to(cairo, px, py) }
        }
        cairo_close_path(cairo)
    }
}
