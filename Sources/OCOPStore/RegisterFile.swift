import Foundation
import OCOPDomain

/// A register file as provinces keep them: the bytes are checked before any row is read, so a
/// file saved in the wrong encoding gets the fix instead of garbled names.
public enum RegisterFile {
    /// The file's text, UTF-8 (a BOM is fine); other encodings are refused with how to fix them.
    public static func text(_ data: Data, name: String) throws(StoreError) -> String {
        let bytes = [UInt8](data.prefix(4))
        let fix = "in Excel: File → Save As → \"CSV UTF-8 (Comma delimited)\", then import that file"
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .invalid(DomainError(field: "file", rule: "\(name) is UTF-16 text (Excel's \"Unicode Text\"); \(fix)"))
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw .invalid(DomainError(field: "file", rule: "\(name) is an Excel workbook (.xlsx), not CSV; \(fix)"))
        }
        guard let text = String(validatingUTF8: data) else {
            throw .invalid(DomainError(field: "file", rule: "\(name) is not UTF-8 text; it looks like Windows-1258 or another Vietnamese 8-bit code page (Excel's plain \"CSV\"); \(fix)"))
        }
        return text
    }
}

extension String {
    /// The text of `data` when it is valid UTF-8.
    init?(validatingUTF8 data: Data) {
        guard let text = String(bytes: data, encoding: .utf8) else { return nil }
        self = text
    }
}
