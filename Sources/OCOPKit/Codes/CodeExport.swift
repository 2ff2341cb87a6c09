import Dispatch
import Foundation
import OCOPDomain
import OCOPRender
import OCOPStore

/// Signed codes as CSV (uri,short_code,serial), for printers' software and spreadsheets.
public enum CodeExport {
    public static let header = "uri,short_code,serial\n"
    /// The codes file of a batch issued `--pins`, written once: no later command can write the
    /// PINs again (the store keeps only their hashes).
    public static let headerWithPins = "uri,short_code,serial,pin\n"

    /// A line with the unit's PIN as its last column.
    static func withPin(_ line: String, _ pin: String) -> String {
        String(line.dropLast()) + "," + pin + "\n"
    }

    /// One CSV line: the signed URI (one Ed25519 signature), the printed short code, the serial.
    static func line(_ unit: UnitRecord, product: Product, book: CodeBook) -> Result<String, DomainError> {
        do throws(DomainError) {
            let uri = try book.unitLink(unit, product: product).uri
            return .success("\(uri),\(CodeBook.displayShortCode(unit.shortCode)),\(unit.serial)\n")
        } catch {
            return .failure(error)
        }
    }

    public static func csv(_ units: [UnitRecord], product: Product, book: CodeBook) throws(KitError) -> String {
        // Signing dominates (one Ed25519 base-point multiplication per unit): spread it over every core.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, units.count / 1000 + 1))
        let lines = LineSlots(count: units.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: units.count, by: workers) {
                lines.set(index, line(units[index], product: product, book: book))
            }
        }
        return try join(Array(lines.values))
    }

    static func join(_ lines: [Result<String, DomainError>], header: String = header) throws(KitError) -> String {
        var text = header
        text.reserveCapacity(lines.count * 200)
        for line in lines {
            switch line {
            case let .success(line): text += line
            case let .failure(error): throw .invalid(error)
            }
        }
        return text
    }

    /// One slot per unit; each worker writes only its own indices, so no two threads touch one slot.
    private final class LineSlots: @unchecked Sendable {
        private let slots: UnsafeMutableBufferPointer<Result<String, DomainError>>
        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: .success(""))
        }
        deinit {
            slots.deinitialize()
            slots.deallocate()
        }
        func set(_ index: Int, _ value: Result<String, DomainError>) { slots[index] = value }
        var values: UnsafeMutableBufferPointer<Result<String, DomainError>> { slots }
    }

    public static func write(_ units: [UnitRecord], product: Product, book: CodeBook, to path: String) throws(KitError) {
        try save(try csv(units, product: product, book: book), to: path)
    }

    public static func save(_ text: String, to path: String) throws(KitError) {
        do { try AtomicFile.write(text, to: path) } catch { throw .output(error) }
    }

    /// A codes file with PINs: created 0600, since the PINs are secrets until scratched.
    public static func savePrivate(_ text: String, to path: String) throws(KitError) {
        do { try AtomicFile.writePrivate(text, to: path) } catch { throw .output(error) }
    }
}
