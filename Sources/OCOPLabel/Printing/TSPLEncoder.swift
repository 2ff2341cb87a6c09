/// TSPL/TSPL2 for TSC, Xprinter and similar printers. Lines end in CR LF; picture data is binary.
///
/// ```
/// SIZE 50 mm,30 mm                 the label on the roll
/// GAP 2 mm,0 mm                    (GAP 0,0: continuous stock)
/// DIRECTION 1,0                    as TSC's own drivers send bitmaps
/// REFERENCE 0,0
/// DENSITY 8                        darkness 0-15
/// DOWNLOAD "OCOPLBL.BMP",<bytes>,<1-bit BMP>   the background, stored in printer RAM once
/// CLS
/// PUTBMP 0,0,"OCOPLBL.BMP"         the background recalled
/// BITMAP 192,8,<bytes per row>,<rows>,0,<bits>  the unit's QR code and short code (mode 0: overwrite)
/// PRINT 1,1
/// …CLS … PRINT 1,1 per unit…
/// KILL "OCOPLBL.BMP"               the background deleted
/// ```
/// In `BITMAP` data a 0 bit prints a dot and a 1 bit leaves paper white.
struct TSPLEncoder: PrintCommandEncoder {
    private var file: String { "\"\(Self.backgroundName).BMP\"" }

    func start(_ media: PrintMedia, background: MonoBitmap) -> [UInt8] {
        let mm = MillimetreText.format
        let gap = media.isContinuous ? "GAP 0,0" : "GAP \(mm(media.settings.gapMM)) mm,0 mm"
        let bmp = MonochromeBMP.encode(background, dpi: media.dpi)
        var out = Array(("SIZE \(mm(media.stock.width)) mm,\(mm(media.stock.height)) mm\r\n\(gap)\r\n"
            + "DIRECTION 1,0\r\nREFERENCE 0,0\r\nDENSITY \(media.settings.tsplDensity)\r\n"
            + "DOWNLOAD \(file),\(bmp.count),").utf8)
        out += bmp
        out += Array("\r\n".utf8)
        return out
    }

    func label(_ media: PrintMedia, unitPart: MonoBitmap?, at region: PixelRect) -> [UInt8] {
        var out = Array("CLS\r\nPUTBMP \(media.originX),\(media.originY),\(file)\r\n".utf8)
        if let unitPart {
            out += Array("BITMAP \(media.originX + region.x),\(media.originY + region.y),\(unitPart.bytesPerRow),\(unitPart.height),0,".utf8)
            for y in 0..<unitPart.height { out += Self.inverted(unitPart.row(y), width: unitPart.width) }
            out += Array("\r\n".utf8)
        }
        out += Array("PRINT 1,1\r\n".utf8)
        return out
    }

    func end() -> [UInt8] {
        Array("KILL \(file)\r\n".utf8)
    }

    /// A row with dots as 0 bits, the padding past `width` white (1).
    static func inverted(_ row: ArraySlice<UInt8>, width: Int) -> [UInt8] {
        var bytes = row.map { ~$0 }
        let spare = bytes.count * 8 - width
        if spare > 0, !bytes.isEmpty { bytes[bytes.count - 1] |= UInt8((1 << spare) - 1) }
        return bytes
    }
}
