import OCOPDomain
import SwiftCSV

/// Reads a spreadsheet export through SwiftCSV: strips Excel's BOM, takes `;` as well as `,`
/// (Excel's "CSV" in a Vietnamese locale separates with semicolons), checks the header against
/// the expected columns, and gives each data row with its spreadsheet row number (header = 1).
enum CSVTable {
    /// A data row: its cells by column name, or why it cannot be read (a wrong field count).
    struct Row {
        let line: Int
        let cells: [String: String]
        let problem: DomainError?
    }

    static func rows(_ text: String, columns: [String], optional: [String] = []) throws(StoreError) -> [Row] {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let table: CSV<Enumerated>
        // SwiftCSV pads short rows in `rows`; the raw enumeration keeps each row's real field count.
        var records: [[String]] = []
        do {
            table = try CSV<Enumerated>(string: body, delimiter: delimiter(of: body), loadColumns: false)
            try table.enumerateAsArray(startAt: 1, rowLimit: nil) { records.append($0) }
        } catch {
            throw .importRow(row: 1, error: DomainError(field: "csv", rule: "cannot be parsed: \(error)"))
        }
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = columns.filter { !header.contains($0) }
        let unknown = header.filter { !columns.contains($0) && !optional.contains($0) }
        guard missing.isEmpty, unknown.isEmpty else {
            var problems: [String] = []
            if !missing.isEmpty { problems.append("missing \(missing.joined(separator: ", "))") }
            if !unknown.isEmpty { problems.append("unknown \(unknown.joined(separator: ", "))") }
            throw .importRow(row: 1, error: DomainError(field: "header", rule: problems.joined(separator: "; ") + "; expected " + columns.joined(separator: ",")
                + (optional.isEmpty ? "" : " (and optionally " + optional.joined(separator: ",") + ")")))
        }
        // Rows left empty at the end of a sheet (Excel keeps a few) are not data.
        while let last = records.last, last.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { records.removeLast() }
        guard !records.isEmpty else {
            throw .importRow(row: 2, error: DomainError(field: "csv", rule: "has a header but no rows"))
        }
        return records.enumerated().map { index, cells in
            let line = index + 2
            guard cells.count == header.count else {
                return Row(line: line, cells: [:],
                           problem: DomainError(field: "csv", rule: "has \(cells.count) fields, the header has \(header.count)"))
            }
            var row: [String: String] = [:]
            for (name, cell) in zip(header, cells) { row[name] = cell.trimmingCharacters(in: .whitespaces) }
            return Row(line: line, cells: row, problem: nil)
        }
    }

    /// `;` when the header line has more semicolons than commas.
    static func delimiter(of text: String) -> CSVDelimiter {
        let first = text.prefix { !$0.isNewline }
        return first.filter { $0 == ";" }.count > first.filter { $0 == "," }.count ? .semicolon : .comma
    }

    /// The header row, lower-cased, to tell which kind of file this is.
    static func header(_ text: String) -> [String] {
        let first = text.split(maxSplits: 1, whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let separator: Character = delimiter(of: first) == .semicolon ? ";" : ","
        return first.replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "\r", with: "")
            .split(separator: separator).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }
}

/// A field written to CSV (RFC 4180): quoted when it holds a comma, a quote or a line break.
public enum CSVField {
    public static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
