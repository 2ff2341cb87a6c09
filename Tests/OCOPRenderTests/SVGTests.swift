import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OCOPQR
import OCOPRender
import TestSupport
import Testing

/// Reads our SVG back with an XML parser and rebuilds the dark modules from its path.
private final class SVGReader: NSObject, XMLParserDelegate {
    var attributes: [String: [String: String]] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String]) {
        self.attributes[name] = attributes
    }
}

@Suite struct SVGTests {
    @Test(arguments: [0, 2, 4])
    func darkSquaresEqualTheMatrix(margin: Int) throws {
        let matrix = try QREncoder().encode(SamplePayloads.vietnamese[2])
        let options = QRRenderOptions(margin: margin, dpi: 600)
        let svg = QRSVGWriter(options: options).svg(for: matrix)

        let parser = XMLParser(data: Data(svg.utf8))
        let reader = SVGReader()
        parser.delegate = reader
        #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")

        let root = try #require(reader.attributes["svg"])
        let side = matrix.size + 2 * margin
        #expect(root["viewBox"] == "0 0 \(side) \(side)")
        let millimetres = Double(side * options.modulePixels) / 600 * 25.4
        let width = try #require(root["width"].flatMap { Double($0.dropLast(2)) })
        #expect(abs(width - millimetres) < 0.001)

        // Each subpath is "M x y h n v1 h-n z": a run of n dark modules.
        let d = try #require(reader.attributes["path"]?["d"])
        var dark = Set<Int>()
        for piece in d.split(separator: "z") {
            let numbers = piece.split(whereSeparator: { "Mhv ".contains($0) }).compactMap { Int($0) }
            #expect(numbers.count == 5 && numbers[3] == 1 && numbers[4] == -numbers[2], "odd subpath \(piece)")
            let (x, y, run) = (numbers[0] - margin, numbers[1] - margin, numbers[2])
            for column in x..<(x + run) {
                #expect(dark.insert(y * matrix.size + column).inserted, "module drawn twice")
            }
        }
        let expected = Set(matrix.modules.indices.filter { matrix.modules[$0] })
        #expect(dark == expected)
    }
}
