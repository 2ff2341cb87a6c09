import Dispatch
import Foundation
import OCOPDomain
import OCOPStore

/// Signs the units of each issued chunk on a background queue as soon as the chunk is logged,
/// so signing overlaps the issuing transaction instead of following it.
final class SigningAhead: @unchecked Sendable {
    private let book: CodeBook
    private let product: Product
    private let group = DispatchGroup()
    private let lock = NSLock()
    /// Each chunk's lines in chunk order, by the seq of the log entry that issued it.
    private var chunks: [Int64: [(serial: String, line: Result<String, DomainError>)]] = [:]

    init(book: CodeBook, product: Product) {
        self.book = book
        self.product = product
    }

    func sign(_ chunk: [UnitRecord]) {
        guard let seq = chunk.first?.seq else { return }
        DispatchQueue.global().async(group: group) { [self] in
            let lines = chunk.map { (serial: $0.serial, line: CodeExport.line($0, product: product, book: book)) }
            lock.withLock { chunks[seq] = lines }
        }
    }

    /// The CSV of the committed units in issue order (log seq, then place in the chunk); a unit
    /// that no signed chunk holds at its place is signed now. With `pins`, each line ends with
    /// the unit's PIN (the `pin` column).
    func csv(for units: [UnitRecord], pins: [String: String]? = nil) throws(KitError) -> String {
        group.wait()
        var lines: [Result<String, DomainError>] = []
        lines.reserveCapacity(units.count)
        var index = 0
        var currentSeq: Int64 = -1
        for unit in units {
            if unit.seq != currentSeq { currentSeq = unit.seq; index = 0 }
            let signed = chunks[unit.seq].flatMap { index < $0.count && $0[index].serial == unit.serial ? $0[index].line : nil }
            let line = signed ?? CodeExport.line(unit, product: product, book: book)
            lines.append(pins.map { pins in line.map { CodeExport.withPin($0, pins[unit.serial] ?? "") } } ?? line)
            index += 1
        }
        return try CodeExport.join(lines, header: pins == nil ? CodeExport.header : CodeExport.headerWithPins)
    }
}
