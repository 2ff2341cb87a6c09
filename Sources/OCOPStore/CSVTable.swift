import OCOPDomain
import SwiftCSV

/// Reads a spreadsheet export through SwiftCSV: strips Excel's BOM, checks the header against
/// the expected columns, and gives each data row with its spreadsheet row number (header = 1).
enum CSVTable {
    static func rows(_ text: String, columns: [String]) throws(StoreError) -> [(line: Int, cells: [String: String])] {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let table: CSV<Enumerated>
        // SwiftCSV pads short rows in `rows`; the raw enumeration keeps each row's real field count.
        var records: [[String]] = []
        do {
            table = try CSV<Enumerated>(string: body, delimiter: .comma, loadColumns: false)
            try table.enumerateAsArray(startAt: 1, rowLimit: nil) { records.append($0) }
        } catch {
            throw .importRow(row: 1, error: DomainError(field: "csv", rule: "cannot be parsed: \(error)"))
        }
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = columns.filter { !header.contains($0) }
        let unknown = header.filter { !columns.contains($0) }
        guard missing.isEmpty, unknown.isEmpty else {
            var problems: [String] = []
            if !missing.isEmpty { problems.append("missing \(missing.joined(separator: ", "))") }
            if !unknown.isEmpty { problems.append("unknown \(unknown.joined(separator: ", "))") }
            throw .importRow(row: 1, error: DomainError(field: "header", rule: problems.joined(separator: "; ") + "; expected " + columns.joined(separator: ",")))
        }
        guard !records.isEmpty else {
            throw .importRow(row: 2, error: DomainError(field: "csv", rule: "has a header but no rows"))
        }
        return try records.enumerated().map { (index, cells) throws(StoreError) in
            let line = index + 2
            guard cells.count == header.count else {
                throw .importRow(row: line, error: DomainError(field: "csv", rule: "has \(cells.count) fields, the header has \(header.count)"))
            }
            var row: [String: String] = [:]
            for (name, cell) in zip(header, cells) { row[name] = cell.trimmingCharacters(in: .whitespaces) }
            return (line, row)
        }
    }

    /// The header row, lower-cased, to tell which kind of file this is.
    static func header(_ text: String) -> [String] {
        let first = text.split(maxSplits: 1, whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return first.replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "\r", with: "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }
}
