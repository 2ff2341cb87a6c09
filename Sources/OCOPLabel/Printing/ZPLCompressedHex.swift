/// ZPL II's compressed ASCII hex for `~DG` and `^GF` graphics, the scheme every ZPL printer
/// reads (the `:Z64:` form is missing from older firmware and from many ZPL emulations).
///
/// Each row is hex digits (a set bit is a dot). Within a row a run of one digit becomes a count
/// and the digit: `G`-`Y` count 1-19, `g`-`y` count 20-380 in twenties, added together (`hJ0`
/// is 43 zeros). A row ending in zeros ends with `,`; a row equal to the one before is `:`.
enum ZPLCompressedHex {
    static let digits = Array("0123456789ABCDEF".utf8)

    static func encode(_ bitmap: MonoBitmap) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bitmap.bits.count / 2)
        var previous: ArraySlice<UInt8>?
        for y in 0..<bitmap.height {
            let row = bitmap.row(y)
            if let previous, previous.elementsEqual(row) {
                out.append(UInt8(ascii: ":"))
                continue
            }
            previous = row
            encodeRow(row, into: &out)
        }
        return out
    }

    private static func encodeRow(_ row: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var hex: [UInt8] = []
        hex.reserveCapacity(row.count * 2)
        for byte in row {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        var end = hex.count
        while end > 0 && hex[end - 1] == UInt8(ascii: "0") { end -= 1 }
        // "," fills the rest of the row with zeros: worth it from two zeros on.
        let fillsWithZeros = hex.count - end >= 2
        if !fillsWithZeros { end = hex.count }
        var index = 0
        while index < end {
            var run = 1
            while index + run < end && hex[index + run] == hex[index] { run += 1 }
            index += run
            // One count reaches 399; a longer run is written as several.
            while run > 0 {
                let part = min(run, 399)
                if part >= 2 { out += count(part) }
                out.append(hex[index - 1])
                run -= part
            }
        }
        if fillsWithZeros { out.append(UInt8(ascii: ",")) }
    }

    /// The count letters for 1-399 repeats.
    static func count(_ run: Int) -> [UInt8] {
        var letters: [UInt8] = []
        if run >= 20 { letters.append(UInt8(ascii: "f") + UInt8(run / 20)) }
        if run % 20 > 0 { letters.append(UInt8(ascii: "F") + UInt8(run % 20)) }
        return letters
    }
}
