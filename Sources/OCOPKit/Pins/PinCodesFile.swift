import Foundation
import OCOPDomain

/// The PINs of a codes file written by `batch issue --pins` (uri,short_code,serial,pin): the
/// only place they exist, so labels with a `pin` element are rendered from it.
public enum PinCodesFile {
    /// PIN by serial.
    public static func read(_ path: String) throws(KitError) -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .output(.invalidOption("codes: cannot read \(path) as UTF-8 text"))
        }
        var lines = text.split(whereSeparator: \.isNewline).makeIterator()
        guard lines.next().map(String.init) == String(CodeExport.headerWithPins.dropLast()) else {
            throw .output(.invalidOption("codes: \(path) has no pin column (its first line must be uri,short_code,serial,pin, as `batch issue --pins` writes it)"))
        }
        var pins: [String: String] = [:]
        var number = 1
        while let line = lines.next() {
            number += 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, (try? ScratchPin(parsing: fields[3])) != nil else {
                throw .output(.invalidOption("codes: line \(number) of \(path) is not uri,short_code,serial,pin with an 8-digit PIN"))
            }
            pins[fields[2]] = fields[3]
        }
        return pins
    }
}
