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
        let samples = pixels.map(Float.init)
        let narrow = samples.withUnsafeBufferPointer { Self.areaAverage($0, count: width, lines: height, newCount: newWidth) }
        let small = narrow.withUnsafeBufferPointer { Self.areaAverage($0, count: height, lines: newWidth, newCount: newHeight) }
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

    /// The source span each target sample of a line covers: its first source index and the
    /// weight of each source sample in it (partial pixels weighted by the part covered), flat.
    private struct Spans {
        var first: [Int] = [], start: [Int] = [], weights: [Float] = []

        init(count: Int, newCount: Int) {
            let span = Double(count) / Double(newCount)
            for target in 0..<newCount {
                let from = Double(target) * span, to = from + span
                let firstIndex = Int(from), last = Swift.min(count - 1, Int((to - 1e-9).rounded(.down)))
                first.append(firstIndex)
                start.append(weights.count)
                for index in firstIndex...Swift.max(firstIndex, last) {
                    let covered = Swift.min(to, Double(index + 1)) - Swift.max(from, Double(index))
                    weights.append(Float(covered / span))
                }
            }
            start.append(weights.count)
        }
    }

    /// One-dimensional area average of `lines` lines of `count` samples each, to `newCount`
    /// samples (Float: half the memory of Double for the intermediate). The result is transposed
    /// (lines become columns), so two calls shrink both directions and come back to row order.
    /// Raw pointers throughout: a 12 MP photo is 36 million weighted samples, and checked array
    /// access made this the slowest step of a decode.
    private static func areaAverage(_ source: UnsafeBufferPointer<Float>, count: Int, lines: Int, newCount: Int) -> [Float] {
        let spans = Spans(count: count, newCount: newCount)
        var result = [Float](repeating: 0, count: newCount * lines)
        spans.first.withUnsafeBufferPointer { first in
            spans.start.withUnsafeBufferPointer { start in
                spans.weights.withUnsafeBufferPointer { weights in
                    result.withUnsafeMutableBufferPointer { output in
                        let input = source.baseAddress!, out = output.baseAddress!
                        let first = first.baseAddress!, start = start.baseAddress!, weights = weights.baseAddress!
                        for line in 0..<lines {
                            let row = input + line * count
                            var target = 0
                            while target < newCount {
                                var sum: Float = 0
                                let sample = row + first[target]
                                var weight = start[target], offset = 0
                                let end = start[target + 1]
                                while weight < end {
                                    sum += sample[offset] * weights[weight]
                                    weight += 1; offset += 1
                                }
                                out[target * lines + line] = sum
                                target += 1
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
