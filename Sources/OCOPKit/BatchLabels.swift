import OCOPDomain
import OCOPLabel
import OCOPStore

/// A batch's label data and its units, handed out chunk by chunk with their codes, so
/// memory stays bounded for 100,000-unit batches.
struct BatchLabels {
    let inputs: LabelInputs
    let book: CodeBook
    let product: Product
    /// The batch's data, without unit values.
    let data: LabelData
    let units: [UnitRecord]
    let chunkSize: Int
    /// The unit code the label template asks for (`unit_code`): signed, or compact for small labels.
    var codeKind: CodeKind = .signed
    /// The scratch-off PINs by serial, from the batch's codes file (`label render --codes`).
    var pins: [String: String]? = nil

    /// Calls `body` with each chunk's units in issue order, then `progress` with (done, all).
    func forEachChunk(progress: (@Sendable (Int, Int) -> Void)?,
                      _ body: ([LabelData.Unit]) throws(KitError) -> Void) throws(KitError) {
        var done = 0
        for start in stride(from: 0, to: units.count, by: chunkSize) {
            let chunk = units[start..<min(start + chunkSize, units.count)]
            let values = try chunk.map { unit throws(KitError) in
                var value = try inputs.unit(unit, product: product, book: book, kind: codeKind)
                if let pins {
                    guard let pin = pins[unit.serial] else {
                        throw KitError.output(.invalidOption("codes: the codes file has no PIN for serial \(unit.serial) of this batch"))
                    }
                    value.pin = pin
                }
                return value
            }
            try body(values)
            done += values.count
            progress?(done, units.count)
        }
    }
}
