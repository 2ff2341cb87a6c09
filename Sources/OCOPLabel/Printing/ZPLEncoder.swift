/// ZPL II for Zebra printers and ZPL emulations.
///
/// ```
/// ~SD15                                          darkness 0-30
/// ~DGR:OCOPLBL.GRF,<bytes>,<bytes per row>,<data>  the background, stored in printer RAM once
/// ^XA^PW400^LL240^LH0,0^MNY^MMT^PON              one label: width, length, gap sensing
/// ^FO0,0^XGR:OCOPLBL.GRF,1,1^FS                  the background recalled
/// ^FO192,8^GFA,<bytes>,<bytes>,<bytes per row>,<data>^FS   the unit's QR code and short code
/// ^PQ1^XZ
/// …one ^XA…^XZ per unit…
/// ^XA^IDR:OCOPLBL.GRF^FS^XZ                      the background deleted
/// ```
/// Graphic data is compressed ASCII hex (`ZPLCompressedHex`). ZPL draws a graphic's dots over
/// what is there, so the unit region is white in the background and complete in the unit's part.
struct ZPLEncoder: PrintCommandEncoder {
    private var graphic: String { "R:\(Self.backgroundName).GRF" }

    func start(_ media: PrintMedia, background: MonoBitmap) -> [UInt8] {
        var out = Array("~SD\(twoDigits(media.settings.zplDarkness))\n".utf8)
        out += Array("~DG\(graphic),\(background.bits.count),\(background.bytesPerRow),".utf8)
        out += ZPLCompressedHex.encode(background)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    func label(_ media: PrintMedia, unitPart: MonoBitmap?, at region: PixelRect) -> [UInt8] {
        // ^MNY senses the gap between die-cut labels; ^MNN is continuous stock cut to ^LL.
        var out = Array(("^XA^PW\(media.widthDots)^LL\(media.lengthDots)^LH0,0^MN\(media.isContinuous ? "N" : "Y")^MMT^PON\n"
            + "^FO\(media.originX),\(media.originY)^XG\(graphic),1,1^FS\n").utf8)
        if let unitPart {
            let bytes = unitPart.bits.count
            out += Array("^FO\(media.originX + region.x),\(media.originY + region.y)^GFA,\(bytes),\(bytes),\(unitPart.bytesPerRow),".utf8)
            out += ZPLCompressedHex.encode(unitPart)
            out += Array("^FS\n".utf8)
        }
        out += Array("^PQ1^XZ\n".utf8)
        return out
    }

    func end() -> [UInt8] {
        Array("^XA^ID\(graphic)^FS^XZ\n".utf8)
    }

    private func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
