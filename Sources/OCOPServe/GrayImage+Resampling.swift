import Foundation
import OCOPPNG

/// Size and angle changes of a gray photo, for decoding: area-averaging to shrink (every source
/// pixel counts, so fine QR modules are not skipped over), bilinear to enlarge and to turn.
extension GrayImage {
    /// At most `longSide` pixels on the longer side; a smaller image is returned as it is.
    func downscaled(toLongSide longSide: Int) -> GrayImage {
        let longest = Swift.max(width, height)
        guard longest > longSide, longSide > 0 else { return self }
        let factor = Double(longSide) / Double(longest)
        let newWidth = Swift.max(1, Int((Double(width) * factor).rounded()))
        let newHeight = Swift.max(1, Int((Double(height) * factor).rounded()))
        // Rows first, then columns: two one-dimensional area averages.
        let narrow = Self.areaAverage(pixels, count: width, lines: height, newCount: newWidth) { Float($0) }
        let small = Self.areaAverage(narrow, count: height, lines: newWidth, newCount: newHeight) { $0 }
        return GrayImage(width: newWidth, height: newHeight, pixels: small.map { UInt8(clamping: Int($0.rounded())) })
    }

    /// `factor` times the size: area-averaged below 1, bilinear above.
    func scaled(by factor: Double) -> GrayImage {
        if factor < 1 { return downscaled(toLongSide: Int(Double(Swift.max(width, height)) * factor)) }
        let newWidth = Int(Double(width) * factor), newHeight = Int(Double(height) * factor)
        return warped(width: newWidth, height: newHeight) { x, y in (x / factor, y / factor) }
    }

    /// Turned by `degrees` around the centre, on a canvas grown to hold all of it, white around.
    func rotated(degrees: Double) -> GrayImage {
        let radians = degrees * .pi / 180
        let cosine = cos(radians), sine = sin(radians)
        // Less a hair before rounding up: cos 90° is 6e-17, not 0, and must not add a column.
        let newWidth = Int((abs(Double(width) * cosine) + abs(Double(height) * sine) - 1e-6).rounded(.up))
        let newHeight = Int((abs(Double(width) * sine) + abs(Double(height) * cosine) - 1e-6).rounded(.up))
        let centre = (x: Double(width) / 2, y: Double(height) / 2)
        let newCentre = (x: Double(newWidth) / 2, y: Double(newHeight) / 2)
        return warped(width: newWidth, height: newHeight) { x, y in
            let dx = x - newCentre.x, dy = y - newCentre.y
            return (centre.x + dx * cosine + dy * sine, centre.y - dx * sine + dy * cosine)
        }
    }

    /// Each target pixel sampled bilinearly at `source(x, y)`; outside the image is white.
    private func warped(width newWidth: Int, height newHeight: Int,
                        source: (Double, Double) -> (Double, Double)) -> GrayImage {
        var result = [UInt8](repeating: 255, count: newWidth * newHeight)
        pixels.withUnsafeBufferPointer { input in
            result.withUnsafeMutableBufferPointer { output in
                for y in 0..<newHeight {
                    for x in 0..<newWidth {
                        let (sx, sy) = source(Double(x) + 0.5, Double(y) + 0.5)
                        let fx = sx - 0.5, fy = sy - 0.5
                        guard fx >= 0, fy >= 0, fx <= Double(width - 1), fy <= Double(height - 1) else { continue }
                        let x0 = Int(fx), y0 = Int(fy)
                        let x1 = Swift.min(x0 + 1, width - 1), y1 = Swift.min(y0 + 1, height - 1)
                        let ax = fx - Double(x0), ay = fy - Double(y0)
                        let top = Double(input[y0 * width + x0]) * (1 - ax) + Double(input[y0 * width + x1]) * ax
                        let bottom = Double(input[y1 * width + x0]) * (1 - ax) + Double(input[y1 * width + x1]) * ax
                        output[y * newWidth + x] = UInt8(clamping: Int((top * (1 - ay) + bottom * ay).rounded()))
                    }
                }
            }
        }
        return GrayImage(width: newWidth, height: newHeight, pixels: result)
    }

    /// One-dimensional area average of `lines` lines of `count` samples each, to `newCount`
    /// samples (Float: half the memory of Double for the intermediate): each target sample is the mean of the source span it covers, partial pixels
    /// weighted by the part covered. The result is transposed (lines become columns), so two
    /// calls shrink both directions and come back to row order.
    private static func areaAverage<Sample>(_ source: [Sample], count: Int, lines: Int, newCount: Int,
                                            value: (Sample) -> Float) -> [Float] {
        let span = Double(count) / Double(newCount)
        // Per target sample: the first source index and the weight of each source sample it covers.
        var spans: [(first: Int, weights: [Float])] = []
        spans.reserveCapacity(newCount)
        for target in 0..<newCount {
            let start = Double(target) * span, end = start + span
            let first = Int(start), last = Swift.min(count - 1, Int((end - 1e-9).rounded(.down)))
            var weights: [Float] = []
            for index in first...Swift.max(first, last) {
                let covered = Swift.min(end, Double(index + 1)) - Swift.max(start, Double(index))
                weights.append(Float(covered / span))
            }
            spans.append((first, weights))
        }
        var result = [Float](repeating: 0, count: newCount * lines)
        source.withUnsafeBufferPointer { input in
            result.withUnsafeMutableBufferPointer { output in
                for line in 0..<lines {
                    let base = line * count
                    for (target, entry) in spans.enumerated() {
                        var sum: Float = 0
                        for (offset, weight) in entry.weights.enumerated() {
                            sum += value(input[base + entry.first + offset]) * weight
                        }
                        output[target * lines + line] = sum
                    }
                }
            }
        }
        return result
    }
}
