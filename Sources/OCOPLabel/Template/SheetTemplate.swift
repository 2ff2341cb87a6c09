/// A sticker sheet: a page with a grid of equal label cells, e.g. A4 with 4 × 10 cells.
///
/// Cell `(column, row)` starts at `margin.left + column × (label.width + gap.horizontal)` and
/// `margin.top + row × (label.height + gap.vertical)`; the right and bottom margins are what is
/// left and must not be negative. Any label template no larger than a cell tiles onto it, centred
/// in the cell; `label` names the one used when none is chosen.
public struct SheetTemplate: Sendable, Equatable, Decodable {
    public struct Margins: Sendable, Equatable, Decodable {
        public var top: Double
        public var left: Double

        enum CodingKeys: String, CodingKey, CaseIterable { case top, left }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            top = try container.decodeNumber(.top)
            left = try container.decodeNumber(.left)
        }
    }

    public struct Gaps: Sendable, Equatable, Decodable {
        public var horizontal: Double
        public var vertical: Double

        enum CodingKeys: String, CodingKey, CaseIterable { case horizontal, vertical }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
            horizontal = try container.decodeNumber(.horizontal)
            vertical = try container.decodeNumber(.vertical)
        }
    }

    public var name: String
    public var description: String?
    public var page: LabelSize
    public var columns: Int
    public var rows: Int
    /// The size of one cell (the die-cut sticker).
    public var cell: LabelSize
    public var margin: Margins
    public var gap: Gaps
    /// The label template used by default, by name (`product-label-48x27`), looked up beside the sheet.
    public var label: String?
    public var dpi: LabelTemplate.Resolution

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, name, description, page = "page_mm", columns, rows, cell = "label_mm", margin = "margin_mm"
        case gap = "gap_mm", label, dpi
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        guard kind == "sheet" else { throw container.invalid(.kind, "\"\(kind)\" is not a sheet template (\"kind\": \"sheet\")") }
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        page = try container.decode(LabelSize.self, forKey: .page)
        columns = try container.decode(Int.self, forKey: .columns)
        rows = try container.decode(Int.self, forKey: .rows)
        cell = try container.decode(LabelSize.self, forKey: .cell)
        margin = try container.decode(Margins.self, forKey: .margin)
        gap = try container.decode(Gaps.self, forKey: .gap)
        label = try container.decodeIfPresent(String.self, forKey: .label)
        dpi = try container.decodeIfPresent(LabelTemplate.Resolution.self, forKey: .dpi) ?? .init(default: 300, minimum: 300)
        if !(1...100).contains(columns) { throw container.invalid(.columns, "\(columns) is outside 1-100") }
        if !(1...100).contains(rows) { throw container.invalid(.rows, "\(rows) is outside 1-100") }
    }

    public var labelsPerPage: Int { columns * rows }

    /// What is left right of the last column and below the last row; negative means the grid overflows.
    public var rightMargin: Double {
        page.width - margin.left - Double(columns) * cell.width - Double(columns - 1) * gap.horizontal
    }

    public var bottomMargin: Double {
        page.height - margin.top - Double(rows) * cell.height - Double(rows - 1) * gap.vertical
    }

    /// The cell at `index` on its page, counted row by row from the top left.
    public func cellBox(_ index: Int) -> LabelBox {
        let column = index % columns, row = index / columns
        return LabelBox(
            x: margin.left + Double(column) * (cell.width + gap.horizontal),
            y: margin.top + Double(row) * (cell.height + gap.vertical),
            width: cell.width, height: cell.height
        )
    }
}
