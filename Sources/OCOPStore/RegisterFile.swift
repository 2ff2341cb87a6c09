import Foundation
import OCOPDomain

/// A register file as provinces keep them: the bytes are checked before any row is read, so a
/// file saved in the wrong encoding gets the fix instead of garbled names.
public enum RegisterFile {
    /// The file's text, UTF-8 (a BOM is fine); other encodings are refused with how to fix them.
    /// An Excel workbook (.xlsx) is read directly: its first sheet, as CSV text.
    public static func text(_ data: Data, name: String) throws(StoreError) -> String {
        let bytes = [UInt8](data.prefix(4))
        let fix = "in Excel: File → Save As → \"CSV UTF-8 (Comma delimited)\", then import that file"
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .invalid(DomainError(field: "file", rule: "\(name) is UTF-16 text (Excel's \"Unicode Text\"); \(fix)"))
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            do {
                return csv(try XLSXSheet.rows(data))
            } catch {
                throw .invalid(DomainError(field: "file", rule: "\(name): \(error.rule); or \(fix)"))
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalid(DomainError(field: "file", rule: "\(name) is not UTF-8 text; it looks like Windows-1258 or another Vietnamese 8-bit code page (Excel's plain \"CSV\"); \(fix)"))
        }
        return text
    }
}

extension RegisterFile {
    /// Rows of a sheet as CSV. Cells of a date column that Excel keeps as day numbers (days
    /// since 1899-12-30) become `YYYY-MM-DD`.
    static func csv(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        let dateColumns = Set(header.indices.filter { header[$0].lowercased().hasSuffix("date") })
        return rows.enumerated().map { index, row in
            row.enumerated().map { column, cell in
                var text = cell
                if index > 0, dateColumns.contains(column), let serial = Double(cell), serial > 0, serial < 2_958_466 {
                    text = CalendarDate(dayNumber: Int(serial) - 25_569).iso8601
                }
                return CSVField.quoted(text)
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }
}
