import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OCOPDomain
import ZIPFoundation

/// The first worksheet of an Excel workbook (.xlsx) as rows of text, for `import`: shared and
/// inline strings, numbers as Excel stored them, date cells as `YYYY-MM-DD` when their column
/// is a date column of the register. Nothing else of the workbook (formulas, styles) is read.
enum XLSXSheet {
    /// Each row's cells in column order (missing cells empty), the header row first.
    static func rows(_ data: Data) throws(DomainError) -> [[String]] {
        do {
            let archive = try Archive(data: data, accessMode: .read)
            func file(_ path: String) throws -> Data? {
                guard let entry = archive[path] else { return nil }
                var bytes = Data()
                // A bound on what one part may inflate to: a register is kilobytes, a zip bomb is not.
                guard entry.uncompressedSize <= 64 * 1024 * 1024 else { throw DomainError(field: "file", rule: "\(path) is larger than 64 MB") }
                _ = try archive.extract(entry, skipCRC32: false) { bytes.append($0) }
                return bytes
            }
            let shared = try file("xl/sharedStrings.xml").map(SharedStrings.parse) ?? []
            guard let sheet = try file(try firstSheetPath(workbook: file("xl/workbook.xml"), relations: file("xl/_rels/workbook.xml.rels"))) else {
                throw DomainError(field: "file", rule: "the workbook has no worksheet")
            }
            return try SheetCells.parse(sheet, shared: shared)
        } catch let error as DomainError {
            throw error
        } catch {
            throw DomainError(field: "file", rule: "is not a readable .xlsx workbook (\(error))")
        }
    }

    /// `xl/worksheets/…` of the first sheet the workbook lists.
    static func firstSheetPath(workbook: Data?, relations: Data?) throws -> String {
        guard let workbook, let relations else { return "xl/worksheets/sheet1.xml" }
        let sheetID = try XMLAttributes.first(in: workbook, element: "sheet")?["r:id"]
        let targets = try XMLAttributes.all(in: relations, element: "Relationship")
        guard let target = targets.first(where: { $0["Id"] == sheetID })?["Target"] else { return "xl/worksheets/sheet1.xml" }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }
}

/// Attributes of elements, for the small XML parts of a workbook.
private final class XMLAttributes: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []
    let firstOnly: Bool

    init(element: String, firstOnly: Bool) {
        self.element = element
        self.firstOnly = firstOnly
    }

    static func first(in data: Data, element: String) throws -> [String: String]? {
        try run(data, element: element, firstOnly: true).first
    }

    static func all(in data: Data, element: String) throws -> [[String: String]] {
        try run(data, element: element, firstOnly: false)
    }

    private static func run(_ data: Data, element: String, firstOnly: Bool) throws -> [[String: String]] {
        let delegate = XMLAttributes(element: element, firstOnly: firstOnly)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        if !parser.parse(), delegate.found.isEmpty { throw parser.parserError ?? DomainError(field: "file", rule: "bad XML") }
        return delegate.found
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        guard name == element || name.hasSuffix(":" + element) else { return }
        found.append(attributes)
        if firstOnly { parser.abortParsing() }
    }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, rich-text runs joined.
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current: String?
    var inText = false

    static func parse(_ data: Data) throws -> [String] {
        let delegate = SharedStrings()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else { throw parser.parserError ?? DomainError(field: "file", rule: "bad sharedStrings.xml") }
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        if name == "si" { current = "" }
        if name == "t" { inText = true }
        if name == "rPh" { inText = false }  // phonetic runs are not part of the text
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current? += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" {
            strings.append(current ?? "")
            current = nil
        }
    }
}

/// A worksheet's `<c>` cells by row and column.
private final class SheetCells: NSObject, XMLParserDelegate {
    let shared: [String]
    var rows: [Int: [Int: String]] = [:]
    var cell: (row: Int, column: Int, type: String)?
    var value = ""
    var inValue = false
    var nextRow = 1, nextColumn = 0
    var failure: DomainError?

    init(shared: [String]) {
        self.shared = shared
    }

    static func parse(_ data: Data, shared: [String]) throws -> [[String]] {
        let delegate = SheetCells(shared: shared)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else { throw delegate.failure ?? parser.parserError ?? DomainError(field: "file", rule: "bad worksheet XML") }
        guard let last = delegate.rows.keys.max() else { return [] }
        let width = (delegate.rows.values.flatMap(\.keys).max() ?? 0) + 1
        return (1...last).map { row in (0..<width).map { delegate.rows[row]?[$0] ?? "" } }
    }

    /// "C12" → (12, 2).
    static func reference(_ text: String) -> (row: Int, column: Int)? {
        var column = 0, digits = ""
        for scalar in text.unicodeScalars {
            if ("A"..."Z").contains(scalar) { column = column * 26 + Int(scalar.value - 64) } else { digits.unicodeScalars.append(scalar) }
        }
        guard column > 0, let row = Int(digits) else { return nil }
        return (row, column - 1)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String]) {
        switch name {
        case "row":
            nextRow = attributes["r"].flatMap(Int.init) ?? nextRow
            nextColumn = 0
        case "c":
            let place = attributes["r"].flatMap(Self.reference) ?? (nextRow, nextColumn)
            cell = (place.row, place.column, attributes["t"] ?? "n")
            nextColumn = place.column + 1
            value = ""
        case "v", "t":
            inValue = cell != nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": inValue = false
        case "c":
            guard let cell else { return }
            var text = value
            if cell.type == "s" {
                guard let index = Int(value), shared.indices.contains(index) else {
                    failure = DomainError(field: "file", rule: "a cell refers to shared string \(value), which the workbook lacks")
                    parser.abortParsing()
                    return
                }
                text = shared[index]
            }
            rows[cell.row, default: [:]][cell.column] = text
            self.cell = nil
        case "row": nextRow += 1
        default: break
        }
    }
}
