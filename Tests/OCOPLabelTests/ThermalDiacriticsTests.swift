import OCOPLabel
import Testing
import TestSupport

/// At 203 dpi a thermal printer has 8 dots a millimetre: in the label's smallest text (the 5 pt
/// address) the horn of "ư", the hook of "ả" and the dot of "ạ" are one or two dots. Each marked
/// letter is rendered alone in a text box of the 50 × 30 mm label and compared with its bare
/// letter in the same place: the mark is the marked letter's ink beyond the bare letter's ink,
/// on the side where the mark belongs (above, below, or right for the horn).
@Suite struct ThermalDiacriticsTests {
    enum Side { case above, below, right }

    static let letters: [(marked: String, bare: String, side: Side)] = [
        ("ư", "u", .right), ("ơ", "o", .right), ("ả", "a", .above), ("ạ", "a", .below), ("ễ", "e", .above),
    ]
    /// The label's text elements from the smallest font up: address 5 pt, producer 5.5 pt bold,
    /// product name 9 pt bold.
    static let elements = ["address", "producer", "product name"]
    /// A mark of fewer dots is lost on paper; a vanished mark has none.
    static let smallestMarkDots = 2

    struct Ink {
        var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min
        var dots: [(x: Int, y: Int)] = []
    }

    /// The ink inside the box of `element` on a 50 × 30 mm label at 203 dpi whose text there is `letter`.
    func ink(_ letter: String, in element: String, bilevel: Bool) throws -> Ink {
        let template = try LabelFixtures.label("product-label-50x30")
        var data = LabelFixtures.data
        switch element {
        case "address": data.producer.address = letter
        case "producer": data.producer.name = letter
        default: data.product.name = letter
        }
        let bitmap: MonoBitmap
        if bilevel {
            bitmap = try ThermalRenderer(template, dpi: 203).prepare(data).whole(unit: data.unit)
        } else {
            // What a printer driver does with an anti-aliased label: every pixel darker than half is a dot.
            bitmap = MonoBitmap(try LabelRenderer(template, dpi: 203).raster(data))
        }
        let box = try #require(template.template.elements.first { $0.name == element }).box
        let perMM = 203 / 25.4
        var ink = Ink()
        for y in Int(box.y * perMM)..<Int(box.maxY * perMM) {
            for x in Int(box.x * perMM)..<Int(box.maxX * perMM) where bitmap.isDot(x: x, y: y) {
                ink.dots.append((x, y))
                ink.minX = min(ink.minX, x); ink.maxX = max(ink.maxX, x)
                ink.minY = min(ink.minY, y); ink.maxY = max(ink.maxY, y)
            }
        }
        return ink
    }

    /// Dots of `marked` beyond the ink of `bare` on `side`.
    func markDots(_ marked: Ink, beyond bare: Ink, on side: Side) -> Int {
        marked.dots.filter { dot in
            switch side {
            case .above: return dot.y < bare.minY
            case .below: return dot.y > bare.maxY
            case .right: return dot.x > bare.maxX
            }
        }.count
    }

    /// The mark's dots for every letter and text element, bilevel or thresholded.
    func marks(bilevel: Bool) throws -> [(letter: String, element: String, dots: Int)] {
        var found: [(String, String, Int)] = []
        for element in Self.elements {
            for (marked, bare, side) in Self.letters {
                let plain = try ink(bare, in: element, bilevel: bilevel)
                #expect(!plain.dots.isEmpty, "\(bare) drew no ink in \(element)")
                #expect(markDots(plain, beyond: plain, on: side) == 0, "the measure must find no mark on a bare letter")
                found.append((marked, element, markDots(try ink(marked, in: element, bilevel: bilevel), beyond: plain, on: side)))
            }
        }
        return found
    }

    @Test func everyMarkSurvivesBilevelRenderingAt203Dpi() throws {
        for (letter, element, dots) in try marks(bilevel: true) {
            #expect(dots >= Self.smallestMarkDots, "the mark of \(letter) in \(element) has \(dots) dots at 203 dpi")
        }
    }

    /// Why the thermal path renders bilevel: thresholding anti-aliased text loses marks at
    /// these sizes, and the assertion above is one that catches it.
    @Test func thresholdedAntiAliasedTextLosesMarksTheAssertionCatches() throws {
        let found = try marks(bilevel: false)
        let lost = found.filter { $0.dots < Self.smallestMarkDots }
        print("thresholded anti-aliased text, mark dots: " + found.map { "\($0.letter)/\($0.element) \($0.dots)" }.joined(separator: ", "))
        #expect(!lost.isEmpty, "thresholded anti-aliased text kept every mark")
    }
}
