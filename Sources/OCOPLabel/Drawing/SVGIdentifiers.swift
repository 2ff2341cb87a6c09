/// cairo names SVG groups and pictures after process-wide surface counters (`surface7`,
/// `image12`), so the same label drawn twice in one run gets different ids. Renumbering them in
/// order of first appearance makes the document depend on its content alone.
enum SVGIdentifiers {
    static func normalise(_ svg: [UInt8]) -> [UInt8] {
        let text = String(decoding: svg, as: UTF8.self)
        var numbers: [String: Int] = [:]
        let renumbered = text.replacing(/(?<kind>surface|image)(?<number>[0-9]+)/) { match in
            let key = String(match.output.0)
            if numbers[key] == nil { numbers[key] = numbers.count + 1 }
            return "\(match.output.kind)\(numbers[key]!)"
        }
        return Array(renumbered.utf8)
    }
}
