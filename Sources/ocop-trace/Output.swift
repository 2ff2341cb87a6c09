import Foundation

/// Printing for queries: `--json` gives stable, sorted, pretty JSON; otherwise aligned text.
enum Printer {
    static func json<T: Encodable>(_ value: T) throws {
        print(try jsonText(value))
    }

    /// Pretty JSON with sorted keys, as `--json` prints it.
    static func jsonText<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Columns padded to their widest cell (counting characters, so Vietnamese lines up). Cells
    /// come from the store, so control characters in them are printed as escapes.
    static func table(_ header: [String], _ rows: [[String]]) {
        let all = ([header] + rows).map { row in row.map(TerminalText.escaped) }
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        for row in all {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }
            print(cells.joined(separator: "  "))
        }
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("ocop-trace: warning: \(TerminalText.escaped(message))\n".utf8))
    }

    /// Progress on a terminal only: pipes and CI logs stay clean.
    static let isTerminal = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil

    static func progress(_ done: Int, of total: Int, label: String) {
        guard isTerminal else { return }
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let end = done >= total ? "\n" : ""
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)\(end)".utf8))
    }
}
