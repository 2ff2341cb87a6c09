import CCairo
import OCOPQR
#if canImport(Glibc)
import Glibc
#endif

/// A cairo RGB24 image surface (one 32-bit 0x00RRGGBB word per pixel) that labels are drawn on,
/// with direct pixel access for QR modules.
final class RasterCanvas {
    let surface: OpaquePointer
    let width: Int
    let height: Int
    let stride: Int

    init(width: Int, height: Int) throws(LabelError) {
        guard width > 0, height > 0, width <= 32_767, height <= 32_767 else {
            throw .graphics(operation: "cairo_image_surface_create", status: "\(width) × \(height) pixels is out of range")
        }
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
        self.width = width
        self.height = height
        stride = Int(cairo_image_surface_get_stride(surface))
        try CairoStatus.check(surface: surface, "cairo_image_surface_create")
    }

    deinit {
        cairo_surface_destroy(surface)
    }

    var byteCount: Int { stride * height }

    private var data: UnsafeMutablePointer<UInt8> { cairo_image_surface_get_data(surface)! }

    /// Replaces every pixel with `pixels` (a snapshot of a canvas of the same size).
    func load(_ pixels: [UInt8]) {
        cairo_surface_flush(surface)
        pixels.withUnsafeBufferPointer { source in
            _ = memcpy(data, source.baseAddress!, min(source.count, byteCount))
        }
        cairo_surface_mark_dirty(surface)
    }

    /// A copy of every pixel.
    func snapshot() -> [UInt8] {
        cairo_surface_flush(surface)
        return Array(UnsafeBufferPointer(start: data, count: byteCount))
    }

    /// Sets the QR symbol's pixels directly: the quiet zone and light modules white, dark
    /// modules `color`, each module exactly `placement.modulePixels` square. No resampling,
    /// no anti-aliasing: the edges a scanner sees are the pixel grid.
    func drawQR(_ matrix: QRMatrix, at placement: QRModuleSize.RasterPlacement, color: LabelColor) {
        cairo_surface_flush(surface)
        let dark = color.rgb24, light = LabelColor.white.rgb24
        let quiet = QRElement.quietZoneModules * placement.modulePixels
        let base = UnsafeMutableRawPointer(data)
        for row in 0..<placement.side {
            let y = placement.y + row
            guard y >= 0, y < height else { continue }
            let pixelRow = (base + y * stride).assumingMemoryBound(to: UInt32.self)
            let moduleY = (row - quiet) / placement.modulePixels
            let insideY = row >= quiet && moduleY < matrix.size
            for column in 0..<placement.side {
                let x = placement.x + column
                guard x >= 0, x < width else { continue }
                let moduleX = (column - quiet) / placement.modulePixels
                let isDark = insideY && column >= quiet && moduleX < matrix.size && matrix[moduleX, moduleY]
                pixelRow[x] = isDark ? dark : light
            }
        }
        cairo_surface_mark_dirty(surface)
    }

    /// The pixels as 8-bit gray (for templates whose colours are all grays) or RGB.
    func raster(monochrome: Bool) -> LabelRaster {
        cairo_surface_flush(surface)
        let base = UnsafeRawPointer(data)
        if monochrome {
            var gray = [UInt8](repeating: 0, count: width * height)
            gray.withUnsafeMutableBufferPointer { out in
                for y in 0..<height {
                    let row = (base + y * stride).assumingMemoryBound(to: UInt32.self)
                    let target = out.baseAddress! + y * width
                    // Red, green and blue are equal on a gray design; blue is the low byte.
                    for x in 0..<width { target[x] = UInt8(truncatingIfNeeded: row[x]) }
                }
            }
            return LabelRaster(width: width, height: height, pixels: .gray(gray))
        }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        rgb.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = (base + y * stride).assumingMemoryBound(to: UInt32.self)
                var target = out.baseAddress! + y * width * 3
                for x in 0..<width {
                    let pixel = row[x]
                    target[0] = UInt8(truncatingIfNeeded: pixel >> 16)
                    target[1] = UInt8(truncatingIfNeeded: pixel >> 8)
                    target[2] = UInt8(truncatingIfNeeded: pixel)
                    target += 3
                }
            }
        }
        return LabelRaster(width: width, height: height, pixels: .rgb(rgb))
    }
}
