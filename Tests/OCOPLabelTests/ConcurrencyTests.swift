import Foundation
import OCOPLabel
import Testing
import TestSupport

@Suite struct ConcurrencyTests {
    /// 200 labels on two threads are byte for byte the labels of one thread.
    @Test func twoThreadsGiveTheBytesOfOne() throws {
        let template = try LabelFixtures.label("product-label-50x30")
        let prepared = try LabelRenderer(template, dpi: 300).prepare(LabelFixtures.data)
        let units = (0..<200).map(LabelFixtures.unit)
        let single = try prepared.pngs(units: units, threads: 1)
        let double = try prepared.pngs(units: units, threads: 2)
        #expect(single.count == 200)
        #expect(single == double)
        #expect(Set(single.map { $0 }).count == 200, "every unit's label differs")
    }

    /// Whole renders (static part, pango layouts, PDF) on separate threads at once.
    @Test func independentRenderersOnTwoThreads() throws {
        let templates = try LabelFixtures.labelTemplates.map(LabelFixtures.label)
        let expected = try templates.map { try LabelRenderer($0).pdf(LabelFixtures.data) }
        let results = Box(count: templates.count * 10)
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for index in stride(from: worker, to: templates.count * 10, by: 2) {
                let template = templates[index % templates.count]
                results.set(index, try? LabelRenderer(template).pdf(LabelFixtures.data))
            }
        }
        for index in 0..<(templates.count * 10) {
            #expect(results.get(index) == expected[index % templates.count])
        }
    }
}

/// Slots written from several threads.
private final class Box: @unchecked Sendable {
    private var values: [[UInt8]?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: [UInt8]?) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> [UInt8]? { lock.withLock { values[index] } }
}
