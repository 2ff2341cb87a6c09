import OCOPDomain

/// The modules of one encoded barcode, without quiet zones: `rows` × `columns`, row by row,
/// `true` = dark. A linear symbol has one row (its bars, module by module); a GS1 DataMatrix
/// has as many rows as columns.
public struct BarcodeSymbol: Sendable, Equatable {
    public let symbology: GS1Symbology
    public let rows: Int
    public let columns: Int
    public let modules: [Bool]

    public init(symbology: GS1Symbology, rows: Int, columns: Int, modules: [Bool]) {
        precondition(modules.count == rows * columns, "a barcode needs rows × columns modules")
        self.symbology = symbology
        self.rows = rows
        self.columns = columns
        self.modules = modules
    }

    public subscript(column: Int, row: Int) -> Bool {
        modules[row * columns + column]
    }

    /// The runs of dark modules in `row`, left to right: a bar of a linear symbol, or a run of
    /// dark modules in a matrix row (drawn as one rectangle each).
    public func darkRuns(inRow row: Int) -> [Range<Int>] {
        let cells = modules[(row * columns)..<((row + 1) * columns)]
        return cells.indices.split { !modules[$0] }.map { ($0.first! - row * columns)..<($0.last! + 1 - row * columns) }
    }

}
