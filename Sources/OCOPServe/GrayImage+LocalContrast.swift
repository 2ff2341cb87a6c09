import OCOPPNG

/// Filters that judge each pixel against its neighbourhood, so uneven light, glare and faded
/// print do not hide a code: a local-mean threshold and an unsharp mask.
extension GrayImage {
    /// Black where a pixel is darker than the mean around it (a square of `radius`) by more than
    /// `margin`, white elsewhere.
    func binarised(radius: Int, margin: Int) -> GrayImage {
        let mean = boxMean(radius: radius)
        var result = [UInt8](repeating: 255, count: pixels.count)
        for index in pixels.indices where Int(pixels[index]) + margin < Int(mean[index]) {
            result[index] = 0
        }
        return GrayImage(width: width, height: height, pixels: result)
    }

    /// Edges steepened against blur: each pixel pushed away from its local mean by `amount`.
    func sharpened(radius: Int, amount: Double) -> GrayImage {
        let mean = boxMean(radius: radius)
        var result = [UInt8](repeating: 0, count: pixels.count)
        for index in pixels.indices {
            let value = Double(pixels[index])
            result[index] = UInt8(clamping: Int((value + amount * (value - Double(mean[index]))).rounded()))
        }
        return GrayImage(width: width, height: height, pixels: result)
    }

    /// The mean of the square of `radius` around each pixel (clipped at the edges), from an
    /// integral image: the same cost for any radius.
    private func boxMean(radius: Int) -> [UInt8] {
        let stride = width + 1
        var integral = [Int](repeating: 0, count: stride * (height + 1))
        for y in 0..<height {
            var rowSum = 0
            for x in 0..<width {
                rowSum += Int(pixels[y * width + x])
                integral[(y + 1) * stride + x + 1] = integral[y * stride + x + 1] + rowSum
            }
        }
        var mean = [UInt8](repeating: 0, count: pixels.count)
        for y in 0..<height {
            let top = Swift.max(0, y - radius), bottom = Swift.min(height, y + radius + 1)
            for x in 0..<width {
                let left = Swift.max(0, x - radius), right = Swift.min(width, x + radius + 1)
                let sum = integral[bottom * stride + right] - integral[top * stride + right]
                    - integral[bottom * stride + left] + integral[top * stride + left]
                mean[y * width + x] = UInt8(sum / ((bottom - top) * (right - left)))
            }
        }
        return mean
    }
}
